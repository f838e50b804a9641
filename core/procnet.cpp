#include "procnet.h"

#include <QCoreApplication>
#include <QFile>

#include <arpa/inet.h>
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

QList<ProcTcpSocket> readProcTcp()
{
    // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt ..."
    QList<ProcTcpSocket> out;
    const QList<QByteArray> lines = readProcNetFile(QStringLiteral("tcp")).split('\n');
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
        // The kernel prints the address as the u32 in network order read as a host integer.
        s.localAddress = ntohl(quint32(local[0].toUInt(nullptr, 16)));
        s.localPort = quint16(local[1].toUInt(nullptr, 16));
        s.remoteAddress = ntohl(quint32(remote[0].toUInt(nullptr, 16)));
        s.remotePort = quint16(remote[1].toUInt(nullptr, 16));
        s.state = f[3].toInt(nullptr, 16);
        s.timer = timer[0].toInt(nullptr, 16);
        // Printed as a signed clock_t cast to unsigned: an expired timer shows as a huge value.
        const qint32 ticks = qint32(timer[1].toUInt(nullptr, 16));
        s.timerMs = qint64(ticks) * 1000 / ticksPerSecond;
        s.timerCount = f[6].toInt(nullptr, 16);
        out.append(s);
    }
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
