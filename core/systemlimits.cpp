#include "systemlimits.h"

#include "serverconfig.h"

#include <QCoreApplication>
#include <QFile>

namespace tcplab {

QString SystemLimits::read(const QString &sysctlName)
{
    QString path = QStringLiteral("/proc/sys/") + sysctlName;
    path.replace(QLatin1Char('.'), QLatin1Char('/'));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).simplified();
}

long SystemLimits::readNumber(const QString &sysctlName, long fallback)
{
    bool ok = false;
    const long v = read(sysctlName).section(QLatin1Char(' '), 0, 0).toLong(&ok);
    return ok ? v : fallback;
}

QList<SystemLimit> SystemLimits::all()
{
    static const struct { const char *name; const char *meaning; } known[] = {
        {"net.core.somaxconn", QT_TRANSLATE_NOOP("Option", "cap on every listen() backlog")},
        {"net.ipv4.tcp_max_syn_backlog", QT_TRANSLATE_NOOP("Option", "half-open (SYN_RECV) connections per listener")},
        {"net.ipv4.tcp_fastopen", QT_TRANSLATE_NOOP("Option", "Fast Open bits: 1 client, 2 server")},
        {"net.core.rmem_max", QT_TRANSLATE_NOOP("Option", "largest SO_RCVBUF a process may ask for")},
        {"net.core.wmem_max", QT_TRANSLATE_NOOP("Option", "largest SO_SNDBUF a process may ask for")},
        {"net.ipv4.tcp_rmem", QT_TRANSLATE_NOOP("Option", "TCP receive buffer min/default/max (autotuning)")},
        {"net.ipv4.tcp_wmem", QT_TRANSLATE_NOOP("Option", "TCP send buffer min/default/max (autotuning)")},
        {"net.ipv4.tcp_keepalive_time", QT_TRANSLATE_NOOP("Option", "default TCP_KEEPIDLE (s)")},
        {"net.ipv4.tcp_keepalive_intvl", QT_TRANSLATE_NOOP("Option", "default TCP_KEEPINTVL (s)")},
        {"net.ipv4.tcp_keepalive_probes", QT_TRANSLATE_NOOP("Option", "default TCP_KEEPCNT")},
        {"net.ipv4.tcp_fin_timeout", QT_TRANSLATE_NOOP("Option", "default FIN_WAIT2 lifetime (s)")},
        {"net.ipv4.ip_local_port_range", QT_TRANSLATE_NOOP("Option", "ephemeral ports for port 0 and clients")},
        {"net.ipv4.tcp_congestion_control", QT_TRANSLATE_NOOP("Option", "default congestion control")},
    };
    QList<SystemLimit> out;
    for (const auto &k : known)
        out.append({QString::fromLatin1(k.name), read(QString::fromLatin1(k.name)),
                    QCoreApplication::translate("Option", k.meaning)});
    return out;
}

QStringList SystemLimits::warningsFor(const ServerConfig &config)
{
    QStringList warnings;
    const long somaxconn = readNumber(QStringLiteral("net.core.somaxconn"));
    if (somaxconn > 0 && config.backlog() > somaxconn)
        warnings << QCoreApplication::translate("Option", "listen backlog %1 exceeds net.core.somaxconn = %2: the kernel caps it")
                        .arg(config.backlog())
                        .arg(somaxconn);
    const long tfo = readNumber(QStringLiteral("net.ipv4.tcp_fastopen"), 0);
    if (config.value(QStringLiteral("fastopen")).toInt() > 0 && !(tfo & 2))
        warnings << QCoreApplication::translate("Option", "TCP_FASTOPEN is set but net.ipv4.tcp_fastopen = %1 lacks the server bit (2)").arg(tfo);
    for (const char *key : {"rcvbuf", "sndbuf"}) {
        const QString k = QString::fromLatin1(key);
        if (!config.isSet(k))
            continue;
        const QString sysctl = k == QLatin1String("rcvbuf") ? QStringLiteral("net.core.rmem_max") : QStringLiteral("net.core.wmem_max");
        const long cap = readNumber(sysctl);
        if (cap > 0 && config.value(k).toLongLong() > cap)
            warnings << QCoreApplication::translate("Option", "%1 %2 exceeds %3 = %4: the kernel caps it")
                            .arg(findOption(k)->name)
                            .arg(config.value(k).toLongLong())
                            .arg(sysctl)
                            .arg(cap);
    }
    const QString host = config.host();
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        warnings << QCoreApplication::translate("Option", "binding all interfaces: the server is reachable from other machines");
    if (config.mode() == ConcurrencyMode::Event && (config.isSet(QStringLiteral("rcvtimeo")) || config.isSet(QStringLiteral("sndtimeo"))))
        warnings << QCoreApplication::translate("Option", "SO_RCVTIMEO/SO_SNDTIMEO act only on blocking calls: event mode ignores them (use the idle timeout)");
    return warnings;
}

} // namespace tcplab
