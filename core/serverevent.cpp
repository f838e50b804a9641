#include "serverevent.h"

#include <QDateTime>

#include <algorithm>

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
    case EventKind::Capacity: return QStringLiteral("capacity");
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

QString ServerEvent::toText(DataFormat format) const
{
    // Formatting a QDateTime costs microseconds (time zone rules); under a flood of events the
    // "HH:mm:ss." part is made once per second and only the milliseconds per event.
    thread_local qint64 cachedSecond = -1;
    thread_local QString cachedPrefix;
    const qint64 second = timeMs / 1000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cachedPrefix = QDateTime::fromMSecsSinceEpoch(second * 1000).toString(QStringLiteral("HH:mm:ss."));
    }
    static const QString levels[] = {
        QLatin1Char(' ') + levelName(LogLevel::Debug).toUpper().leftJustified(8),
        QLatin1Char(' ') + levelName(LogLevel::Info).toUpper().leftJustified(8),
        QLatin1Char(' ') + levelName(LogLevel::Warning).toUpper().leftJustified(8),
        QLatin1Char(' ') + levelName(LogLevel::Error).toUpper().leftJustified(8),
    };
    // Written in place into a line of the exact size: appending piece by piece (and
    // QString::number for the id) reallocated and allocated for every event.
    const QString &levelText = levels[int(level)];
    char idDigits[21];
    int idSize = 0;
    for (quint64 v = connectionId; v; v /= 10)
        idDigits[idSize++] = char('0' + v % 10);
    const qsizetype head = cachedPrefix.size() + 3 + levelText.size() + (connectionId ? idSize + 2 : 0)
        + (peer.isEmpty() ? 0 : peer.size() + 1);
    QString line(head + text.size(), Qt::Uninitialized);
    QChar *out = line.data();
    const auto copy = [&out](const QString &from) {
        std::copy(from.cbegin(), from.cend(), out);
        out += from.size();
    };
    copy(cachedPrefix);
    const int ms = int(timeMs % 1000);
    *out++ = QLatin1Char(char('0' + ms / 100));
    *out++ = QLatin1Char(char('0' + ms / 10 % 10));
    *out++ = QLatin1Char(char('0' + ms % 10));
    copy(levelText);
    if (connectionId) {
        *out++ = QLatin1Char('#');
        while (idSize)
            *out++ = QLatin1Char(idDigits[--idSize]);
        *out++ = QLatin1Char(' ');
    }
    if (!peer.isEmpty()) {
        copy(peer);
        *out++ = QLatin1Char(' ');
    }
    copy(text);
    if (!data.isEmpty()) {
        if (format != DataFormat::Hex) {
            line += QLatin1String("  '");
            line += printableData(data);
            line += QLatin1Char('\'');
        }
        if (format != DataFormat::Text) {
            line += QLatin1String("  [");
            line += hexData(data);
            line += QLatin1Char(']');
        }
    }
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
