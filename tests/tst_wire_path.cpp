// The wire's path, with real namespaces and real packets: the sides' addresses, the lab's own
// Server (event mode) and client across the relay (handshake, data, teardown, every packet seen),
// datagrams both ways, sysctls inside a side only, two wires at once, 200 start/stop cycles that
// leave no descriptor, thread, child or namespace behind, and the one-line refusal when the
// kernel forbids user namespaces (a nested user namespace whose limit is 0).
#include "labclient.h"
#include "server.h"
#include "testsupport.h"
#include "wire.h"
#include "wiretestsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tcplab;
using namespace tcplab::wire;
using namespace wiretest;

namespace {

quint64 inodeOf(const QString &path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}

// Children of every thread of this process (a forked helper is the child of the forking thread).
QStringList childProcesses()
{
    QStringList out;
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &t : tasks) {
        QFile f(QStringLiteral("/proc/self/task/%1/children").arg(t));
        if (f.open(QIODevice::ReadOnly))
            out << QString::fromLatin1(f.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return out;
}

// Every process's (and thread's) network and user namespace inode we may look at.
QSet<quint64> namespaceInodesInUse()
{
    QSet<quint64> out;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        if (!pid.front().isDigit())
            continue;
        for (const char *ns : {"net", "user"}) {
            if (const quint64 ino = inodeOf(QStringLiteral("/proc/%1/ns/%2").arg(pid, QLatin1String(ns))))
                out.insert(ino);
        }
    }
    return out;
}

QStringList hostInterfaces()
{
    return QDir(QStringLiteral("/sys/class/net")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
}

// Run by refusedNamespacesSayWhy() inside a user namespace whose limit of nested ones is 0.
int refusalProbe()
{
    Result<std::unique_ptr<Wire>> wire = Wire::start();
    if (wire) {
        std::fputs("wire started although namespaces are refused\n", stdout);
        return 1;
    }
    std::fprintf(stdout, "%s\n", qPrintable(wire.error().text()));
    // Everything else keeps working: the lab's server on loopback.
    Server server;
    const Error e = server.start(testsupport::loopbackConfig());
    std::fprintf(stdout, "server %s\n", e ? qPrintable(e.text()) : "ok");
    return e ? 1 : 0;
}

} // namespace

class TestWirePath : public WireTestCase
{
    Q_OBJECT

private slots:
    void sidesHaveTheirAddressesAndNamespaces()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        QCOMPARE(wire->clientAddress().toString(), QStringLiteral("198.18.0.1"));
        QCOMPARE(wire->serverAddress().toString(), QStringLiteral("198.18.0.2"));
        QCOMPARE(::kill(wire->helperPid(), 0), 0);
        const NamespaceInodes ns = wire->namespaceInodes();
        const quint64 hostNet = inodeOf(QStringLiteral("/proc/self/ns/net"));
        QVERIFY(ns.relay && ns.client && ns.server && ns.user);
        QCOMPARE(QSet<quint64>({hostNet, ns.relay, ns.client, ns.server}).size(), 4);
        QCOMPARE(inodeOf(QStringLiteral("/proc/%1/ns/net").arg(wire->helperPid())), ns.relay);

        // A client-side socket gets the client's address as its source, the server side's its own.
        quint16 port = 0;
        FileDescriptor rx = serverUdp(*wire, &port);
        QVERIFY(rx.isValid());
        FileDescriptor tx = clientUdp(*wire, port);
        QVERIFY(tx.isValid());
        sockaddr_in local{};
        socklen_t len = sizeof local;
        ::getsockname(tx.get(), reinterpret_cast<sockaddr *>(&local), &len);
        QCOMPARE(QHostAddress(ntohl(local.sin_addr.s_addr)), wire->clientAddress());
        // The server side's address does not exist in the host's namespace.
        FileDescriptor host(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_addr.s_addr = htonl(wire->serverAddress().toIPv4Address());
        QCOMPARE(::bind(host.get(), reinterpret_cast<sockaddr *>(&sa), sizeof sa), -1);
        QCOMPARE(errno, EADDRNOTAVAIL);
    }

    void datagramsCrossBothWays()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        quint16 port = 0;
        FileDescriptor rx = serverUdp(*wire, &port);
        FileDescriptor tx = clientUdp(*wire, port);
        QVERIFY(rx.isValid() && tx.isValid());
        QCOMPARE(::send(tx.get(), "ping", 4, 0), ssize_t(4));
        char buf[64];
        sockaddr_in from{};
        socklen_t len = sizeof from;
        QCOMPARE(::recvfrom(rx.get(), buf, sizeof buf, 0, reinterpret_cast<sockaddr *>(&from), &len), ssize_t(4));
        QCOMPARE(QHostAddress(ntohl(from.sin_addr.s_addr)), wire->clientAddress());
        QCOMPARE(::sendto(rx.get(), "pong", 4, 0, reinterpret_cast<sockaddr *>(&from), len), ssize_t(4));
        const timeval tv{2, 0};
        ::setsockopt(tx.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        QCOMPARE(::recv(tx.get(), buf, sizeof buf, 0), ssize_t(4));
        QCOMPARE(QByteArray(buf, 4), QByteArray("pong"));
        const WireCounters c = wire->counters();
        QCOMPARE(c.c2s.packets, quint64(1)); // no ARP, no IPv6 chatter: only our datagram
        QCOMPARE(c.s2c.packets, quint64(1));
        QCOMPARE(c.c2s.deliveredPackets, quint64(1));
        QCOMPARE(c.c2s.bytes, quint64(14 + 20 + 8 + 4));
    }

    void labServerAndClientAcrossTheWire()
    {
        RecordingSink sink;
        std::unique_ptr<Wire> wire = start({}, &sink);
        QVERIFY(wire);
        Server server;
        server.setSocketFactory(wire->socketFactory(Side::Server));
        ServerConfig config = testsupport::loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"));
        config.setValue(QStringLiteral("host"), wire->serverAddress().toString());
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        QCOMPARE(server.address(), wire->serverAddress());

        ClientRequest request;
        request.host = wire->serverAddress().toString();
        request.port = server.port();
        request.payload = "hello wire";
        request.socketFactory = wire->socketFactory(Side::Client);
        const ClientResult r = runClientExchange(request);
        QVERIFY2(!r.error, qPrintable(r.error.text()));
        QCOMPARE(r.reply, QByteArray("HELLO WIRE"));
        QVERIFY(r.peerClosed);
        QVERIFY(r.tcp.valid);
        server.stop();

        // Every packet of the connection crossed the relay: handshake, data, teardown.
        // The client's FIN may still be on its way when the exchange returns: wait for both.
        QVERIFY(testsupport::waitFor([&] {
            int fins = 0;
            for (const CapturedPacket &p : sink.packets())
                fins += (decode(p).flags & kFin) ? 1 : 0;
            return fins >= 2;
        }));
        QTest::qWait(100); // the last ACK
        const QList<CapturedPacket> packets = sink.packets();
        QStringList seen;
        bool clientFin = false, serverFin = false, data = false, reply = false;
        for (const CapturedPacket &p : packets) {
            QCOMPARE(p.fate, PacketFate::Delivered);
            QVERIFY(p.deliveredNs >= p.sentNs);
            const Segment s = decode(p);
            QVERIFY(s.tcp);
            const bool c2s = p.direction == Direction::ClientToServer;
            if (seen.size() < 3)
                seen << QStringLiteral("%1:%2").arg(c2s ? "c2s" : "s2c").arg(s.flags & (kSyn | kAck), 0, 16);
            if (c2s && s.payload == 10 && QByteArray(reinterpret_cast<const char *>(p.data.data()) + 14 + 20 + (p.data[14 + 20 + 12] >> 4) * 4, 10) == "hello wire")
                data = true;
            if (!c2s && s.payload == 10)
                reply = true;
            if (s.flags & kFin)
                (c2s ? clientFin : serverFin) = true;
        }
        QCOMPARE(seen, QStringList({QStringLiteral("c2s:2"), QStringLiteral("s2c:12"), QStringLiteral("c2s:10")}));
        QVERIFY(data);
        QVERIFY(reply);
        QVERIFY(clientFin);
        QVERIFY(serverFin);
        const WireCounters c = wire->counters();
        QCOMPARE(c.c2s.deliveredPackets, c.c2s.packets);
        QCOMPARE(c.s2c.deliveredPackets, c.s2c.packets);
        QCOMPARE(c.c2s.dropped() + c.s2c.dropped(), quint64(0));
        QCOMPARE(quint64(packets.size()), c.c2s.packets + c.s2c.packets);
    }

    void manyClientsAcrossTheWire()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        Server server;
        server.setSocketFactory(wire->socketFactory(Side::Server));
        ServerConfig config = testsupport::loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("host"), QString());
        QVERIFY(!server.start(config));
        ClientRequest request;
        request.host = wire->serverAddress().toString();
        request.port = server.port();
        request.payload = "line\n";
        request.replyMode = ReplyMode::Line;
        request.socketFactory = wire->socketFactory(Side::Client);
        QList<QThread *> threads;
        std::atomic<int> ok{0};
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&] {
                for (int i = 0; i < 25; ++i)
                    if (runClientExchange(request).reply == "LINE\n")
                        ok.fetch_add(1);
            });
            threads.back()->start();
        }
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QCOMPARE(ok.load(), 100);
        server.stop();
    }

    void sysctlsStayInsideTheSide()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        QFile hostFile(QStringLiteral("/proc/sys/net/ipv4/tcp_synack_retries"));
        QVERIFY(hostFile.open(QIODevice::ReadOnly));
        const QByteArray hostBefore = hostFile.readAll().trimmed();
        hostFile.close();
        const QString value = hostBefore == "2" ? QStringLiteral("3") : QStringLiteral("2");

        QVERIFY(!wire->setSideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_synack_retries"), value));
        Result<QString> server = wire->sideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_synack_retries"));
        QVERIFY2(server, qPrintable(server.error().text()));
        QCOMPARE(server.value(), value);
        Result<QString> client = wire->sideSysctl(Side::Client, QStringLiteral("net.ipv4.tcp_synack_retries"));
        QVERIFY(client);
        QCOMPARE(client.value().toLatin1(), hostBefore); // a fresh namespace starts with the default
        QVERIFY(hostFile.open(QIODevice::ReadOnly));
        QCOMPARE(hostFile.readAll().trimmed(), hostBefore);

        const Error notNet = wire->setSideSysctl(Side::Server, QStringLiteral("kernel.hostname"), QStringLiteral("x"));
        QVERIFY(notNet);
        QVERIFY2(notNet.text().contains(QLatin1String("net.")), qPrintable(notNet.text()));
        QVERIFY(wire->setSideSysctl(Side::Server, QStringLiteral("net..ipv4"), QStringLiteral("1")));
        QVERIFY(wire->setSideSysctl(Side::Server, QStringLiteral("net.ipv4/../../kernel/hostname"), QStringLiteral("x")));
        const Error missing = wire->setSideSysctl(Side::Client, QStringLiteral("net.ipv4.no_such_sysctl"), QStringLiteral("1"));
        QVERIFY(missing);
        QVERIFY2(missing.text().contains(QLatin1String("ENOENT")), qPrintable(missing.text()));
        // The helper still serves after refusals.
        QVERIFY(wire->socket(Side::Client, AF_INET, SOCK_STREAM).ok());
    }

    void badSocketRequestIsAnError()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        Result<FileDescriptor> fd = wire->socket(Side::Server, 12345, SOCK_STREAM, 0);
        QVERIFY(!fd);
        QCOMPARE(fd.error().errnum(), EAFNOSUPPORT);
        QVERIFY2(fd.error().text().contains(QLatin1String("server side")), qPrintable(fd.error().text()));
        QVERIFY(wire->socket(Side::Server, AF_INET, SOCK_DGRAM).ok());
    }

    void twoWiresAtOnceAreIndependent()
    {
        std::unique_ptr<Wire> a = start();
        std::unique_ptr<Wire> b = start();
        QVERIFY(a && b);
        QVERIFY(a->namespaceInodes().client != b->namespaceInodes().client);
        const pid_t helperA = a->helperPid();
        // b's helper was forked while a's channel was open: it must not keep a's helper alive.
        a.reset();
        QCOMPARE(::kill(helperA, 0), -1);
        QCOMPARE(udpBurst(*b, 10, 0).size(), 10);
    }

    void teardownLeavesNothingBehind()
    {
        const int fdsBefore = testsupport::openDescriptorCount();
        const int threadsBefore = testsupport::threadCount();
        const QStringList interfacesBefore = hostInterfaces();
        NamespaceInodes last;
        for (int i = 0; i < 200; ++i) {
            std::unique_ptr<Wire> wire = start();
            QVERIFY2(wire, qPrintable(QStringLiteral("cycle %1").arg(i)));
            last = wire->namespaceInodes();
            Result<FileDescriptor> s = wire->socket(Side::Client, AF_INET, SOCK_STREAM);
            QVERIFY(s);
            if (i % 20 == 0)
                QCOMPARE(udpBurst(*wire, 3, 0, 64, 300).size(), 3);
        }
        QCOMPARE(testsupport::openDescriptorCount(), fdsBefore);
        QCOMPARE(testsupport::threadCount(), threadsBefore);
        QCOMPARE(childProcesses(), QStringList());
        QCOMPARE(hostInterfaces(), interfacesBefore);
        // Nothing is in the last wire's namespaces any more: their only holder was the helper
        // (reaped: no child left) and the sockets (closed: no descriptor left). The kernel
        // recycles namespace inode numbers, so only the last set is checked, at once.
        const QSet<quint64> inUse = namespaceInodesInUse();
        for (quint64 ino : {last.user, last.relay, last.client, last.server})
            QVERIFY2(!inUse.contains(ino), qPrintable(QString::number(ino)));
    }

    void startedFromAShortLivedThread()
    {
        // The wire outlives the thread that started it (the helper is not tied to that thread).
        std::unique_ptr<Wire> wire;
        QThread *t = QThread::create([&] { wire = start(); });
        t->start();
        t->wait();
        delete t;
        QVERIFY(wire);
        QTest::qWait(100);
        QCOMPARE(::kill(wire->helperPid(), 0), 0);
        QCOMPARE(udpBurst(*wire, 3, 0, 64, 300).size(), 3);
        QVERIFY(wire->socket(Side::Server, AF_INET, SOCK_STREAM).ok());
    }

    void factoryOutlivingItsWireFails()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        const SocketFactory factory = wire->socketFactory(Side::Client);
        const int fd = factory(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        ::close(fd);
        wire.reset();
        errno = 0;
        QCOMPARE(factory(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), -1);
        QCOMPARE(errno, ENETDOWN);
        Server server; // and the lab's server says so in one line
        server.setSocketFactory(factory);
        const Error e = server.start(testsupport::loopbackConfig());
        QVERIFY(e);
        QVERIFY2(e.text().contains(QLatin1String("ENETDOWN")), qPrintable(e.text()));
    }

    void tooManyTargetedDropsAreRefused()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        WireSpec spec;
        for (int i = 0; i < Relay::kMaxDrops + 1; ++i)
            spec.drops << TargetedDrop{};
        const Error e = wire->setSpec(spec);
        QVERIFY(e);
        QVERIFY2(e.text().contains(QString::number(Relay::kMaxDrops)), qPrintable(e.text()));
        QVERIFY(!Wire::start(spec));
        spec.drops.removeLast();
        QVERIFY(!wire->setSpec(spec));
    }

    void idleWireCostsNoCpu()
    {
        WireSpec spec;
        spec.c2s.delayMs = 50; // a timer in use, then none
        std::unique_ptr<Wire> wire = start(spec);
        QVERIFY(wire);
        QCOMPARE(udpBurst(*wire, 5, 0, 64, 200).size(), 5);
        auto relayTicks = [] {
            const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &t : tasks) {
                QFile f(QStringLiteral("/proc/self/task/%1/stat").arg(t));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QString stat = QString::fromLatin1(f.readAll());
                if (!stat.contains(QLatin1String("(tcplab-wire)")))
                    continue;
                const QStringList fields = stat.mid(stat.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
                return fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime + stime
            }
            return -1LL;
        };
        const qint64 before = relayTicks();
        QVERIFY(before >= 0);
        QTest::qWait(2000);
        const qint64 ticks = relayTicks() - before;
        QVERIFY2(ticks * 1000 / ::sysconf(_SC_CLK_TCK) < 50, qPrintable(QStringLiteral("%1 ticks").arg(ticks)));
    }

    void refusedNamespacesSayWhy()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty())
            QSKIP("util-linux's unshare is not installed (it makes the nested user namespace)");
        // A user namespace of our own whose limit of nested user namespaces is 0: the kernel
        // then refuses the wire's, exactly as user.max_user_namespaces=0 does on a host.
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("unshare"),
                {QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" --wire-refusal-probe"),
                 QCoreApplication::applicationFilePath()});
        QVERIFY(p.waitForFinished(20000));
        const QString out = QString::fromLocal8Bit(p.readAll());
        QCOMPARE(p.exitCode(), 0);
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QLatin1String("the wire cannot create its network namespaces: unshare(CLONE_NEWUSER|CLONE_NEWNET)")), qPrintable(out));
        QVERIFY2(lines[0].contains(QLatin1String("user.max_user_namespaces=0")), qPrintable(out));
        QVERIFY2(lines[0].contains(QLatin1String("sysctl -w user.max_user_namespaces=")), qPrintable(out));
        QCOMPARE(lines[1], QStringLiteral("server ok"));
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--wire-refusal-probe") == 0) {
        QCoreApplication app(argc, argv);
        return refusalProbe();
    }
    QCoreApplication app(argc, argv);
    TestWirePath test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_wire_path.moc"
