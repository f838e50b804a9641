#include "procnet.h"

#include <QCoreApplication>
#include <QFile>

#include <arpa/inet.h>
#include <cstring>
#include <unistd.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

QByteArray readProcNetFile(const QString &name)
{
    QFile f(QStringLiteral("/proc/thread-self/net/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        f.setFileName(QStringLiteral("/proc/net/") + name);
        if (!f.open(QIODevice::ReadOnly))
            return {};
    }
    return f.readAll();
}

// netstat and snmp come as pairs of lines: "TcpExt: Name1 Name2" then "TcpExt: 1 2".
void parseCounterPairs(const QByteArray &text, QMap<QString, qint64> *out)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i + 1 < lines.size(); i += 2) {
        const QList<QByteArray> names = lines[i].simplified().split(' ');
        const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
        if (names.size() != values.size() || names.isEmpty())
            continue;
        QString prefix = QString::fromLatin1(names.first());
        prefix.chop(1); // the colon
        for (int k = 1; k < names.size(); ++k)
            out->insert(prefix + QLatin1Char('.') + QString::fromLatin1(names[k]), values[k].toLongLong());
    }
}

} // namespace

QMap<QString, qint64> readNetCounters()
{
    QMap<QString, qint64> counters;
    parseCounterPairs(readProcNetFile(QStringLiteral("netstat")), &counters);
    parseCounterPairs(readProcNetFile(QStringLiteral("snmp")), &counters);
    return counters;
}

qint64 counterDelta(const QMap<QString, qint64> &before, const QMap<QString, qint64> &after, const QString &key)
{
    return after.value(key) - before.value(key);
}

namespace {

// The kernel prints an address as its 32-bit words in network order, each read as a host integer.
QHostAddress procAddress(const QByteArray &hex)
{
    if (hex.size() == 8)
        return QHostAddress(ntohl(quint32(hex.toUInt(nullptr, 16))));
    if (hex.size() != 32)
        return {};
    quint8 bytes[16];
    for (int i = 0; i < 4; ++i) {
        const quint32 word = quint32(hex.mid(i * 8, 8).toUInt(nullptr, 16));
        std::memcpy(bytes + 4 * i, &word, 4);
    }
    return QHostAddress(bytes);
}

void readTable(const QString &name, QList<ProcTcpSocket> *out)
{
    // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt ..."
    const QList<QByteArray> lines = readProcNetFile(name).split('\n');
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        if (f.size() < 7)
            continue;
        const QList<QByteArray> local = f[1].split(':');
        const QList<QByteArray> remote = f[2].split(':');
        const QList<QByteArray> timer = f[5].split(':');
        if (local.size() != 2 || remote.size() != 2 || timer.size() != 2)
            continue;
        ProcTcpSocket s;
        s.localPort = quint16(local[1].toUInt(nullptr, 16));
        s.remotePort = quint16(remote[1].toUInt(nullptr, 16));
        s.local = SocketEndpoint(procAddress(local[0]), s.localPort);
        s.remote = SocketEndpoint(procAddress(remote[0]), s.remotePort);
        s.family = s.local.family();
        if (s.family == AF_INET) {
            s.localAddress = s.local.address().toIPv4Address();
            s.remoteAddress = s.remote.address().toIPv4Address();
        }
        s.state = f[3].toInt(nullptr, 16);
        s.timer = timer[0].toInt(nullptr, 16);
        // Printed as a signed clock_t cast to unsigned: an expired timer shows as a huge value.
        const qint32 ticks = qint32(timer[1].toUInt(nullptr, 16));
        s.timerMs = qint64(ticks) * 1000 / ticksPerSecond;
        s.timerCount = f[6].toInt(nullptr, 16);
        out->append(s);
    }
}

} // namespace

QList<ProcTcpSocket> readProcTcp()
{
    QList<ProcTcpSocket> out;
    readTable(QStringLiteral("tcp"), &out);
    readTable(QStringLiteral("tcp6"), &out);
    return out;
}

QString procTimerName(int timer)
{
    switch (timer) {
    case 0: return tr("none");
    case 1: return tr("retransmit");
    case 2: return tr("keep-alive");
    case 3: return tr("TIME_WAIT");
    case 4: return tr("zero-window probe");
    default: return QString::number(timer);
    }
}

} // namespace tcplab
