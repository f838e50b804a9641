#include "socketoptions.h"

#include "socketendpoint.h"
#include "systemlimits.h"
#include "tcpinfo.h"

#include <QCoreApplication>

#include <cerrno>
#include <cmath>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

namespace tcplab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Option", text);
}

timeval toTimeval(double seconds)
{
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(seconds);
    tv.tv_usec = static_cast<suseconds_t>(std::llround((seconds - double(tv.tv_sec)) * 1e6));
    if (tv.tv_usec >= 1000000) {
        tv.tv_sec += 1;
        tv.tv_usec -= 1000000;
    }
    return tv;
}

Error setRaw(int fd, const OptionSpec &spec, const void *data, socklen_t len)
{
    if (::setsockopt(fd, spec.level, spec.optname, data, len) != 0)
        return Error::fromErrno(errno, QStringLiteral("setsockopt(%1)").arg(spec.name));
    return {};
}

// Why the kernel holds another value than the one requested, option by option.
QString kernelNote(const OptionSpec &spec, const QVariant &requested, const QVariant &effective)
{
    switch (spec.optname + spec.level * 1000) {
    case SOL_SOCKET * 1000 + SO_RCVBUF:
    case SOL_SOCKET * 1000 + SO_SNDBUF: {
        const bool rcv = spec.optname == SO_RCVBUF;
        const long cap = SystemLimits::readNumber(rcv ? QStringLiteral("net.core.rmem_max") : QStringLiteral("net.core.wmem_max"));
        if (effective.toLongLong() == 2 * requested.toLongLong())
            return tr("doubled by the kernel to leave room for bookkeeping overhead");
        if (cap > 0 && requested.toLongLong() > cap)
            return tr("capped at 2 x %1 = %2").arg(rcv ? QStringLiteral("net.core.rmem_max") : QStringLiteral("net.core.wmem_max")).arg(2 * cap);
        return tr("adjusted by the kernel (it doubles the value and enforces a minimum)");
    }
    case IPPROTO_TCP * 1000 + TCP_FASTOPEN:
        return tr("the kernel caps the Fast Open queue at net.core.somaxconn = %1")
            .arg(SystemLimits::readNumber(QStringLiteral("net.core.somaxconn")));
    case IPPROTO_TCP * 1000 + TCP_DEFER_ACCEPT:
        return tr("the kernel stores a count of SYN-ACK retransmissions, so the seconds read back rounded up");
    case IPPROTO_TCP * 1000 + TCP_QUICKACK:
        return tr("listen() resets the delayed-ACK state, and the mode is not sticky: the kernel leaves it on its own; it is set again on each accepted socket");
    case IPPROTO_TCP * 1000 + TCP_LINGER2:
        return tr("0 stands for net.ipv4.tcp_fin_timeout and reads back as its value; values up to 120 s are kept");
    case IPPROTO_TCP * 1000 + TCP_MAXSEG:
        return tr("on a socket that is not connected the kernel reports its default MSS until the handshake");
    case IPPROTO_IP * 1000 + IP_TOS:
    case IPPROTO_IPV6 * 1000 + IPV6_TCLASS:
        return tr("the two ECN bits are owned by TCP: the kernel replaced them when the option was set");
    default:
        break;
    }
    return tr("the kernel holds a different value");
}

int socketFamily(int fd)
{
    int family = AF_UNSPEC;
    socklen_t len = sizeof(family);
    ::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len);
    return family;
}

} // namespace

QString kernelDifference(const OptionSpec &spec, const QVariant &requested, const QVariant &effective)
{
    if (!requested.isValid())
        return {};
    bool same = false;
    if (spec.kind == OptionKind::Seconds)
        same = std::fabs(effective.toDouble() - requested.toDouble()) < 1e-3;
    else if (spec.kind == OptionKind::Bool)
        same = effective.toBool() == requested.toBool();
    else
        same = formatOptionValue(spec, effective) == formatOptionValue(spec, requested);
    if (same && spec.level == SOL_SOCKET && (spec.optname == SO_RCVBUF || spec.optname == SO_SNDBUF)) {
        // Asking for exactly 2 x the sysctl cap reads back "unchanged": capped, then doubled.
        const long cap = SystemLimits::readNumber(spec.optname == SO_RCVBUF ? QStringLiteral("net.core.rmem_max")
                                                                            : QStringLiteral("net.core.wmem_max"));
        same = !(cap > 0 && requested.toLongLong() > cap);
    }
    return same ? QString() : kernelNote(spec, requested, effective);
}

Error setIntOption(int fd, int level, int optname, int value, const QString &name)
{
    if (::setsockopt(fd, level, optname, &value, sizeof(value)) != 0)
        return Error::fromErrno(errno, QStringLiteral("setsockopt(%1, %2)").arg(name).arg(value));
    return {};
}

Result<int> intOption(int fd, int level, int optname, const QString &name)
{
    int value = 0;
    socklen_t len = sizeof(value);
    if (::getsockopt(fd, level, optname, &value, &len) != 0)
        return Error::fromErrno(errno, QStringLiteral("getsockopt(%1)").arg(name));
    return value;
}

Error applyOption(int fd, const OptionSpec &spec, const QVariant &value)
{
    switch (spec.kind) {
    case OptionKind::Bool: {
        const int v = value.toBool() ? 1 : 0;
        return setRaw(fd, spec, &v, sizeof(v));
    }
    case OptionKind::Int: {
        const int v = value.toInt();
        return setRaw(fd, spec, &v, sizeof(v));
    }
    case OptionKind::Seconds: {
        const timeval tv = toTimeval(value.toDouble());
        return setRaw(fd, spec, &tv, sizeof(tv));
    }
    case OptionKind::Linger: {
        const int seconds = value.toInt();
        linger l{};
        l.l_onoff = seconds >= 0 ? 1 : 0;
        l.l_linger = seconds >= 0 ? seconds : 0;
        return setRaw(fd, spec, &l, sizeof(l));
    }
    case OptionKind::Choice:
    case OptionKind::Text: {
        const QByteArray text = value.toString().toLatin1();
        return setRaw(fd, spec, text.constData(), socklen_t(text.size()));
    }
    }
    return Error::message(QStringLiteral("%1: unsupported kind").arg(spec.name));
}

Result<QVariant> readOption(int fd, const OptionSpec &spec)
{
    const QString context = QStringLiteral("getsockopt(%1)").arg(spec.name);
    switch (spec.kind) {
    case OptionKind::Bool:
    case OptionKind::Int: {
        int v = 0;
        socklen_t len = sizeof(v);
        if (::getsockopt(fd, spec.level, spec.optname, &v, &len) != 0)
            return Error::fromErrno(errno, context);
        if (spec.kind == OptionKind::Bool)
            return QVariant(v != 0);
        return QVariant(v);
    }
    case OptionKind::Seconds: {
        timeval tv{};
        socklen_t len = sizeof(tv);
        if (::getsockopt(fd, spec.level, spec.optname, &tv, &len) != 0)
            return Error::fromErrno(errno, context);
        return QVariant(double(tv.tv_sec) + double(tv.tv_usec) / 1e6);
    }
    case OptionKind::Linger: {
        linger l{};
        socklen_t len = sizeof(l);
        if (::getsockopt(fd, spec.level, spec.optname, &l, &len) != 0)
            return Error::fromErrno(errno, context);
        return QVariant(l.l_onoff ? l.l_linger : -1);
    }
    case OptionKind::Choice:
    case OptionKind::Text: {
        char buf[64] = {};
        socklen_t len = sizeof(buf) - 1;
        if (::getsockopt(fd, spec.level, spec.optname, buf, &len) != 0)
            return Error::fromErrno(errno, context);
        return QVariant(QString::fromLatin1(buf, int(qstrnlen(buf, len))));
    }
    }
    return Error::message(QStringLiteral("%1: unsupported kind").arg(spec.name));
}

Error applyOptions(int fd, const ServerConfig &config, OptionPhase phase)
{
    const int family = socketFamily(fd);
    for (const OptionSpec &spec : optionTable()) {
        if (spec.phase != phase || !config.isSet(spec.key) || !optionAppliesTo(spec, family))
            continue;
        if (Error e = applyOption(fd, spec, config.value(spec.key)))
            return e;
    }
    if (phase == OptionPhase::BeforeListen) {
        for (const RawOption &raw : config.rawOptions()) {
            if (Error e = setIntOption(fd, raw.level, raw.optname, raw.value,
                                       QStringLiteral("raw %1:%2").arg(raw.level).arg(raw.optname)))
                return e;
        }
    }
    return {};
}

Error applyPerConnectionOptions(int fd, const ServerConfig &config)
{
    const int family = socketFamily(fd);
    for (const OptionSpec &spec : optionTable()) {
        if (spec.perConnection && config.isSet(spec.key) && optionAppliesTo(spec, family)) {
            if (Error e = applyOption(fd, spec, config.value(spec.key)))
                return e;
        }
    }
    return {};
}

const OptionReportRow *OptionReport::row(const QString &key) const
{
    for (const OptionReportRow &r : rows) {
        if (r.key == key)
            return &r;
    }
    return nullptr;
}

QString OptionReport::toText() const
{
    QString text;
    int nameWidth = 0;
    for (const OptionReportRow &r : rows)
        nameWidth = std::max(nameWidth, int(r.name.size()));
    for (const OptionReportRow &r : rows) {
        text += QStringLiteral("  %1  requested %2  effective %3%4%5\n")
                    .arg(r.name, -nameWidth)
                    .arg(r.requested, -8)
                    .arg(r.effective, -8)
                    .arg(r.changed ? QStringLiteral("  [changed by kernel]") : QString())
                    .arg(r.note.isEmpty() ? QString() : QStringLiteral("  ") + r.note);
    }
    for (const QString &note : omitted)
        text += QStringLiteral("  (%1)\n").arg(note);
    return text;
}

OptionReport buildListenerReport(int fd, const ServerConfig &config)
{
    OptionReport report;
    const TcpInfoSnapshot info = readTcpInfo(fd);

    // The backlog is not readable with getsockopt; TCP_INFO of a listener carries it.
    {
        OptionReportRow row;
        row.key = QStringLiteral("backlog");
        row.name = QStringLiteral("listen backlog");
        row.requested = QString::number(config.backlog());
        row.effective = info.valid ? QString::number(info.sacked) : QStringLiteral("?");
        const long somaxconn = SystemLimits::readNumber(QStringLiteral("net.core.somaxconn"));
        if (info.valid && long(info.sacked) != config.backlog()) {
            row.changed = true;
            row.note = tr("clamped to net.core.somaxconn = %1").arg(somaxconn);
        }
        report.rows << row;
    }

    const int family = socketFamily(fd);
    for (const OptionSpec &spec : optionTable()) {
        if (!spec.isSocketOption())
            continue;
        if (!optionAppliesTo(spec, family)) {
            // getsockopt would fail (ENOPROTOOPT) or tell of the other family's packets.
            const QString listener = family == AF_INET6 ? tr("IPv6 listener") : tr("IPv4 listener");
            const QString counterpart = familyCounterpart(spec);
            report.omitted << (counterpart.isEmpty() ? tr("%1 not shown: %2").arg(spec.name, listener)
                                                     : tr("%1 not shown: %2; see %3").arg(spec.name, listener, counterpart));
            continue;
        }
        OptionReportRow row;
        row.key = spec.key;
        row.name = spec.name;
        const QVariant requested = config.value(spec.key);
        row.requested = formatOptionValue(spec, requested);
        Result<QVariant> effective = readOption(fd, spec);
        if (!effective) {
            row.effective = QStringLiteral("error");
            row.note = effective.error().text();
            report.rows << row;
            continue;
        }
        row.effective = formatOptionValue(spec, effective.value());
        if (requested.isValid()) {
            row.note = kernelDifference(spec, requested, effective.value());
            row.changed = !row.note.isEmpty();
        }
        if (spec.optname == TCP_FASTOPEN && spec.level == IPPROTO_TCP && requested.toInt() > 0) {
            const long tfo = SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fastopen"), 0);
            if (!(tfo & 2)) {
                const QString serverBit = tr("net.ipv4.tcp_fastopen = %1 lacks the server bit (2): clients fall back to a normal handshake").arg(tfo);
                row.note = row.note.isEmpty() ? serverBit : row.note + QStringLiteral("; ") + serverBit;
            }
        }
        if ((spec.key == QLatin1String("rcvtimeo") || spec.key == QLatin1String("sndtimeo")) && requested.isValid()
            && config.mode() == ConcurrencyMode::Event)
            row.note = tr("acts only on blocking calls: event mode ignores it (use the idle timeout)");
        if (spec.key == QLatin1String("linger") && requested.toInt() > 0 && config.mode() == ConcurrencyMode::Event) {
            // Linux lingers in close() even on a non-blocking socket.
            const QString stall = tr("close() would wait up to %1 s even on a non-blocking socket: event mode does not "
                                     "block its loop but closes once the peer has acknowledged everything or the time is "
                                     "up, and logs how long close() would have waited")
                                      .arg(requested.toInt());
            row.note = row.note.isEmpty() ? stall : row.note + QStringLiteral("; ") + stall;
        }
        if (spec.level == IPPROTO_IPV6 && spec.optname == IPV6_V6ONLY && effective.value().toBool()) {
            const SocketEndpoint local = SocketEndpoint::localOf(fd);
            if (local.isIPv6() && !local.address().isEqual(QHostAddress(QHostAddress::AnyIPv6))) {
                // inet6_bind(): a socket bound to one IPv6 address cannot meet an IPv4 client.
                row.note = tr("bound to one IPv6 address (%1): the kernel sets it; only [::] takes IPv4 clients").arg(local.addressText());
                row.changed = requested.isValid() && !requested.toBool();
            }
        }
        if (spec.key == QLatin1String("quickack") && row.note.isEmpty())
            row.note = tr("not sticky: set again on each accepted socket");
        report.rows << row;
    }

    for (const RawOption &raw : config.rawOptions()) {
        OptionReportRow row;
        row.key = QStringLiteral("raw:%1:%2").arg(raw.level).arg(raw.optname);
        row.name = QStringLiteral("raw %1:%2").arg(raw.level).arg(raw.optname);
        row.requested = QString::number(raw.value);
        Result<int> v = intOption(fd, raw.level, raw.optname, row.name);
        row.effective = v ? QString::number(v.value()) : QStringLiteral("error");
        if (!v)
            row.note = v.error().text();
        row.changed = v && v.value() != raw.value;
        report.rows << row;
    }
    return report;
}

QString describeAcceptedOptions(int fd)
{
    QString out;
    const int family = socketFamily(fd);
    for (const OptionSpec &spec : optionTable()) {
        if (!spec.isSocketOption() || spec.key == QLatin1String("reuseaddr") || spec.key == QLatin1String("reuseport")
            || spec.key == QLatin1String("v6only") || !optionAppliesTo(spec, family))
            continue;
        Result<QVariant> v = readOption(fd, spec);
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += spec.name + QLatin1Char('=') + (v ? formatOptionValue(spec, v.value()) : QStringLiteral("?"));
    }
    return out;
}

} // namespace tcplab
