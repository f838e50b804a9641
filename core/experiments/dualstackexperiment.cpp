#include "dualstackexperiment.h"

#include "experimentsupport.h"

#include <QCoreApplication>

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <vector>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

struct Listening
{
    QString label; // "[::]:P", "0.0.0.0:P"
    int fd = -1;
};

struct ClientAttempt
{
    QString client; // "127.0.0.1", "::1"
    bool connected = false;
    QString errnoText;
    QString message;
    QString acceptedBy; // which listener accept()ed it
    QString peer;       // as accept() gave it, "[::ffff:127.0.0.1]:40000"
    QString peerHost;   // "::ffff:127.0.0.1"
    bool mapped = false;
    QString local;      // getsockname() of the accepted socket
};

struct Case
{
    int v6Only = 0;
    int readBack = -1;
    ClientAttempt ipv4;
    ClientAttempt ipv6;
    bool ipv4ListenerBound = false;
    QString ipv4ListenerErrno;
    QString ipv4ListenerMessage;
    ClientAttempt ipv4After; // once the 0.0.0.0 listener was tried
};

QString onOff(int value)
{
    return value == 1 ? tr("on") : value == 0 ? tr("off") : tr("unknown");
}

// Waits for the peer's FIN before closing the server's end: the client closes first, so no
// TIME_WAIT is left on the listeners' port to block the next bind() there.
void closeClientFirst(FileDescriptor &client, FileDescriptor &server)
{
    client.reset();
    pollfd p{server.get(), POLLIN, 0};
    char byte;
    for (int i = 0; i < 10 && ::poll(&p, 1, 100) >= 0; ++i) {
        if ((p.revents & (POLLIN | POLLHUP)) && ::recv(server.get(), &byte, 1, 0) <= 0)
            break;
    }
    server.reset();
}

ClientAttempt tryClient(const lab::SocketAddress &target, const std::vector<Listening> &listeners, int timeoutMs)
{
    ClientAttempt a;
    a.client = target.host();
    Result<FileDescriptor> client = lab::connectTo(target, timeoutMs);
    if (!client) {
        a.errnoText = errnoName(client.error().errnum());
        a.message = client.error().text();
        return a;
    }
    a.connected = true;
    std::vector<pollfd> polls;
    for (const Listening &l : listeners)
        polls.push_back(pollfd{l.fd, POLLIN, 0});
    if (::poll(polls.data(), nfds_t(polls.size()), timeoutMs) <= 0) {
        a.message = tr("connected, but no listener had it to accept within %1 ms").arg(timeoutMs);
        return a;
    }
    for (size_t i = 0; i < polls.size(); ++i) {
        if (!(polls[i].revents & POLLIN))
            continue;
        lab::SocketAddress peer;
        Result<FileDescriptor> server = lab::acceptWithin(listeners[i].fd, 0, &peer);
        if (!server) {
            a.message = server.error().text();
            return a;
        }
        a.acceptedBy = listeners[i].label;
        a.peer = peer.toString();
        a.peerHost = peer.host();
        a.mapped = peer.isV4Mapped();
        a.local = lab::SocketAddress::local(server.value().get()).toString();
        closeClientFirst(client.value(), server.value());
        break;
    }
    return a;
}

QString describeAttempt(const ClientAttempt &a)
{
    if (!a.connected)
        return tr("was refused: connect() failed with %1").arg(a.errnoText);
    if (a.acceptedBy.isEmpty())
        return a.message;
    return tr("was accepted by %1, which saw it as %2%3").arg(a.acceptedBy, a.peer, a.mapped ? tr(" (an IPv4-mapped IPv6 address)") : QString());
}

QVariantList attemptRow(const QString &v6Only, const ClientAttempt &a, const QString &when)
{
    return {v6Only, a.client, when, a.connected ? tr("connected") : a.errnoText, a.acceptedBy.isEmpty() ? QStringLiteral("-") : a.acceptedBy,
            a.peer.isEmpty() ? QStringLiteral("-") : a.peer, a.local.isEmpty() ? QStringLiteral("-") : a.local};
}

void addAttemptMetrics(QVariantMap &m, const QString &prefix, const ClientAttempt &a)
{
    m[prefix + QStringLiteral(".connected")] = a.connected;
    m[prefix + QStringLiteral(".errno")] = a.errnoText;
    m[prefix + QStringLiteral(".accepted_by")] = a.acceptedBy;
    m[prefix + QStringLiteral(".peer")] = a.peerHost;
    m[prefix + QStringLiteral(".mapped")] = a.mapped;
}

} // namespace

QString DualStackExperiment::title() const
{
    return tr("Dual stack: IPV6_V6ONLY");
}

QString DualStackExperiment::explanation() const
{
    return tr("A listener on [::] with IPV6_V6ONLY off, then on; an IPv4 client (127.0.0.1) and an IPv6 client (::1) connect to it: who gets in, and with which address accept() sees.\n"
              "Then a separate IPv4 listener tries 0.0.0.0 on the same port: see where bind() meets EADDRINUSE, and read net.ipv6.bindv6only, the kernel's default.");
}

ExperimentResult DualStackExperiment::run(const ExperimentContext &context)
{
    // The host's default, read here: a private namespace starts with its own (0).
    const int hostDefault = lab::bindV6OnlyDefault();
    ExperimentResult result;
    if (!privateNamespace) {
        result = runHere(context, hostDefault);
    } else {
        const Error nsError = lab::runInPrivateNetworkNamespaceOrHere([&] { result = runHere(context, hostDefault); });
        result.notes << (nsError ? tr("Ran on this machine's loopback (%1).").arg(nsError.text())
                                 : tr("Ran on the loopback of a private network namespace: no other program holds its ports."));
    }
    const ExperimentWireRequest &wire = context.wireRequest();
    if (wire.hasSpec || !wire.pcapPath.isEmpty() || wire.ladder)
        result.notes << tr("--wire, --pcap and --ladder were not used: this experiment opens its own sockets on loopback over both families, "
                           "and the wire and its capture carry IPv4 only.");
    return result;
}

ExperimentResult DualStackExperiment::runHere(const ExperimentContext &context, int hostBindV6Only)
{
    context.progress(5, tr("checking IPv6 on loopback"));
    if (const QString reason = lab::ipv6UnavailableReason(); !reason.isEmpty())
        return skippedResult(reason);

    ExperimentResult result = newResult();
    const int namespaceBindV6Only = lab::bindV6OnlyDefault();
    int socketDefault = -1;
    {
        FileDescriptor fresh(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
        socketDefault = fresh.isValid() ? lab::socketIntOption(fresh.get(), IPPROTO_IPV6, IPV6_V6ONLY) : -1;
    }

    // A dual-stack bind to port 0 gets a port the kernel found free in both families.
    quint16 port = 0;
    {
        Result<FileDescriptor> probe = lab::openNativeListener(lab::SocketAddress::any(AF_INET6, 0), {.v6Only = 0});
        if (!probe)
            return failedResult(tr("choosing a port free for IPv4 and IPv6: %1").arg(probe.error().text()));
        port = lab::SocketAddress::local(probe.value().get()).port();
    }

    const lab::SocketAddress any6 = lab::SocketAddress::any(AF_INET6, port);
    const lab::SocketAddress any4 = lab::SocketAddress::any(AF_INET, port);
    QList<Case> cases;
    for (const int v6Only : {0, 1}) {
        if (context.cancelled())
            return cancelledResult();
        context.progress(15 + 40 * v6Only, tr("listener on %1 with IPV6_V6ONLY %2").arg(any6.toString(), onOff(v6Only)));
        Case c;
        c.v6Only = v6Only;
        Result<FileDescriptor> listener6 = lab::openNativeListener(any6, {.v6Only = v6Only});
        if (!listener6)
            return failedResult(listener6.error().text());
        c.readBack = lab::socketIntOption(listener6.value().get(), IPPROTO_IPV6, IPV6_V6ONLY);
        std::vector<Listening> listening;
        listening.reserve(2);
        listening.push_back(Listening{any6.toString(), listener6.value().get()});
        c.ipv4 = tryClient(lab::SocketAddress::loopback(AF_INET, port), listening, acceptTimeoutMs);
        c.ipv6 = tryClient(lab::SocketAddress::loopback(AF_INET6, port), listening, acceptTimeoutMs);

        Result<FileDescriptor> listener4 = lab::openNativeListener(any4, {});
        c.ipv4ListenerBound = bool(listener4);
        c.ipv4ListenerErrno = listener4 ? QString() : errnoName(listener4.error().errnum());
        c.ipv4ListenerMessage = listener4 ? tr("bound and listening") : listener4.error().text();
        if (listener4)
            listening.push_back(Listening{any4.toString(), listener4.value().get()});
        c.ipv4After = tryClient(lab::SocketAddress::loopback(AF_INET, port), listening, acceptTimeoutMs);
        cases << c;
    }

    context.progress(90, tr("reporting"));
    ResultTable who;
    who.title = tr("Who gets in on port %1").arg(port);
    who.columns = QStringList{tr("IPV6_V6ONLY"), tr("client"), tr("when"), tr("connect()"), tr("accepted by"), tr("peer as accept() saw it"), tr("local address")};
    ResultTable binds;
    binds.title = tr("A separate IPv4 listener on %1").arg(any4.toString());
    binds.columns = QStringList{tr("IPV6_V6ONLY of [::]"), tr("read back"), tr("bind()"), tr("errno"), tr("message")};
    ChartSeries v4In{tr("IPv4 client accepted by [::]"), {}, {}};
    ChartSeries v6In{tr("IPv6 client accepted by [::]"), {}, {}};
    ChartSeries v4Bind{tr("0.0.0.0 bind succeeded"), {}, {}};
    for (const Case &c : std::as_const(cases)) {
        const QString v6Only = onOff(c.v6Only);
        who.addRow(attemptRow(v6Only, c.ipv4, tr("[::] alone")));
        who.addRow(attemptRow(v6Only, c.ipv6, tr("[::] alone")));
        who.addRow(attemptRow(v6Only, c.ipv4After, c.ipv4ListenerBound ? tr("0.0.0.0 listening too") : tr("after the 0.0.0.0 bind failed")));
        binds.addRow({v6Only, c.readBack, c.ipv4ListenerBound ? tr("ok") : tr("failed"), c.ipv4ListenerErrno.isEmpty() ? QStringLiteral("-") : c.ipv4ListenerErrno,
                      c.ipv4ListenerMessage});
        result.chart.categories << tr("IPV6_V6ONLY %1").arg(v6Only);
        v4In.values << (c.ipv4.acceptedBy == any6.toString() ? 1 : 0);
        v6In.values << (c.ipv6.acceptedBy == any6.toString() ? 1 : 0);
        v4Bind.values << (c.ipv4ListenerBound ? 1 : 0);
    }
    ResultTable defaults;
    defaults.title = tr("The default");
    defaults.columns = QStringList{tr("where"), tr("value")};
    defaults.addRow({tr("net.ipv6.bindv6only of this machine (/proc/sys/net/ipv6/bindv6only)"), hostBindV6Only});
    defaults.addRow({tr("net.ipv6.bindv6only where the experiment ran"), namespaceBindV6Only});
    defaults.addRow({tr("IPV6_V6ONLY of a new AF_INET6 socket there (getsockopt)"), socketDefault});
    result.tables << who << binds << defaults;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("A listener on [::]:%1 with IPV6_V6ONLY off and on").arg(port);
    result.chart.xLabel = tr("IPV6_V6ONLY");
    result.chart.yLabel = tr("yes (1) / no (0)");
    result.chart.series << v4In << v6In << v4Bind;

    QVariantMap &m = result.metrics;
    m = QVariantMap{{"port", port}, {"bindv6only.host", hostBindV6Only}, {"bindv6only.namespace", namespaceBindV6Only}, {"default_v6only", socketDefault}};
    for (const Case &c : std::as_const(cases)) {
        const QString prefix = c.v6Only ? QStringLiteral("v6only_on") : QStringLiteral("v6only_off");
        m[prefix + QStringLiteral(".read_back")] = c.readBack;
        addAttemptMetrics(m, prefix + QStringLiteral(".ipv4"), c.ipv4);
        addAttemptMetrics(m, prefix + QStringLiteral(".ipv6"), c.ipv6);
        addAttemptMetrics(m, prefix + QStringLiteral(".ipv4_after"), c.ipv4After);
        m[prefix + QStringLiteral(".ipv4_listener.bound")] = c.ipv4ListenerBound;
        m[prefix + QStringLiteral(".ipv4_listener.errno")] = c.ipv4ListenerErrno;

        const QString head = tr("IPV6_V6ONLY %1 (read back %2) on %3:").arg(onOff(c.v6Only)).arg(c.readBack).arg(any6.toString());
        result.findings << tr("%1 the IPv4 client %2 %3; the IPv6 client %4 %5.")
                               .arg(head, c.ipv4.client, describeAttempt(c.ipv4), c.ipv6.client, describeAttempt(c.ipv6));
        if (c.ipv4ListenerBound)
            result.findings << tr("%1 a separate IPv4 listener bound %2 beside it, and the next IPv4 client %3.")
                                   .arg(head, any4.toString(), describeAttempt(c.ipv4After));
        else
            result.findings << tr("%1 a separate IPv4 listener could not bind %2: %3; the next IPv4 client %4.")
                                   .arg(head, any4.toString(), c.ipv4ListenerErrno, describeAttempt(c.ipv4After));
    }
    const QString defaultCase = socketDefault == 0 ? tr("like the 'off' case above") : socketDefault == 1 ? tr("like the 'on' case above") : tr("unknown");
    result.findings << tr("A listener on [::] that never sets IPV6_V6ONLY starts with %1 here (net.ipv6.bindv6only = %2 where the experiment ran, %3 on this machine): it behaves %4.")
                           .arg(socketDefault)
                           .arg(namespaceBindV6Only)
                           .arg(hostBindV6Only)
                           .arg(defaultCase);
    result.notes << tr("Why: an AF_INET6 socket bound to :: with IPV6_V6ONLY 0 also owns the IPv4 wildcard of its port, so IPv4 connections reach it and accept() writes their peer as "
                       "::ffff:a.b.c.d (RFC 4291 2.5.5.2, RFC 3493 5.3); with 1 it owns only the IPv6 port. The option counts only before bind(); its default is net.ipv6.bindv6only, "
                       "a sysctl of each network namespace.");
    result.notes << tr("The sockets are the experiment's own (socket, setsockopt, bind, listen, connect, accept); each client closes first, so no TIME_WAIT stays on the port between the cases.");
    return result;
}

} // namespace tcplab
