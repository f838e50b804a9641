#include "serverevent.h"

#include <QDateTime>

namespace tcplab {

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Lifecycle: return QStringLiteral("lifecycle");
    case EventKind::Accepted: return QStringLiteral("accepted");
    case EventKind::Report: return QStringLiteral("report");
    case EventKind::Received: return QStringLiteral("received");
    case EventKind::Sent: return QStringLiteral("sent");
    case EventKind::Closed: return QStringLiteral("closed");
    case EventKind::Timeout: return QStringLiteral("timeout");
    case EventKind::Error: return QStringLiteral("error");
    case EventKind::Client: return QStringLiteral("client");
    case EventKind::Dropped: return QStringLiteral("dropped");
    }
    return {};
}

QString printableData(const QByteArray &data, int limit)
{
    QString out;
    out.reserve(std::min<int>(int(data.size()), limit) + 8);
    const int n = std::min<int>(int(data.size()), limit);
    for (int i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\r')
            out += QLatin1String("\\r");
        else if (c == '\t')
            out += QLatin1String("\\t");
        else if (c == '\\')
            out += QLatin1String("\\\\");
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(char(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    if (data.size() > limit)
        out += QStringLiteral("... (%1 bytes)").arg(data.size());
    return out;
}

QString hexData(const QByteArray &data, int limit)
{
    QString out = QString::fromLatin1(data.left(limit).toHex(' '));
    if (data.size() > limit)
        out += QStringLiteral(" ... (%1 bytes)").arg(data.size());
    return out;
}

QString ServerEvent::toText() const
{
    QString line = QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    line += QLatin1Char(' ') + levelName(level).toUpper().leftJustified(7);
    if (connectionId)
        line += QStringLiteral("#%1 ").arg(connectionId);
    if (!peer.isEmpty())
        line += peer + QLatin1Char(' ');
    line += text;
    if (!data.isEmpty())
        line += QStringLiteral(" '") + printableData(data) + QLatin1Char('\'');
    return line;
}

QJsonObject ServerEvent::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("type")] = QStringLiteral("event");
    o[QStringLiteral("time")] = QDateTime::fromMSecsSinceEpoch(timeMs).toString(Qt::ISODateWithMs);
    o[QStringLiteral("connection")] = qint64(connectionId);
    o[QStringLiteral("peer")] = peer;
    o[QStringLiteral("kind")] = eventKindName(kind);
    o[QStringLiteral("level")] = levelName(level);
    o[QStringLiteral("text")] = text;
    if (!data.isEmpty())
        o[QStringLiteral("data_hex")] = QString::fromLatin1(data.toHex());
    return o;
}

} // namespace tcplab
