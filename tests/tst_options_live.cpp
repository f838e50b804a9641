// Options changed while the server runs (issue 13): each live option of the table reaches the
// listener and every already-open connection of each engine (read back here with getsockopt on
// the server's descriptors, and the backlog through sock_diag); connections that waited in the
// accept queue get it too; TCP_NODELAY switched on mid-connection ends the Nagle stall; an option
// only bind()/listen() can take is refused with its reason and leaves the sockets as they were.
#include "liveoptions.h"
#include "server.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cerrno>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

using namespace tcplab;
using testsupport::waitFor;

namespace {

// The kernel's view, read here with plain getsockopt (not through the code under test).
QString kernelValue(int fd, const OptionSpec &spec)
{
    switch (spec.kind) {
    case OptionKind::Bool:
    case OptionKind::Int: {
        int v = 0;
        socklen_t len = sizeof(v);
        if (::getsockopt(fd, spec.level, spec.optname, &v, &len) != 0)
            return QStringLiteral("errno %1").arg(errno);
        return spec.kind == OptionKind::Bool ? QString::number(v != 0) : QString::number(v);
    }
    case OptionKind::Seconds: {
        timeval tv{};
        socklen_t len = sizeof(tv);
        if (::getsockopt(fd, spec.level, spec.optname, &tv, &len) != 0)
            return QStringLiteral("errno %1").arg(errno);
        return QString::number(double(tv.tv_sec) + double(tv.tv_usec) / 1e6);
    }
    case OptionKind::Linger: {
        linger l{};
        socklen_t len = sizeof(l);
        if (::getsockopt(fd, spec.level, spec.optname, &l, &len) != 0)
            return QStringLiteral("errno %1").arg(errno);
        return QString::number(l.l_onoff ? l.l_linger : -1);
    }
    case OptionKind::Choice:
    case OptionKind::Text: {
        char buf[64] = {};
        socklen_t len = sizeof(buf) - 1;
        if (::getsockopt(fd, spec.level, spec.optname, buf, &len) != 0)
            return QStringLiteral("errno %1").arg(errno);
        return QString::fromLatin1(buf);
    }
    }
    return {};
}

int intOption(int fd, int level, int optname)
{
    int v = -1;
    socklen_t len = sizeof(v);
    ::getsockopt(fd, level, optname, &v, &len);
    return v;
}

// What a fresh socket reads back for a buffer size: the kernel doubles it and caps it.
int bufferReadBack(int optname, int value)
{
    FileDescriptor scratch(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    ::setsockopt(scratch.get(), SOL_SOCKET, optname, &value, sizeof(value));
    return intOption(scratch.get(), SOL_SOCKET, optname);
}

// The max backlog of the socket listening on 127.0.0.1:port, as sock_diag lists it: for a
// listener the kernel puts sk_max_ack_backlog in idiag_wqueue. -1 when not found.
int diagListenBacklog(quint16 port, int family = AF_INET)
{
    FileDescriptor nl(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!nl.isValid())
        return -1;
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 body;
    } request{};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.body.sdiag_family = quint8(family);
    request.body.sdiag_protocol = IPPROTO_TCP;
    request.body.idiag_states = 1u << 10; // TCP_LISTEN
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(nl.get(), &request, sizeof request, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
        return -1;
    alignas(nlmsghdr) char buffer[16384];
    for (int reads = 0; reads < 100; ++reads) {
        pollfd p{nl.get(), POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0)
            return -1;
        const ssize_t n = ::recv(nl.get(), buffer, sizeof buffer, 0);
        if (n <= 0)
            return -1;
        int left = int(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
                return -1;
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            if (ntohs(m->id.idiag_sport) == port)
                return int(m->idiag_wqueue);
        }
    }
    return -1;
}

// The new value for each live option, and what the kernel should read back for it on fd.
struct LiveCase
{
    QVariant value;
    QString expected;
};

QHash<QString, LiveCase> liveCases(int listenFd, int family)
{
    QHash<QString, LiveCase> cases;
    cases.insert(QStringLiteral("keepalive"), {false, QStringLiteral("0")}); // the seed has it on
    cases.insert(QStringLiteral("keepidle"), {77, QStringLiteral("77")});
    cases.insert(QStringLiteral("keepcnt"), {5, QStringLiteral("5")});
    cases.insert(QStringLiteral("keepintvl"), {7, QStringLiteral("7")});
    cases.insert(QStringLiteral("nodelay"), {false, QStringLiteral("0")}); // the seed has it on
    cases.insert(QStringLiteral("quickack"), {false, QStringLiteral("0")});
    cases.insert(QStringLiteral("cork"), {true, QStringLiteral("1")});
    cases.insert(QStringLiteral("notsent-lowat"), {12345, QStringLiteral("12345")});
    cases.insert(QStringLiteral("rcvbuf"), {100000, QString::number(bufferReadBack(SO_RCVBUF, 100000))});
    cases.insert(QStringLiteral("sndbuf"), {90000, QString::number(bufferReadBack(SO_SNDBUF, 90000))});
    cases.insert(QStringLiteral("window-clamp"), {50000, QStringLiteral("50000")});
    // Long enough that no connection of the test times out.
    cases.insert(QStringLiteral("rcvtimeo"), {20.5, QStringLiteral("20.5")});
    cases.insert(QStringLiteral("sndtimeo"), {21.0, QStringLiteral("21")});
    cases.insert(QStringLiteral("user-timeout"), {12345, QStringLiteral("12345")});
    cases.insert(QStringLiteral("syncnt"), {3, QStringLiteral("3")});
    cases.insert(QStringLiteral("linger"), {7, QStringLiteral("7")});
    cases.insert(QStringLiteral("linger2"), {33, QStringLiteral("33")});
    // TCP owns the two ECN bits: they stay what the socket had.
    if (family == AF_INET6) {
        cases.insert(QStringLiteral("unicast-hops"), {33, QStringLiteral("33")});
        const int tclass = 0x28 | (intOption(listenFd, IPPROTO_IPV6, IPV6_TCLASS) & 3);
        cases.insert(QStringLiteral("tclass"), {0x28, QString::number(tclass)});
    } else {
        cases.insert(QStringLiteral("ttl"), {33, QStringLiteral("33")});
        const int tos = 0x28 | (intOption(listenFd, IPPROTO_IP, IP_TOS) & 3);
        cases.insert(QStringLiteral("tos"), {0x28, QString::number(tos)});
    }
    // Another algorithm than the running one, among those this process may choose.
    const OptionSpec *cc = findOption(QStringLiteral("congestion"));
    const QString current = kernelValue(listenFd, *cc);
    for (const QString &name : cc->choices) {
        if (name != current) {
            cases.insert(QStringLiteral("congestion"), {name, name});
            break;
        }
    }
    return cases;
}

QList<quint64> connectionIds(Server &server)
{
    QList<quint64> ids;
    for (const ConnectionInfo &c : server.connectionSnapshot(false))
        ids << c.id;
    return ids;
}

bool echoes(int fd, const QByteArray &text)
{
    if (!testsupport::sendAll(fd, text))
        return false;
    return testsupport::readExactly(fd, text.size(), 5000) == text.toUpper();
}

// One request, the server's reply in two 4-byte writes (recv-size 4): with Nagle on at the
// server, the second write waits for the client's ACK of the first, which the client delays.
double exchangeMs(int fd, int i)
{
    const QByteArray request = QByteArrayLiteral("item") + QByteArray::number(1000 + i);
    QElapsedTimer clock;
    clock.start();
    if (!testsupport::sendAll(fd, request) || testsupport::readExactly(fd, request.size(), 3000).size() != request.size())
        return -1;
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    // Delayed ACKs at the client from the start (QUICKACK 0 enters that mode), after every read.
    const int zero = 0;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &zero, sizeof(zero));
    return ms;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v.at(v.size() / 2);
}

} // namespace

class TestOptionsLive : public QObject
{
    Q_OBJECT

private slots:
    void tableSaysWhichIsLive()
    {
        // The lists: what Linux takes on a live socket, and what only bind/listen can.
        for (const char *k : {"nodelay", "quickack", "cork", "keepalive", "keepidle", "keepcnt", "keepintvl", "rcvbuf",
                              "sndbuf", "user-timeout", "congestion", "notsent-lowat", "tos", "ttl", "tclass", "unicast-hops", "linger", "backlog"}) {
            const OptionSpec *spec = findOption(QString::fromLatin1(k));
            QVERIFY2(spec && spec->live && spec->translatedRestartReason().isEmpty(), k);
        }
        for (const char *k : {"reuseaddr", "reuseport", "host", "port", "fastopen", "defer-accept", "maxseg", "v6only"}) {
            const OptionSpec *spec = findOption(QString::fromLatin1(k));
            QVERIFY2(spec && !spec->live && !spec->translatedRestartReason().isEmpty(), k);
        }
        for (const OptionSpec &spec : optionTable())
            QVERIFY2(spec.live || !spec.translatedRestartReason().isEmpty(), qPrintable(spec.key));
    }

    void liveOptionsReachOpenConnections_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("host");
        for (const char *m : {"iterative", "threaded", "event"})
            QTest::newRow(m) << QString::fromLatin1(m) << QStringLiteral("127.0.0.1");
        // Over IPv6 the IP-level options are IPV6_TCLASS and IPV6_UNICAST_HOPS.
        for (const char *m : {"threaded", "event"})
            QTest::newRow(qPrintable(QStringLiteral("%1 over ::1").arg(QLatin1String(m)))) << QString::fromLatin1(m) << QStringLiteral("::1");
    }

    // Every live socket option of the table at once, on two connections opened before the change;
    // in iterative mode the second one waits in the accept queue (cloned from the listener before
    // the change) and must carry the new values once it is served.
    void liveOptionsReachOpenConnections()
    {
        QFETCH(QString, mode);
        QFETCH(QString, host);
        const int family = host.contains(QLatin1Char(':')) ? AF_INET6 : AF_INET;
        if (family == AF_INET6)
            TCPLAB_REQUIRE_IPV6();
        Server server;
        ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), true);
        config.setValue(QStringLiteral("host"), host);
        QVERIFY(!server.start(config));
        testsupport::EventRecorder recorder(server.events());
        const int listenFd = server.listenDescriptor();
        FileDescriptor a = testsupport::connectTo(host, server.port());
        FileDescriptor b = testsupport::connectTo(host, server.port());
        QVERIFY(a.isValid() && b.isValid());
        QVERIFY(echoes(a.get(), "first"));
        const bool iterative = mode == QLatin1String("iterative");
        const int served = iterative ? 1 : 2;
        QVERIFY(waitFor([&] { return server.connections()->count() == served; }));
        if (!iterative)
            QVERIFY(echoes(b.get(), "second"));

        const QHash<QString, LiveCase> cases = liveCases(listenFd, family);
        ServerConfig wanted = server.config();
        for (auto it = cases.cbegin(); it != cases.cend(); ++it)
            wanted.setValue(it.key(), it->value);
        wanted.setValue(QStringLiteral("backlog"), 7);
        const LiveChangeReport change = server.changeOptions(wanted);

        auto checkOn = [&](int fd, const QString &what) {
            for (const OptionSpec &spec : optionTable()) {
                if (!spec.live || !spec.isSocketOption() || !optionAppliesTo(spec, family))
                    continue;
                if (!cases.contains(spec.key)) {
                    // Only the congestion control may have no alternative for this process.
                    QVERIFY2(spec.key == QLatin1String("congestion"), qPrintable(QStringLiteral("no test value for live option %1").arg(spec.key)));
                    continue;
                }
                QCOMPARE(QStringLiteral("%1 %2 = %3").arg(what, spec.key, kernelValue(fd, spec)),
                         QStringLiteral("%1 %2 = %3").arg(what, spec.key, cases.value(spec.key).expected));
            }
        };
        for (auto it = cases.cbegin(); it != cases.cend(); ++it) {
            const LiveOptionResult *r = change.result(it.key());
            QVERIFY2(r, qPrintable(it.key()));
            QVERIFY2(r->live && r->applied && !r->failed(), qPrintable(r->text()));
            QCOMPARE(r->connections, served);
        }
        checkOn(listenFd, QStringLiteral("listener"));
        const QList<quint64> ids = connectionIds(server);
        QCOMPARE(ids.size(), served);
        for (quint64 id : ids)
            QVERIFY(server.connections()->withDescriptor(id, [&](int fd) { checkOn(fd, QStringLiteral("connection #%1").arg(id)); }));

        // The backlog: listen() again, seen by TCP_INFO (the lab's read-back) and by sock_diag.
        const LiveOptionResult *backlog = change.result(QStringLiteral("backlog"));
        QVERIFY(backlog && backlog->applied);
        QCOMPARE(backlog->listenerValue, QStringLiteral("7"));
        QCOMPARE(diagListenBacklog(server.port(), family), 7);
        QCOMPARE(server.config().backlog(), 7);
        QCOMPARE(server.report().row(QStringLiteral("backlog"))->effective, QStringLiteral("7"));
        QCOMPARE(server.report().row(QStringLiteral("nodelay"))->effective, QStringLiteral("off"));
        QVERIFY(server.report().row(QStringLiteral("nodelay"))->note.contains(QStringLiteral("changed live")));

        const QString line = QStringLiteral("TCP_NODELAY = off applied live to the listener and %1 connection(s) (read back off)").arg(served);
        QVERIFY2(recorder.waitFor(EventKind::Lifecycle, line), qPrintable(recorder.dump()));
        QVERIFY2(recorder.find(EventKind::Lifecycle, QStringLiteral("SO_RCVBUF = 100000 applied live"))->text.contains(QStringLiteral("doubled")),
                 qPrintable(recorder.dump()));

        // A connection that waited in the accept queue (iterative), or one opened after the change;
        // looked at before any traffic, which would end the TCP_QUICKACK mode on its own.
        if (iterative)
            a.reset();
        else
            b = testsupport::connectTo(host, server.port());
        quint64 later = 0;
        QVERIFY(waitFor([&] {
            const QList<quint64> now = connectionIds(server);
            for (quint64 id : now)
                later = ids.contains(id) ? later : id;
            return later != 0 && now.size() == served;
        }));
        QVERIFY(server.connections()->withDescriptor(later, [&](int fd) { checkOn(fd, QStringLiteral("later connection #%1").arg(later)); }));
        QVERIFY(echoes(b.get(), "later"));
        server.stop();
    }

    void nagleStallEndsWhenNodelayGoesLive_data()
    {
        QTest::addColumn<QString>("mode");
        for (const char *m : {"threaded", "event"})
            QTest::newRow(m) << QString::fromLatin1(m);
    }

    void nagleStallEndsWhenNodelayGoesLive()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), true);
        config.setValue(QStringLiteral("recv-size"), 4); // one reply write per 4 bytes read
        config.setValue(QStringLiteral("nodelay"), false);
        config.setValue(QStringLiteral("quickack"), false);
        Server server;
        QVERIFY(!server.start(config));
        FileDescriptor client = testsupport::connectTo(server.port());
        QVERIFY(client.isValid());
        const int one = 1;
        ::setsockopt(client.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        QList<double> before, after;
        for (int i = 0; i < 12; ++i)
            before << exchangeMs(client.get(), i);
        QVERIFY(!before.contains(-1));
        ServerConfig wanted = server.config();
        wanted.setValue(QStringLiteral("nodelay"), true);
        const LiveChangeReport change = server.changeOptions(wanted, {QStringLiteral("nodelay")});
        for (int i = 0; i < 12; ++i)
            after << exchangeMs(client.get(), 100 + i);
        QVERIFY(!after.contains(-1));
        // The stall is the client's delayed-ACK timer (40 ms at least); without it a loopback
        // exchange takes well under a millisecond (generous bounds for a loaded machine).
        const double stalled = median(before.mid(4)), freed = median(after.mid(2));
        qInfo("median exchange: %.2f ms with Nagle, %.2f ms after TCP_NODELAY went live", stalled, freed);
        QVERIFY2(stalled >= 30, qPrintable(QStringLiteral("no Nagle stall before the change: %1 ms").arg(stalled)));
        QVERIFY2(freed < 15, qPrintable(QStringLiteral("still stalled after the change: %1 ms").arg(freed)));
        QVERIFY(change.result(QStringLiteral("nodelay")) && change.result(QStringLiteral("nodelay"))->connections == 1);
        server.stop();
    }

    // IPPROTO_IPV6 options on an IPv4 listener (and the reverse) are refused with the reason,
    // not sent to setsockopt() for an ENOPROTOOPT on every connection.
    void otherFamilysOptionIsRefusedWithTheReason()
    {
        Server server;
        QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), true)));
        testsupport::EventRecorder recorder(server.events());
        ServerConfig wanted = server.config();
        wanted.setValue(QStringLiteral("tclass"), 0x28);
        const LiveChangeReport change = server.changeOptions(wanted);
        const LiveOptionResult *r = change.result(QStringLiteral("tclass"));
        QVERIFY(r);
        QVERIFY2(r->otherFamily && !r->live && !r->applied && !r->error, qPrintable(r->text()));
        QCOMPARE(r->reason, QStringLiteral("IPV6_TCLASS does not apply to an IPv4 listener; see IP_TOS"));
        QCOMPARE(r->text(), QStringLiteral("IPV6_TCLASS = 40 not applied: ") + r->reason);
        QVERIFY2(recorder.waitFor(EventKind::Lifecycle, r->text()), qPrintable(recorder.dump()));
    }

    void restartOnlyOptionsAreRefusedWithTheirReason()
    {
        Server server;
        QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), true)));
        testsupport::EventRecorder recorder(server.events());
        FileDescriptor client = testsupport::connectTo(server.port());
        QVERIFY(echoes(client.get(), "hello"));
        const quint64 id = testsupport::waitForOneConnection(server);
        QVERIFY(id);
        const int listenFd = server.listenDescriptor();
        int mssBefore = 0;
        server.connections()->withDescriptor(id, [&](int fd) { mssBefore = intOption(fd, IPPROTO_TCP, TCP_MAXSEG); });

        const ServerConfig before = server.config();
        ServerConfig wanted = before;
        wanted.setValue(QStringLiteral("reuseaddr"), false);
        wanted.setValue(QStringLiteral("defer-accept"), 5);
        wanted.setValue(QStringLiteral("fastopen"), 16);
        wanted.setValue(QStringLiteral("maxseg"), 600);
        wanted.setValue(QStringLiteral("port"), int(server.port()) + 1);
        wanted.setValue(QStringLiteral("handler"), QStringLiteral("line"));
        const LiveChangeReport change = server.changeOptions(wanted);
        QCOMPARE(change.results.size(), 6);
        QCOMPARE(change.appliedCount(), 0);
        for (const LiveOptionResult &r : change.results) {
            QVERIFY2(!r.live && !r.applied && r.connections == 0, qPrintable(r.key));
            QCOMPARE(r.reason, findOption(r.key)->translatedRestartReason());
            QVERIFY2(recorder.waitFor(EventKind::Lifecycle, QStringLiteral("%1 = %2 applies on restart: %3").arg(r.name, r.requested, r.reason)),
                     qPrintable(recorder.dump()));
        }
        QVERIFY(server.config() == before);
        // The kernel still holds what the start set.
        QCOMPARE(intOption(listenFd, SOL_SOCKET, SO_REUSEADDR), 1);
        QCOMPARE(intOption(listenFd, IPPROTO_TCP, TCP_DEFER_ACCEPT), 0);
        QCOMPARE(intOption(listenFd, IPPROTO_TCP, TCP_FASTOPEN), 0);
        server.connections()->withDescriptor(id, [&](int fd) { QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_MAXSEG), mssBefore); });
        QVERIFY(echoes(client.get(), "still a byte handler"));

        // A live option back to "kernel default" cannot be undone on an open socket; an unknown
        // congestion control is refused with the reason; neither touches the sockets.
        wanted = before;
        wanted.unset(QStringLiteral("nodelay"));
        wanted.setValue(QStringLiteral("congestion"), QStringLiteral("nosuchcc"));
        const OptionSpec &cc = *findOption(QStringLiteral("congestion"));
        const QString ccBefore = kernelValue(listenFd, cc);
        const LiveChangeReport refused = server.changeOptions(wanted, {QStringLiteral("nodelay"), QStringLiteral("congestion")});
        QCOMPARE(refused.results.size(), 2);
        QVERIFY(!refused.result(QStringLiteral("nodelay"))->live);
        QVERIFY(refused.result(QStringLiteral("nodelay"))->reason.contains(QStringLiteral("default")));
        const LiveOptionResult *bad = refused.result(QStringLiteral("congestion"));
        QVERIFY(bad->failed() && !bad->applied);
        QCOMPARE(bad->error.errnum(), EINVAL);
        QVERIFY2(bad->text().contains(QStringLiteral("not applied live")) && bad->text().contains(QStringLiteral("nosuchcc")), qPrintable(bad->text()));
        QVERIFY(recorder.waitFor(EventKind::Error, QStringLiteral("TCP_CONGESTION = nosuchcc not applied live")));
        QCOMPARE(kernelValue(listenFd, cc), ccBefore);
        QCOMPARE(intOption(listenFd, IPPROTO_TCP, TCP_NODELAY), 1);
        server.connections()->withDescriptor(id, [&](int fd) {
            QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_NODELAY), 1);
            QCOMPARE(kernelValue(fd, cc), ccBefore);
        });
        server.stop();
    }

    // SO_LINGER N set live on a server started without it: a close() of a connection with
    // unacknowledged data must not wait in the event loop (the engine emulates the linger).
    void lingerSetLiveNeverBlocksTheEventLoop()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), true);
        config.setValue(QStringLiteral("recv-size"), 65536);
        Server server;
        QVERIFY(!server.start(config));
        // A peer that never reads, with a tiny window: the server's echo stays unacknowledged.
        FileDescriptor stuck(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const int small = 4096;
        ::setsockopt(stuck.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(stuck.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        const quint64 id = testsupport::waitForOneConnection(server);
        QVERIFY(id);
        // Feed it until the server holds unacknowledged output and has read all its input (with
        // unread input close() would reset at once instead of lingering).
        const QByteArray chunk(16384, 'x');
        int unacked = 0, unread = 1;
        QElapsedTimer feeding;
        feeding.start();
        while (feeding.elapsed() < 5000 && !(unacked > 200000 && unread == 0)) {
            ::send(stuck.get(), chunk.constData(), size_t(chunk.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
            waitFor([] { return false; }, 20);
            server.connections()->withDescriptor(id, [&](int fd) {
                ::ioctl(fd, SIOCOUTQ, &unacked);
                ::ioctl(fd, SIOCINQ, &unread);
            });
        }
        QVERIFY2(unacked > 200000 && unread == 0, qPrintable(QStringLiteral("unacked %1, unread %2").arg(unacked).arg(unread)));
        FileDescriptor other = testsupport::connectTo(server.port());
        QVERIFY(echoes(other.get(), "before"));

        ServerConfig wanted = server.config();
        wanted.setValue(QStringLiteral("linger"), 5);
        QVERIFY(server.changeOptions(wanted, {QStringLiteral("linger")}).result(QStringLiteral("linger"))->connections == 2);
        QVERIFY(server.closeConnection(id, false));
        QVERIFY(waitFor([&] { return !server.connections()->contains(id); }, 3000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(echoes(other.get(), "after"));
        qInfo("an echo right after the lingering close took %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < 2000, "the event loop waited in close()");
        clock.restart();
        server.stop();
        QVERIFY2(clock.elapsed() < 2000, "stop() waited for the linger time");
    }
};

QTEST_MAIN(TestOptionsLive)
#include "tst_options_live.moc"
