// Every socket option of the table, requested with a non-default value, read back with
// getsockopt on the listening socket and on an accepted socket; where the kernel changes a
// value, the test asserts the kernel's rule (and the option report's "changed" row and note).
#include "optiontable.h"
#include "procnet.h"
#include "server.h"
#include "socketendpoint.h"
#include "socketoptions.h"
#include "systemlimits.h"
#include "tcpinfo.h"
#include "testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <arpa/inet.h>
#include <climits>
#include <cmath>
#include <linux/sockios.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;

namespace {

// A value inside the spec's range that is neither the kernel's default nor the recipe's.
QVariant nonDefaultValue(const OptionSpec &spec)
{
    switch (spec.kind) {
    case OptionKind::Bool:
        // Every boolean option of the table is off on a fresh socket except TCP_QUICKACK, which
        // reads 1 on any socket that is not in delayed-ACK mode: only "off" shows it was set.
        return spec.level != IPPROTO_TCP || spec.optname != TCP_QUICKACK;
    case OptionKind::Int: {
        const double range = spec.maximum - spec.minimum;
        const double v = range <= 65535 ? spec.minimum + std::floor(range / 3) : spec.minimum + 100000;
        return int(v);
    }
    case OptionKind::Seconds:
        // A whole number of jiffies at any HZ, so the kernel's rounding cannot interfere.
        return std::min(spec.maximum, spec.minimum + 90.5);
    case OptionKind::Linger:
        return int(std::min(spec.maximum, 7.0));
    case OptionKind::Choice: {
        const QString current = SystemLimits::read(QStringLiteral("net.ipv4.tcp_congestion_control"));
        for (const QString &c : spec.choices) {
            if (c != current)
                return c;
        }
        return spec.choices.value(0);
    }
    case OptionKind::Text:
        break;
    }
    return {};
}

// The kernel's TCP_DEFER_ACCEPT conversion (net/ipv4/tcp.c): seconds become a number of
// SYN-ACK retransmissions (1 s initial timeout doubling up to TCP_RTO_MAX 120 s) and read back
// as the total time of that many retransmissions.
int secsToRetrans(int seconds)
{
    int res = 0;
    if (seconds > 0) {
        int timeout = 1, period = 1;
        res = 1;
        while (seconds > period && res < 255) {
            ++res;
            timeout = std::min(timeout << 1, 120);
            period += timeout;
        }
    }
    return res;
}

int retransToSecs(int retrans)
{
    int period = 0;
    if (retrans > 0) {
        int timeout = 1;
        period = 1;
        while (--retrans) {
            timeout = std::min(timeout << 1, 120);
            period += timeout;
        }
    }
    return period;
}

bool isOpt(const OptionSpec &spec, int level, int optname)
{
    return spec.level == level && spec.optname == optname;
}

// Options that describe the accept queue, i.e. only a listening socket: an accepted socket has
// its own (empty) accept queue, and setting them on a connected socket is refused (EINVAL for
// TCP_FASTOPEN) or meaningless, so the server must not re-apply them per connection.
bool isListenerOnly(const OptionSpec &spec)
{
    return isOpt(spec, IPPROTO_TCP, TCP_DEFER_ACCEPT) || isOpt(spec, IPPROTO_TCP, TCP_FASTOPEN);
}

// What the kernel is expected to hold on the LISTENING socket after the request.
QVariant expectedOnListener(const OptionSpec &spec, const QVariant &requested, QString *rule)
{
    if (isOpt(spec, SOL_SOCKET, SO_RCVBUF) || isOpt(spec, SOL_SOCKET, SO_SNDBUF)) {
        *rule = QStringLiteral("doubled for bookkeeping (socket(7))");
        return 2 * requested.toInt();
    }
    if (isOpt(spec, IPPROTO_TCP, TCP_DEFER_ACCEPT)) {
        *rule = QStringLiteral("seconds -> SYN-ACK retransmissions -> seconds, rounded up");
        return retransToSecs(secsToRetrans(requested.toInt()));
    }
    if (isOpt(spec, IPPROTO_TCP, TCP_FASTOPEN)) {
        *rule = QStringLiteral("Fast Open queue capped at net.core.somaxconn");
        return int(std::min<long>(requested.toInt(), SystemLimits::readNumber(QStringLiteral("net.core.somaxconn"))));
    }
    if (isOpt(spec, IPPROTO_IP, IP_TOS) || isOpt(spec, IPPROTO_IPV6, IPV6_TCLASS)) {
        *rule = QStringLiteral("ECN bits owned by TCP");
        return requested.toInt() & ~0x3;
    }
    if (isOpt(spec, IPPROTO_TCP, TCP_QUICKACK)) {
        // listen() clears the delayed-ACK state (inet_csk_delack_init), and the lab sets its
        // options before listen(): the listener leaves ping-pong mode and reads 1.
        *rule = QStringLiteral("listen() resets the delayed-ACK state");
        return true;
    }
    *rule = QStringLiteral("as requested");
    return requested;
}

// What an accepted socket must hold: the listener's value, except TCP_QUICKACK, which the lab
// sets on every accepted socket (the listener's was reset by listen()).
QVariant expectedOnAccepted(const OptionSpec &spec, const QVariant &requested, QString *rule)
{
    if (isOpt(spec, IPPROTO_TCP, TCP_QUICKACK)) {
        *rule = QStringLiteral("set by the lab on each accepted socket");
        return requested;
    }
    return expectedOnListener(spec, requested, rule);
}

// Spin without the event loop (a 40 ms delayed-ACK window is too short for waitFor()'s pace).
bool spinUntil(const std::function<bool()> &cond, int timeoutMs = 3000)
{
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::usleep(100);
    }
    return true;
}

int unsentOrUnacked(int fd)
{
    int bytes = -1;
    return ::ioctl(fd, SIOCOUTQ, &bytes) == 0 ? bytes : -1;
}

bool sameValue(const OptionSpec &spec, const QVariant &a, const QVariant &b)
{
    if (spec.kind == OptionKind::Seconds)
        return std::fabs(a.toDouble() - b.toDouble()) < 1e-3;
    if (spec.kind == OptionKind::Bool)
        return a.toBool() == b.toBool();
    return formatOptionValue(spec, a) == formatOptionValue(spec, b);
}

ServerConfig everyOptionConfig(const QString &mode, const QString &address = QStringLiteral("127.0.0.1"))
{
    ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
    config.setValue(QStringLiteral("host"), address);
    for (const OptionSpec &spec : optionTable()) {
        if (spec.isSocketOption())
            config.setValue(spec.key, nonDefaultValue(spec));
    }
    return config;
}


// ---- TCP_SYNCNT on a listener, in a private network namespace (see synCountBoundsSynAcks) ----

quint16 checksum(const QByteArray &bytes)
{
    quint32 sum = 0;
    for (qsizetype i = 0; i + 1 < bytes.size(); i += 2)
        sum += (quint32(quint8(bytes[i])) << 8) | quint8(bytes[i + 1]);
    if (bytes.size() % 2)
        sum += quint32(quint8(bytes.back())) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

// A bare SYN from an address nobody answers for: the listener's SYN-ACKs go unanswered.
bool sendBareSyn(quint32 from, quint16 fromPort, quint32 to, quint16 toPort)
{
    QByteArray tcp(20, '\0');
    auto put16 = [](QByteArray &b, int at, quint16 v) { b[at] = char(v >> 8); b[at + 1] = char(v); };
    put16(tcp, 0, fromPort);
    put16(tcp, 2, toPort);
    tcp[7] = 1;             // sequence number 1
    tcp[12] = char(5 << 4); // header length
    tcp[13] = 0x02;         // SYN
    put16(tcp, 14, 65535);  // window
    QByteArray pseudo(12, '\0');
    for (int i = 0; i < 4; ++i) {
        pseudo[i] = char(from >> (24 - 8 * i));
        pseudo[4 + i] = char(to >> (24 - 8 * i));
    }
    pseudo[9] = IPPROTO_TCP;
    put16(pseudo, 10, quint16(tcp.size()));
    put16(tcp, 16, checksum(pseudo + tcp));
    QByteArray ip(20, '\0');
    ip[0] = 0x45;
    put16(ip, 2, quint16(20 + tcp.size()));
    ip[8] = 64;
    ip[9] = IPPROTO_TCP;
    ip.replace(12, 8, pseudo.left(8)); // source, destination (the kernel fills the checksum)
    FileDescriptor raw(::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW));
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_addr.s_addr = htonl(to);
    const QByteArray packet = ip + tcp;
    return raw.isValid()
        && ::sendto(raw.get(), packet.constData(), size_t(packet.size()), 0, reinterpret_cast<sockaddr *>(&dst), sizeof(dst)) == packet.size();
}

// SYN_RECV entries of /proc/net/tcp: local port -> retransmissions so far.
QMap<quint16, int> halfOpen()
{
    QMap<quint16, int> out;
    QFile f(QStringLiteral("/proc/net/tcp"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    f.readLine();
    while (!f.atEnd()) {
        const QStringList cols = QString::fromLatin1(f.readLine()).simplified().split(QLatin1Char(' '));
        if (cols.size() > 6 && cols[3] == QLatin1String("03"))
            out.insert(quint16(cols[1].section(QLatin1Char(':'), 1).toUInt(nullptr, 16)), cols[6].toInt(nullptr, 16));
    }
    return out;
}
} // namespace

class TestSocketOptions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        const long rmem = SystemLimits::readNumber(QStringLiteral("net.core.rmem_max"));
        const long wmem = SystemLimits::readNumber(QStringLiteral("net.core.wmem_max"));
        const int buf = nonDefaultValue(*findOption(QStringLiteral("rcvbuf"))).toInt();
        // Below rmem_max/wmem_max the kernel only doubles; above them it would also cap.
        QVERIFY2(buf <= rmem && buf <= wmem, "the chosen buffer size must stay under net.core.rmem_max/wmem_max");
        for (const OptionSpec &spec : optionTable()) {
            if (spec.isSocketOption())
                QVERIFY2(validateOptionValue(spec, nonDefaultValue(spec)).isEmpty(), qPrintable(spec.key));
        }
    }

    void everyOptionOnListenerAndAcceptedSocket_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("address");
        for (const char *address : {"127.0.0.1", "::1"}) {
            for (const char *mode : {"iterative", "threaded", "event"})
                QTest::addRow("%s %s", address, mode) << QString::fromLatin1(mode) << QString::fromLatin1(address);
        }
    }

    void everyOptionOnListenerAndAcceptedSocket()
    {
        QFETCH(QString, mode);
        QFETCH(QString, address);
        const bool ipv6 = address.contains(QLatin1Char(':'));
        if (ipv6)
            TCPLAB_REQUIRE_IPV6();
        const int family = ipv6 ? AF_INET6 : AF_INET;
        const ServerConfig config = everyOptionConfig(mode, address);
        QVERIFY(config.validate().isEmpty());
        Server server;
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        const int listenFd = server.listenDescriptor();
        QVERIFY(listenFd >= 0);

        // ---- the listening socket ----
        int checked = 0;
        for (const OptionSpec &spec : optionTable()) {
            if (!spec.isSocketOption())
                continue;
            if (!optionAppliesTo(spec, family)) {
                // The other family's IP-level options: neither applied nor reported, and the
                // report says which and why.
                QVERIFY2(!server.report().row(spec.key), qPrintable(spec.key));
                const QString why = QStringLiteral("%1 not shown: %2 listener").arg(spec.name, ipv6 ? "IPv6" : "IPv4");
                QVERIFY2(server.report().omitted.join(QLatin1Char('\n')).contains(why), qPrintable(server.report().toText()));
                QVERIFY2(server.report().toText().contains(why), qPrintable(server.report().toText()));
                continue;
            }
            const QVariant requested = config.value(spec.key);
            Result<QVariant> effective = readOption(listenFd, spec);
            QVERIFY2(effective.ok(), qPrintable(spec.key + QLatin1String(": ") + effective.error().text()));
            QString rule;
            const QVariant expected = expectedOnListener(spec, requested, &rule);
            QVERIFY2(sameValue(spec, effective.value(), expected),
                     qPrintable(QStringLiteral("listener %1: requested %2, expected %3 (%4), kernel holds %5")
                                    .arg(spec.name, formatOptionValue(spec, requested), formatOptionValue(spec, expected), rule,
                                         formatOptionValue(spec, effective.value()))));

            // The option report says the same, and flags every change with a note.
            const OptionReportRow *row = server.report().row(spec.key);
            QVERIFY2(row, qPrintable(spec.key));
            QCOMPARE(row->requested, formatOptionValue(spec, requested));
            QCOMPARE(row->effective, formatOptionValue(spec, effective.value()));
            const bool changed = !sameValue(spec, effective.value(), requested);
            QVERIFY2(row->changed == changed, qPrintable(spec.key));
            if (changed)
                QVERIFY2(!row->note.isEmpty(), qPrintable(spec.key));
            ++checked;
        }
        QVERIFY(checked >= 20);

        // The kernel rules the report must name.
        QVERIFY(server.report().row("rcvbuf")->changed);
        QVERIFY2(server.report().row("rcvbuf")->note.contains(QLatin1String("doubled")), qPrintable(server.report().row("rcvbuf")->note));
        QVERIFY(server.report().row("sndbuf")->note.contains(QLatin1String("doubled")));
        QVERIFY(server.report().row("defer-accept")->changed);
        QVERIFY(server.report().row("defer-accept")->note.contains(QLatin1String("rounded up")));
        QVERIFY(server.report().row("quickack")->changed); // requested off, listen() reset it
        QVERIFY2(server.report().row("quickack")->note.contains(QLatin1String("listen()")), qPrintable(server.report().row("quickack")->note));
        const QString tos = QLatin1String(ipv6 ? "tclass" : "tos");
        QVERIFY(server.report().row(tos)->changed);
        QVERIFY(server.report().row(tos)->note.contains(QLatin1String("ECN")));
        if (ipv6) {
            QVERIFY2(server.report().omitted.contains(QStringLiteral("IP_TOS not shown: IPv6 listener; see IPV6_TCLASS")),
                     qPrintable(server.report().omitted.join(QLatin1Char('\n'))));
            QCOMPARE(server.endpoint(), QStringLiteral("[::1]:%1").arg(server.port()));
        } else {
            QVERIFY(server.report().omitted.contains(QStringLiteral("IPV6_TCLASS not shown: IPv4 listener; see IP_TOS")));
        }
        QVERIFY(server.report().row("fastopen")->changed);
        QVERIFY2(server.report().row("fastopen")->note.contains(QLatin1String("somaxconn")), qPrintable(server.report().row("fastopen")->note));
        if (mode == QLatin1String("event")) {
            QVERIFY(server.report().row("rcvtimeo")->note.contains(QLatin1String("event mode")));
            QVERIFY(server.report().row("linger")->note.contains(QLatin1String("does not block its loop")));
        } else {
            QVERIFY(!server.report().row("linger")->note.contains(QLatin1String("event loop")));
        }

        // ---- an accepted socket, held open by a persistent client ----
        // TCP_DEFER_ACCEPT holds the connection back until data arrives: send half a line (no
        // reply yet, so the connection stays quiet while it is probed).
        FileDescriptor client = connectTo(address, server.port());
        QVERIFY(client.isValid());
        QVERIFY(sendAll(client.get(), "half a line"));
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id != 0);
        QVERIFY(waitFor([&] { return server.connectionSnapshot(false).value(0).bytesIn == 11; }));

        QMap<QString, QVariant> accepted;
        QString failures;
        TcpInfoSnapshot acceptedInfo;
        QVERIFY(server.connections()->withDescriptor(id, [&](int fd) {
            acceptedInfo = readTcpInfo(fd);
            for (const OptionSpec &spec : optionTable()) {
                if (!spec.isSocketOption() || !optionAppliesTo(spec, family))
                    continue;
                Result<QVariant> v = readOption(fd, spec);
                if (!v)
                    failures += spec.key + QLatin1String(": ") + v.error().text() + QLatin1Char('\n');
                else
                    accepted.insert(spec.key, v.value());
            }
        }));
        QVERIFY2(failures.isEmpty(), qPrintable(failures));
        QVERIFY(acceptedInfo.valid);
        QCOMPARE(acceptedInfo.stateName(), QStringLiteral("ESTABLISHED"));

        QStringList notInherited;
        for (const OptionSpec &spec : optionTable()) {
            if (!spec.isSocketOption() || !optionAppliesTo(spec, family))
                continue;
            const QVariant requested = config.value(spec.key);
            const QVariant got = accepted.value(spec.key);
            const QString what = QStringLiteral("accepted %1: requested %2, kernel holds %3")
                                     .arg(spec.name, formatOptionValue(spec, requested), formatOptionValue(spec, got));
            if (isListenerOnly(spec)) {
                // The accept queue belongs to the listener; a connected socket reports none.
                QVERIFY2(!spec.perConnection, qPrintable(spec.key));
                QVERIFY2(got.toInt() == 0, qPrintable(what));
                notInherited << spec.name;
                continue;
            }
            if (isOpt(spec, IPPROTO_TCP, TCP_MAXSEG)) {
                // After the handshake TCP_MAXSEG reads the MSS in use: the requested clamp minus
                // TCP option space (timestamps), never above the request; TCP_INFO agrees.
                QVERIFY2(got.toInt() <= requested.toInt() && got.toInt() > requested.toInt() - 64, qPrintable(what));
                QCOMPARE(quint32(got.toInt()), acceptedInfo.sndMss);
                continue;
            }
            if (isOpt(spec, IPPROTO_TCP, TCP_WINDOW_CLAMP)) {
                // The child's clamp comes from the request socket and is cut to the window space
                // its receive buffer allows (tcp_full_space), so it never exceeds either.
                QVERIFY2(got.toInt() > 0 && got.toInt() <= requested.toInt() && got.toInt() <= accepted.value("rcvbuf").toInt(),
                         qPrintable(what));
                continue;
            }
            if (isOpt(spec, IPPROTO_IP, IP_TOS) || isOpt(spec, IPPROTO_IPV6, IPV6_TCLASS)) {
                // The ECN bits of an accepted socket follow the connection's ECN negotiation.
                QVERIFY2((got.toInt() & ~0x3) == (requested.toInt() & ~0x3), qPrintable(what));
                continue;
            }
            QString rule;
            const QVariant expected = expectedOnAccepted(spec, requested, &rule);
            QVERIFY2(sameValue(spec, got, expected), qPrintable(what + QStringLiteral(" (expected %1: %2)")
                                                                    .arg(formatOptionValue(spec, expected), rule)));
        }
        qInfo("options not carried by accepted sockets (listener-only): %s", qPrintable(notInherited.join(QLatin1String(", "))));

        client.reset();
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        server.stop();
    }

    // Without the per-connection re-application, would the accepted socket still carry the
    // options? This tells which options the kernel copies from the listener by itself.
    void kernelInheritanceWithoutTheLab()
    {
        const ServerConfig config = everyOptionConfig(QStringLiteral("event"));
        FileDescriptor listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QVERIFY(listener.isValid());
        QVERIFY(!applyOptions(listener.get(), config, OptionPhase::BeforeBind));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listener.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        const Error applied = applyOptions(listener.get(), config, OptionPhase::BeforeListen);
        QVERIFY2(!applied, qPrintable(applied.text()));
        QCOMPARE(::listen(listener.get(), 8), 0);
        FileDescriptor client = connectTo(localPort(listener.get()));
        QVERIFY(client.isValid());
        QVERIFY(sendAll(client.get(), "x")); // TCP_DEFER_ACCEPT waits for data
        pollfd p{listener.get(), POLLIN, 0};
        QCOMPARE(::poll(&p, 1, 3000), 1);
        FileDescriptor accepted(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(accepted.isValid());

        QStringList lost;
        for (const OptionSpec &spec : optionTable()) {
            // Options whose accepted value follows the handshake, checked above.
            if (!spec.isSocketOption() || isListenerOnly(spec) || isOpt(spec, IPPROTO_TCP, TCP_MAXSEG)
                || isOpt(spec, IPPROTO_IP, IP_TOS) || isOpt(spec, IPPROTO_TCP, TCP_WINDOW_CLAMP) || !optionAppliesTo(spec, AF_INET))
                continue;
            Result<QVariant> got = readOption(accepted.get(), spec);
            QVERIFY(got.ok());
            QString rule;
            const QVariant expected = expectedOnAccepted(spec, config.value(spec.key), &rule);
            if (!sameValue(spec, got.value(), expected)) {
                lost << spec.name;
                // Whatever the kernel does not copy, the server must apply on each accepted socket.
                QVERIFY2(spec.perConnection, qPrintable(spec.name + QLatin1String(" is not inherited but not perConnection")));
            }
        }
        qInfo("not inherited from the listener on this kernel: %s", lost.isEmpty() ? "(none)" : qPrintable(lost.join(", ")));
    }

    void quickAckIsNotStickyAndTheRearmWorks_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("rearm");
        for (const char *mode : {"iterative", "threaded", "event"}) {
            QTest::addRow("%s, re-arm on", mode) << QString::fromLatin1(mode) << true;
            QTest::addRow("%s, re-arm off", mode) << QString::fromLatin1(mode) << false;
        }
    }

    // TCP_QUICKACK reads back "not in delayed-ACK (ping-pong) mode", so it reads 1 on any fresh
    // socket whether or not the lab set it. What the lab's re-arm changes shows only after the
    // kernel has entered ping-pong mode (a reply sent soon after a request): the next request
    // that gets no reply (half a line) is then acknowledged at once when the server re-arms
    // after its read (setsockopt(TCP_QUICKACK, 1) sends the pending ACK), and only when the
    // delayed-ACK timer fires (~40 ms) when it does not. Between the read and that ACK the
    // accepted socket reads 1 with the re-arm and 0 without it.
    void quickAckIsNotStickyAndTheRearmWorks()
    {
        QFETCH(QString, mode);
        QFETCH(bool, rearm);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("quickack"), true);
        config.setValue(QStringLiteral("quickack-rearm"), rearm);
        Server server;
        QVERIFY(!server.start(config));
        FileDescriptor client = connectTo(server.port());
        QVERIFY(client.isValid());
        const int one = 1;
        QCOMPARE(::setsockopt(client.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id);
        auto serverQuickAck = [&] {
            int v = -1;
            server.connections()->withDescriptor(id, [&](int fd) { v = intOption(fd, IPPROTO_TCP, TCP_QUICKACK, {}).value(); });
            return v;
        };
        auto bytesIn = [&] { return server.connectionSnapshot(false).value(0).bytesIn; };

        const int trials = 5;
        int promptAcks = 0, lateAcks = 0, readsOneAfterRead = 0, readsZeroWhilePending = 0, sampledWhilePending = 0;
        QStringList log;
        for (int t = 0; t < trials; ++t) {
            // Not sticky: a request answered at once puts the socket into delayed-ACK mode,
            // although the lab set QUICKACK on it at accept (and, with re-arm, after the read).
            int pingPong = -1, rounds = 0;
            while (pingPong != 0 && rounds < 20) {
                ++rounds;
                QVERIFY(sendAll(client.get(), "ping\n"));
                QCOMPARE(readExactly(client.get(), 5), QByteArray("PING\n"));
                pingPong = serverQuickAck();
            }
            QVERIFY2(pingPong == 0, qPrintable(QStringLiteral("still quick-ack after %1 request/reply rounds").arg(rounds)));

            // Half a line: the server reads it and has nothing to reply.
            const quint64 before = bytesIn();
            QElapsedTimer timer;
            timer.start();
            QVERIFY(sendAll(client.get(), "pa"));
            QVERIFY(spinUntil([&] { return bytesIn() == before + 2; }));
            const int afterRead = serverQuickAck();
            const bool pending = unsentOrUnacked(client.get()) > 0; // the server's ACK not there yet
            QVERIFY(spinUntil([&] { return unsentOrUnacked(client.get()) == 0; }));
            const qint64 ackMs = timer.elapsed();
            // Either way the socket has left ping-pong mode now (re-arm, or the timer's ACK).
            QCOMPARE(serverQuickAck(), 1);
            log << QStringLiteral("ACK after %1 ms, QUICKACK %2 after the read%3").arg(ackMs).arg(afterRead).arg(pending ? " (ACK pending)" : "");
            promptAcks += ackMs < 30;
            lateAcks += ackMs >= 30;
            readsOneAfterRead += afterRead == 1;
            sampledWhilePending += pending;
            readsZeroWhilePending += pending && afterRead == 0;
            QVERIFY(sendAll(client.get(), "ng\n"));
            QCOMPARE(readExactly(client.get(), 5), QByteArray("PANG\n"));
        }
        qInfo("%s, re-arm %s: %s", qPrintable(mode), rearm ? "on" : "off", qPrintable(log.join(QLatin1String("; "))));
        if (rearm) {
            // Two trials in five may lose their 30 ms to the scheduler of a loaded machine (or
            // to ThreadSanitizer); a missing re-arm loses all five (the delayed ACK takes ~40 ms).
            QVERIFY2(promptAcks >= trials - 2, qPrintable(log.join(QLatin1String("; "))));
            QVERIFY2(readsOneAfterRead >= trials - 2, qPrintable(log.join(QLatin1String("; "))));
        } else {
            // The kernel's delayed-ACK timer cannot fire early; a sample taken while the ACK was
            // still pending must read 0 (taken late, after the timer, it says nothing).
            QVERIFY2(lateAcks == trials, qPrintable(log.join(QLatin1String("; "))));
            QVERIFY2(sampledWhilePending >= 1, qPrintable(log.join(QLatin1String("; "))));
            QVERIFY2(readsZeroWhilePending == sampledWhilePending, qPrintable(log.join(QLatin1String("; "))));
        }
        const OptionReportRow *row = server.report().row(QStringLiteral("quickack"));
        QVERIFY(row && row->note.contains(QLatin1String("not sticky")));
        client.reset();
        server.stop();
    }

    void backlogIsClampedToSomaxconn()
    {
        const long somaxconn = SystemLimits::readNumber(QStringLiteral("net.core.somaxconn"));
        QVERIFY(somaxconn > 0);
        const OptionSpec *spec = findOption(QStringLiteral("backlog"));
        if (somaxconn + 1 > long(spec->maximum))
            QSKIP("net.core.somaxconn is at or above the largest backlog the table allows");
        ServerConfig config = loopbackConfig();
        const int requested = int(std::min<long>(long(spec->maximum), somaxconn + 100));
        config.setValue(QStringLiteral("backlog"), requested);
        Server server;
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        const TcpInfoSnapshot info = readTcpInfo(server.listenDescriptor());
        QVERIFY(info.valid);
        QCOMPARE(info.stateName(), QStringLiteral("LISTEN"));
        QCOMPARE(long(info.sacked), somaxconn); // the kernel's accept-queue limit
        const OptionReportRow *row = server.report().row(QStringLiteral("backlog"));
        QVERIFY(row);
        QCOMPARE(row->requested, QString::number(requested));
        QCOMPARE(row->effective, QString::number(somaxconn));
        QVERIFY(row->changed);
        QVERIFY2(row->note.contains(QStringLiteral("net.core.somaxconn = %1").arg(somaxconn)), qPrintable(row->note));
        QVERIFY2(server.warnings().join(' ').contains(QLatin1String("somaxconn")), qPrintable(server.warnings().join(' ')));
        server.stop();

        // Below the cap the kernel keeps the value.
        config.setValue(QStringLiteral("backlog"), 7);
        QVERIFY(!server.start(config));
        QCOMPARE(readTcpInfo(server.listenDescriptor()).sacked, quint32(7));
        QCOMPARE(server.report().row(QStringLiteral("backlog"))->effective, QStringLiteral("7"));
        QVERIFY(!server.report().row(QStringLiteral("backlog"))->changed);
        QVERIFY(server.warnings().join(' ').isEmpty() || !server.warnings().join(' ').contains(QLatin1String("somaxconn")));
        server.stop();
    }

    void buffersAboveTheSysctlAreCapped()
    {
        // SO_RCVBUF/SO_SNDBUF: doubled, but never beyond 2 x net.core.rmem_max / wmem_max.
        for (const char *key : {"rcvbuf", "sndbuf"}) {
            const QString sysctl = QLatin1String(key) == QLatin1String("rcvbuf") ? QStringLiteral("net.core.rmem_max")
                                                                                 : QStringLiteral("net.core.wmem_max");
            const long cap = SystemLimits::readNumber(sysctl);
            QVERIFY(cap > 0);
            const OptionSpec *spec = findOption(QLatin1String(key));
            // 1.5 x the cap, and exactly 2 x the cap (which reads back equal to the request).
            for (const long requested : {cap + cap / 2, 2 * cap}) {
                if (double(requested) > spec->maximum)
                    QSKIP(qPrintable(sysctl + QLatin1String(" is too large to ask for more than it")));
                ServerConfig config = loopbackConfig();
                config.setValue(QLatin1String(key), int(requested));
                Server server;
                QVERIFY(!server.start(config));
                QCOMPARE(readOption(server.listenDescriptor(), *spec).value().toLongLong(), qlonglong(2 * cap));
                const OptionReportRow *row = server.report().row(QLatin1String(key));
                QVERIFY2(row->changed, qPrintable(QString::number(requested)));
                QVERIFY2(row->note.contains(QStringLiteral("capped at 2 x %1").arg(sysctl)), qPrintable(row->note));
                server.stop();
            }
        }
    }

    void linger2ZeroReadsTheFinTimeout()
    {
        const long finTimeout = SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        QVERIFY(finTimeout > 0);
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("linger2"), 0);
        Server server;
        QVERIFY(!server.start(config));
        QCOMPARE(readOption(server.listenDescriptor(), *findOption(QStringLiteral("linger2"))).value().toLongLong(), qlonglong(finTimeout));
        const OptionReportRow *row = server.report().row(QStringLiteral("linger2"));
        QVERIFY(row->changed);
        QVERIFY2(row->note.contains(QLatin1String("tcp_fin_timeout")), qPrintable(row->note));
        server.stop();
    }

    // TCP_LINGER2: the kernel keeps any value up to TCP_FIN_TIMEOUT_MAX (120 s), also above
    // net.ipv4.tcp_fin_timeout, and caps larger ones at 120: the table's maximum is that cap.
    void linger2AboveTheFinTimeoutIsKept()
    {
        const long finTimeout = SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        QVERIFY(finTimeout > 0);
        const OptionSpec *spec = findOption(QStringLiteral("linger2"));
        QCOMPARE(spec->maximum, 120.0);
        if (finTimeout >= 120)
            QSKIP("net.ipv4.tcp_fin_timeout is 120 s or more here: no value above it is left to try");
        const int above = int(std::min<long>(119, finTimeout + 1));
        for (const int requested : {above, 120}) {
            ServerConfig config = loopbackConfig();
            config.setValue(QStringLiteral("linger2"), requested);
            Server server;
            QVERIFY(!server.start(config));
            QCOMPARE(readOption(server.listenDescriptor(), *spec).value().toInt(), requested);
            QVERIFY(!server.report().row(QStringLiteral("linger2"))->changed);
            server.stop();
        }
        FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QVERIFY(!setIntOption(fd.get(), IPPROTO_TCP, TCP_LINGER2, 121, {}));
        QCOMPARE(intOption(fd.get(), IPPROTO_TCP, TCP_LINGER2, {}).value(), int(spec->maximum));
    }

    // IP_TOS: the ECN bits are replaced when the option is set on a TCP socket, not hidden by
    // getsockopt: the same read-back on a UDP socket returns them as set.
    void ipTosEcnBitsAreReplacedWhenSetOnTcp()
    {
        FileDescriptor tcp(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        FileDescriptor udp(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        for (int fd : {tcp.get(), udp.get()})
            QVERIFY(!setIntOption(fd, IPPROTO_IP, IP_TOS, 0xff, {}));
        QCOMPARE(intOption(tcp.get(), IPPROTO_IP, IP_TOS, {}).value(), 0xfc);
        QCOMPARE(intOption(udp.get(), IPPROTO_IP, IP_TOS, {}).value(), 0xff);
    }

    // IPV6_TCLASS follows IP_TOS: on TCP the kernel keeps the ECN bits its own.
    void ipv6TclassEcnBitsAreReplacedWhenSetOnTcp()
    {
        TCPLAB_REQUIRE_IPV6();
        FileDescriptor tcp(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
        FileDescriptor udp(::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        for (int fd : {tcp.get(), udp.get()})
            QVERIFY(!setIntOption(fd, IPPROTO_IPV6, IPV6_TCLASS, 0xff, {}));
        QCOMPARE(intOption(tcp.get(), IPPROTO_IPV6, IPV6_TCLASS, {}).value(), 0xfc);
        QCOMPARE(intOption(udp.get(), IPPROTO_IPV6, IPV6_TCLASS, {}).value(), 0xff);
    }

    // IPV6_V6ONLY decides whether [::] also takes IPv4 clients; it must be set before bind().
    void v6OnlyDecidesWhetherIPv4ClientsGetIn_data()
    {
        QTest::addColumn<bool>("v6only");
        QTest::newRow("off: dual stack") << false;
        QTest::newRow("on: IPv6 only") << true;
    }

    void v6OnlyDecidesWhetherIPv4ClientsGetIn()
    {
        TCPLAB_REQUIRE_IPV6();
        QFETCH(bool, v6only);
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("host"), QStringLiteral("::"));
        config.setValue(QStringLiteral("v6only"), v6only);
        Server server;
        EventRecorder recorder(server.events());
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        QCOMPARE(server.endpoint(), QStringLiteral("[::]:%1").arg(server.port()));
        QCOMPARE(server.report().row(QStringLiteral("v6only"))->effective, QLatin1String(v6only ? "on" : "off"));
        QVERIFY(!server.report().row(QStringLiteral("v6only"))->changed);

        FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const SocketEndpoint to(QHostAddress(QHostAddress::LocalHost), server.port());
        const int rc = ::connect(fd.get(), to.data(), to.size());
        const int err = errno;
        if (v6only) {
            QCOMPARE(rc, -1);
            QCOMPARE(errnoName(err), QStringLiteral("ECONNREFUSED"));
        } else {
            QVERIFY2(rc == 0, qPrintable(errnoName(err)));
            const QString peer = QStringLiteral("[::ffff:127.0.0.1]:%1").arg(localPort(fd.get()));
            QVERIFY(waitForOneConnection(server));
            QCOMPARE(server.connectionSnapshot(false).value(0).peer, peer);
            QVERIFY2(recorder.waitFor(EventKind::Accepted, QStringLiteral("IPv4-mapped")), qPrintable(recorder.dump()));
            QCOMPARE(recorder.find(EventKind::Accepted)->peer, peer);
            QVERIFY(sendAll(fd.get(), "dual"));
            QCOMPARE(readExactly(fd.get(), 4), QByteArray("DUAL"));
        }
        // An IPv6 client gets in either way, and is not called IPv4-mapped.
        FileDescriptor six = connectTo(QStringLiteral("::1"), server.port());
        QVERIFY(six.isValid());
        QVERIFY(sendAll(six.get(), "six"));
        QCOMPARE(readExactly(six.get(), 3), QByteArray("SIX"));
        const QString sixPeer = QStringLiteral("[::1]:%1").arg(localPort(six.get()));
        QVERIFY(recorder.waitFor(EventKind::Closed));
        QTRY_VERIFY(std::any_of(recorder.events.cbegin(), recorder.events.cend(), [&](const ServerEvent &ev) {
            return ev.kind == EventKind::Accepted && ev.peer == sixPeer && ev.text == QLatin1String("connected");
        }));
        server.stop();
    }

    // Unset, IPV6_V6ONLY is what the kernel gives a new socket: net.ipv6.bindv6only, which the
    // option table names (and reads) as the default.
    void v6OnlyDefaultIsTheKernels()
    {
        TCPLAB_REQUIRE_IPV6();
        QFile f(QStringLiteral("/proc/sys/net/ipv6/bindv6only"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const int sysctl = f.readAll().trimmed().toInt();
        const OptionSpec *spec = findOption(QStringLiteral("v6only"));
        QVERIFY(spec);
        QCOMPARE(spec->phase, OptionPhase::BeforeBind);
        QVERIFY(!spec->seedDefault.isValid());
        QCOMPARE(kernelDefaultNote(*spec), QStringLiteral("net.ipv6.bindv6only = %1 (%2)").arg(sysctl).arg(sysctl ? "on" : "off"));
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("host"), QStringLiteral("::"));
        Server server;
        QVERIFY(!server.start(config));
        QCOMPARE(server.report().row(QStringLiteral("v6only"))->requested, QStringLiteral("default"));
        QCOMPARE(server.report().row(QStringLiteral("v6only"))->effective, QLatin1String(sysctl ? "on" : "off"));
        server.stop();

        // Bound to one IPv6 address, a socket is IPv6-only whatever was asked (inet6_bind sets
        // it: no IPv4 client can reach ::1), and the report says why.
        config.setValue(QStringLiteral("host"), QStringLiteral("::1"));
        config.setValue(QStringLiteral("v6only"), false);
        QVERIFY(!server.start(config));
        const OptionReportRow *row = server.report().row(QStringLiteral("v6only"));
        QCOMPARE(row->effective, QStringLiteral("on"));
        QVERIFY(row->changed);
        QVERIFY2(row->note.contains(QLatin1String("one IPv6 address")), qPrintable(row->note));
        server.stop();
    }

    // /proc/net/tcp6 rows come back with their IPv6 endpoints (a dual-stack peer as ::ffff:).
    void procTcpReadsTheIPv6Table()
    {
        TCPLAB_REQUIRE_IPV6();
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("host"), QStringLiteral("::"));
        config.setValue(QStringLiteral("v6only"), false);
        Server server;
        QVERIFY(!server.start(config));
        FileDescriptor six = connectTo(QStringLiteral("::1"), server.port());
        FileDescriptor four = connectTo(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(six.isValid() && four.isValid());
        QVERIFY(waitFor([&] { return server.connections()->count() == 2; }));
        QStringList seen;
        for (const ProcTcpSocket &s : readProcTcp()) {
            if (s.family == AF_INET6 && (s.localPort == server.port() || s.remotePort == server.port()))
                seen << QStringLiteral("%1 %2 %3").arg(s.local.toString(), s.remote.toString()).arg(s.state);
        }
        const QString rows = seen.join(QLatin1Char('\n'));
        QVERIFY2(seen.contains(QStringLiteral("[::]:%1 [::]:0 %2").arg(server.port()).arg(TCP_LISTEN)), qPrintable(rows));
        QVERIFY2(seen.contains(QStringLiteral("[::1]:%1 [::1]:%2 %3").arg(server.port()).arg(localPort(six.get())).arg(TCP_ESTABLISHED)),
                 qPrintable(rows));
        QVERIFY2(seen.contains(QStringLiteral("[::ffff:127.0.0.1]:%1 [::ffff:127.0.0.1]:%2 %3")
                                   .arg(server.port()).arg(localPort(four.get())).arg(TCP_ESTABLISHED)),
                 qPrintable(rows));
        server.stop();
    }

    // TCP_SYNCNT reads back net.ipv4.tcp_syn_retries when unset, and the value set on a
    // listener (whose pending connections then use it for their SYN-ACK retransmissions).
    void synCountReadsBack()
    {
        const OptionSpec *spec = findOption(QStringLiteral("syncnt"));
        FileDescriptor fresh(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QCOMPARE(readOption(fresh.get(), *spec).value().toLongLong(),
                 qlonglong(SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_syn_retries"))));
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("syncnt"), 2);
        Server server;
        QVERIFY(!server.start(config));
        QCOMPARE(readOption(server.listenDescriptor(), *spec).value().toInt(), 2);
        server.stop();
    }

    // TCP_SYNCNT set on a listener bounds the SYN-ACK retransmissions of its half-open
    // connections; without it they follow net.ipv4.tcp_synack_retries. Measured in a private
    // network namespace (unshare -rn, so root is not needed), where a SYN arrives from
    // 198.18.0.2, an address behind a veth that nobody answers for.
    void synCountBoundsSynAckRetransmissions()
    {
        if (qEnvironmentVariableIsEmpty("TCPLAB_SYNCNT_NETNS")) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TCPLAB_SYNCNT_NETNS"), QStringLiteral("1"));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QStringLiteral("unshare"), {QStringLiteral("-rn"), QCoreApplication::applicationFilePath(),
                                                    QStringLiteral("synCountBoundsSynAckRetransmissions")});
            if (!child.waitForStarted(5000))
                QSKIP("unshare(1) is not available: no private network namespace for the SYN-ACK count");
            QVERIFY(child.waitForFinished(60000));
            const QByteArray out = child.readAll();
            if (child.exitCode() != 0 && out.contains("unshare:"))
                QSKIP(qPrintable(QStringLiteral("no private network namespace here: ") + QString::fromLocal8Bit(out.trimmed())));
            qInfo("%s", out.constData());
            QVERIFY2(child.exitCode() == 0 && out.contains("PASS   : TestSocketOptions::synCountBoundsSynAckRetransmissions()"),
                     out.constData());
            return;
        }
        // In the namespace: a veth whose far end takes frames for a MAC that no one has.
        const QString ip = QStandardPaths::findExecutable(QStringLiteral("ip"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                                                                 QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
        if (ip.isEmpty())
            QSKIP("ip(8) (iproute2) is not installed: no veth for the SYN-ACK count");
        for (const char *args : {"link set lo up", "link add v0 type veth peer name v1", "addr add 198.18.0.1/24 dev v0",
                                 "link set v0 up", "link set v1 up",
                                 "neigh add 198.18.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent"}) {
            QProcess p;
            p.start(ip, QString::fromLatin1(args).split(QLatin1Char(' ')));
            QVERIFY2(p.waitForFinished(10000) && p.exitCode() == 0, qPrintable(QLatin1String(args) + QLatin1Char(' ') + p.readAllStandardError()));
        }
        QFile synack(QStringLiteral("/proc/sys/net/ipv4/tcp_synack_retries"));
        QVERIFY(synack.open(QIODevice::WriteOnly));
        QVERIFY(synack.write("3\n") == 2);
        synack.close();
        const quint32 server = 0xc6120001, peer = 0xc6120002; // 198.18.0.1, 198.18.0.2
        ServerConfig bounded = loopbackConfig();
        bounded.setValue(QStringLiteral("host"), QStringLiteral("198.18.0.1"));
        bounded.setValue(QStringLiteral("syncnt"), 1);
        ServerConfig plain = bounded;
        plain.unset(QStringLiteral("syncnt"));
        Server a, b;
        QVERIFY(!a.start(bounded));
        QVERIFY(!b.start(plain));
        QVERIFY(sendBareSyn(peer, 40001, server, a.port()));
        QVERIFY(sendBareSyn(peer, 40002, server, b.port()));
        // SYN-ACKs at 0, 1, 3, 7 s (doubling); SYNCNT 1 drops the request after one retransmit.
        int boundedMax = -1, plainAtDrop = -1;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 15000) {
            const QMap<quint16, int> now = halfOpen();
            if (now.contains(a.port())) {
                boundedMax = std::max(boundedMax, now.value(a.port()));
            } else if (boundedMax >= 0) {
                plainAtDrop = now.value(b.port(), -1);
                break;
            }
            QThread::msleep(100);
        }
        qInfo("SYNCNT 1: dropped after %lld ms and %d SYN-ACK retransmission(s); the listener without it "
              "(tcp_synack_retries 3) had %d then", timer.elapsed(), boundedMax, plainAtDrop);
        QCOMPARE(boundedMax, 1);
        QVERIFY2(plainAtDrop >= 1, "the request of the listener without TCP_SYNCNT must still be retransmitting");
    }

    void fastOpenWithoutServerBitIsNoted()
    {
        const long tfo = SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fastopen"), 0);
        if (tfo & 2)
            QSKIP("net.ipv4.tcp_fastopen has the server bit here; tst_fastopen checks the note in a private namespace");
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("fastopen"), 16);
        Server server;
        QVERIFY(!server.start(config));
        const OptionReportRow *row = server.report().row(QStringLiteral("fastopen"));
        QVERIFY(row);
        QCOMPARE(row->effective, QStringLiteral("16")); // the kernel takes the queue length anyway
        QVERIFY2(row->note.contains(QLatin1String("lacks the server bit")), qPrintable(row->note));
        QVERIFY2(server.warnings().join(' ').contains(QLatin1String("tcp_fastopen")), qPrintable(server.warnings().join(' ')));
        server.stop();
    }

    void rawOptionsAreAppliedAndReadBack()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
        RawOption priority;
        QString error;
        QVERIFY(RawOption::parse(QStringLiteral("SOL_SOCKET:%1:5").arg(SO_PRIORITY), &priority, &error));
        RawOption clamp;
        QVERIFY(RawOption::parse(QStringLiteral("IPPROTO_TCP:%1:40000").arg(TCP_WINDOW_CLAMP), &clamp, &error));
        config.setRawOptions({priority, clamp});
        Server server;
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        QCOMPARE(intOption(server.listenDescriptor(), SOL_SOCKET, SO_PRIORITY, {}).value(), 5);
        QCOMPARE(intOption(server.listenDescriptor(), IPPROTO_TCP, TCP_WINDOW_CLAMP, {}).value(), 40000);
        const OptionReportRow *row = server.report().row(QStringLiteral("raw:%1:%2").arg(SOL_SOCKET).arg(SO_PRIORITY));
        QVERIFY(row);
        QCOMPARE(row->requested, QStringLiteral("5"));
        QCOMPARE(row->effective, QStringLiteral("5"));
        QVERIFY(!row->changed);
        row = server.report().row(QStringLiteral("raw:%1:%2").arg(IPPROTO_TCP).arg(TCP_WINDOW_CLAMP));
        QVERIFY(row);
        QCOMPARE(row->effective, QStringLiteral("40000"));

        // Raw options go to the listener only. The window clamp reaches the accepted socket
        // (through the request socket); SO_PRIORITY does not on current kernels.
        FileDescriptor client = connectTo(server.port());
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id);
        int acceptedPriority = -1, acceptedClamp = -1;
        QVERIFY(server.connections()->withDescriptor(id, [&](int fd) {
            acceptedPriority = intOption(fd, SOL_SOCKET, SO_PRIORITY, {}).value();
            acceptedClamp = intOption(fd, IPPROTO_TCP, TCP_WINDOW_CLAMP, {}).value();
        }));
        QCOMPARE(acceptedClamp, 40000);
        qInfo("raw SO_PRIORITY 5 on the listener: the accepted socket holds %d", acceptedPriority);
        client.reset();
        server.stop();

        // A raw option the kernel refuses fails start() with the errno, and leaves nothing open.
        const int fds = openDescriptorCount();
        config.setRawOptions({RawOption{IPPROTO_TCP, 9999, 1}});
        const Error refused = server.start(config);
        QVERIFY(refused);
        QVERIFY2(refused.text().contains(QLatin1String("raw 6:9999")), qPrintable(refused.text()));
        QVERIFY2(refused.errnum() != 0, qPrintable(refused.text()));
        QVERIFY(!server.isRunning());
        QCOMPARE(openDescriptorCount(), fds);

        QVERIFY(!RawOption::parse(QStringLiteral("TCP:abc:1"), &clamp, &error));
        QVERIFY2(error.contains(QLatin1String("LEVEL:OPTNAME:VALUE")), qPrintable(error));
    }

    void invalidValuesAreRefusedBeforeTheKernel()
    {
        const quint16 port = freePort();
        QVERIFY(port);
        int refusedCount = 0;
        for (const OptionSpec &spec : optionTable()) {
            QList<QVariant> bad;
            switch (spec.kind) {
            case OptionKind::Int:
            case OptionKind::Linger:
            case OptionKind::Seconds:
                if (spec.maximum < double(INT_MAX))
                    bad << QVariant(spec.maximum + 1);
                bad << QVariant(spec.minimum - 1) << QVariant(QStringLiteral("lots"));
                break;
            case OptionKind::Choice:
                bad << QVariant(QStringLiteral("no-such-choice"));
                break;
            case OptionKind::Bool:
                bad << QVariant(QStringLiteral("maybe"));
                break;
            case OptionKind::Text:
                break;
            }
            for (const QVariant &value : std::as_const(bad)) {
                ServerConfig config = loopbackConfig();
                config.setValue(QStringLiteral("port"), port);
                config.setValue(spec.key, value);
                const QStringList problems = config.validate();
                const QString what = spec.key + QLatin1String(" = ") + value.toString();
                QVERIFY2(problems.size() == 1, qPrintable(what));
                QVERIFY2(problems.first().contains(spec.name), qPrintable(problems.first()));
                if (spec.kind != OptionKind::Bool)
                    QVERIFY2(problems.first().contains(describeRange(spec)) || problems.first().contains(QLatin1String("not a")),
                             qPrintable(problems.first()));
                const int fds = openDescriptorCount();
                Server server;
                const Error e = server.start(config);
                QVERIFY2(e, qPrintable(what));
                QVERIFY2(e.text().contains(spec.name), qPrintable(e.text()));
                QVERIFY(!server.isRunning());
                QCOMPARE(server.listenDescriptor(), -1);
                QCOMPARE(openDescriptorCount(), fds);
                ++refusedCount;
            }
        }
        QVERIFY(refusedCount > 40);

        // Out-of-range numbers name the option and the range, as the example does.
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("keepidle"), 0);
        QVERIFY2(config.validate().value(0).contains(QLatin1String("TCP_KEEPIDLE: 0 is out of range 1..32767 s")),
                 qPrintable(config.validate().value(0)));

        // Nothing touched the kernel: the port is still free for a plain bind without SO_REUSEADDR.
        FileDescriptor probe(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(probe.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
    }

    void connectionReportEvents_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("iterative") << "iterative";
        QTest::newRow("threaded") << "threaded";
        QTest::newRow("event") << "event";
    }

    void connectionReportEvents()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("log-level"), QStringLiteral("debug"));
        config.setValue(QStringLiteral("rcvbuf"), 65536);
        config.setValue(QStringLiteral("user-timeout"), 12345);
        Server server;
        EventRecorder recorder(server.events());
        QVERIFY(!server.start(config));
        FileDescriptor client = connectTo(server.port());
        QVERIFY(client.isValid());
        const QString peer = QStringLiteral("127.0.0.1:%1").arg(localPort(client.get()));
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id);
        QVERIFY2(recorder.waitFor(EventKind::Report, QStringLiteral("accepted socket carries"), id), qPrintable(recorder.dump()));
        QVERIFY2(recorder.waitFor(EventKind::Report, QStringLiteral("state=ESTABLISHED"), id), qPrintable(recorder.dump()));
        QVERIFY(recorder.contains(EventKind::Accepted, {}, id));

        const ServerEvent *options = recorder.find(EventKind::Report, QStringLiteral("accepted socket carries"), id);
        QCOMPARE(options->peer, peer);
        QCOMPARE(options->level, LogLevel::Debug);
        // Each NAME=value pair is what getsockopt says on the accepted socket right now.
        QMap<QString, QString> pairs;
        for (const QString &pair : options->text.section(QLatin1String(": "), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            pairs.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
        for (const char *name : {"TCP_NODELAY", "SO_KEEPALIVE", "TCP_KEEPIDLE", "TCP_KEEPCNT", "TCP_KEEPINTVL", "SO_RCVBUF",
                                 "SO_SNDBUF", "SO_RCVTIMEO", "SO_SNDTIMEO", "TCP_QUICKACK", "TCP_USER_TIMEOUT"})
            QVERIFY2(pairs.contains(QLatin1String(name)), name);
        QCOMPARE(pairs.value("TCP_NODELAY"), QStringLiteral("on"));
        QCOMPARE(pairs.value("SO_KEEPALIVE"), QStringLiteral("on"));
        QCOMPARE(pairs.value("TCP_KEEPIDLE"), QStringLiteral("1800"));
        QCOMPARE(pairs.value("TCP_KEEPCNT"), QStringLiteral("9"));
        QCOMPARE(pairs.value("TCP_KEEPINTVL"), QStringLiteral("15"));
        QCOMPARE(pairs.value("SO_RCVBUF"), QStringLiteral("131072"));
        QCOMPARE(pairs.value("TCP_USER_TIMEOUT"), QStringLiteral("12345"));
        QVERIFY(server.connections()->withDescriptor(id, [&](int fd) {
            for (const OptionSpec &spec : optionTable()) {
                if (!pairs.contains(spec.name) || spec.key == QLatin1String("quickack"))
                    continue;
                Result<QVariant> v = readOption(fd, spec);
                QVERIFY(v.ok());
                QCOMPARE(pairs.value(spec.name), formatOptionValue(spec, v.value()));
            }
        }));
        const ServerEvent *tcp = recorder.find(EventKind::Report, QStringLiteral("state=ESTABLISHED"), id);
        for (const char *field : {"rtt=", "rttvar=", "snd_cwnd=", "retransmits="})
            QVERIFY2(tcp->text.contains(QLatin1String(field)), qPrintable(tcp->text));

        client.reset();
        QVERIFY2(recorder.waitFor(EventKind::Closed, {}, id), qPrintable(recorder.dump()));
        server.stop();
    }

    void noReportsBelowDebug()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("log-level"), QStringLiteral("info"));
        Server server;
        EventRecorder recorder(server.events());
        QVERIFY(!server.start(config));
        FileDescriptor client = connectTo(server.port());
        QVERIFY(sendAll(client.get(), "hi"));
        QCOMPARE(readUntilClose(client.get()), QByteArray("HI"));
        QVERIFY(recorder.waitFor(EventKind::Closed));
        QVERIFY(!recorder.contains(EventKind::Report));
        QVERIFY(recorder.contains(EventKind::Accepted));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestSocketOptions)
#include "tst_socketoptions.moc"
