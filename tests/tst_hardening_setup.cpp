// Set-up errors and safety, issue 6: a port in use, a privileged port without the privilege,
// an unknown host and an option the kernel does not support each give one clear message from
// Server::start and from the CLI (one stderr line, non-zero exit, never an abort); the default
// bind address is loopback, and binding all interfaces warns, also in the CLI output.
#include "server.h"
#include "systemlimits.h"
#include "testsupport.h"
#include "tst_hardening_support.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;
using namespace testsupport;
using namespace hardening;

namespace {

// A plain listener without SO_REUSEPORT: the port is really taken (with SO_REUSEPORT on both
// sides, as the seed's defaults have it, the kernel would let a second server share it).
FileDescriptor holdPort(quint16 *port)
{
    FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0 || ::listen(fd.get(), 1) != 0)
        return {};
    socklen_t len = sizeof(addr);
    ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

void verifyOneLineFailure(const ProcessResult &r, const QString &needle)
{
    QVERIFY(r.started);
    QVERIFY2(r.finished, "tcplab did not exit");
    QVERIFY2(!r.crashed, qPrintable(r.err));
    QVERIFY2(r.exitCode != 0, qPrintable(r.out));
    QVERIFY2(r.err.startsWith(QLatin1String("tcplab: ")), qPrintable(r.err));
    QVERIFY2(r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
    QVERIFY2(r.err.contains(needle), qPrintable(r.err));
    QVERIFY2(!r.out.contains(QLatin1String("listening on")), qPrintable(r.out));
}

} // namespace

class HardeningSetup : public QObject
{
    Q_OBJECT

private:
    // A failed start leaves nothing behind: no thread, no descriptor, not running.
    Error failedStart(const ServerConfig &config)
    {
        const int fds = openDescriptorCount();
        const int threads = threadCount();
        Server server;
        const Error e = server.start(config);
        [&] {
            QVERIFY(!server.isRunning());
            QCOMPARE(openDescriptorCount(), fds);
            QCOMPARE(threadCount(), threads);
        }();
        return e;
    }

private slots:
    void portInUse()
    {
        quint16 port = 0;
        FileDescriptor holder = holdPort(&port);
        QVERIFY(holder.isValid());
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("port"), port);
        const Error e = failedStart(config);
        QCOMPARE(e.errnum(), EADDRINUSE);
        QVERIFY2(e.text().contains(QStringLiteral("port %1 is in use on 127.0.0.1 (EADDRINUSE)").arg(port)), qPrintable(e.text()));

        verifyOneLineFailure(runTcplab({QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(port)}),
                             QStringLiteral("port %1 is in use").arg(port));
        // --json adds the error as a JSON object on stdout for scripts; stderr still has one line.
        const ProcessResult json = runTcplab({QStringLiteral("--headless"), QStringLiteral("--json"), QStringLiteral("--port"),
                                              QString::number(port)});
        verifyOneLineFailure(json, QStringLiteral("EADDRINUSE"));
    }

    // Server::start on a privileged port without CAP_NET_BIND_SERVICE. It runs in a child: this
    // test binary started again with --bind-child (see main), as root minus that capability or
    // as the ordinary user running the suite. A fork() of this multi-threaded Qt process could
    // only make system calls before exec, so it could not run Server::start.
    void privilegedPortWithoutPermission()
    {
        const long unprivilegedStart = SystemLimits::readNumber(QStringLiteral("net.ipv4.ip_unprivileged_port_start"), 1024);
        const quint16 port = 81;
        if (unprivilegedStart <= port)
            QSKIP("net.ipv4.ip_unprivileged_port_start lets everyone bind port 81 here");

        QProcess child;
        dropBindPrivilegeInChild(child);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--bind-child"), QString::number(port)});
        QVERIFY2(child.waitForFinished(15000), qPrintable(child.errorString()));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        const QByteArray result = child.readAllStandardOutput();
        QVERIFY2(child.exitCode() == 0, qPrintable(QString::number(child.exitCode()) + QLatin1Char(' ') + QString::fromUtf8(result)
                                                    + QString::fromUtf8(child.readAllStandardError())));
        const qsizetype nl = result.indexOf('\n');
        QCOMPARE(result.left(nl).toInt(), EACCES);
        const QString text = QString::fromUtf8(result.mid(nl + 1));
        QVERIFY2(text.contains(QLatin1String("binding 127.0.0.1:81 needs privileges (EACCES)"))
                     && text.contains(QLatin1String("CAP_NET_BIND_SERVICE")),
                 qPrintable(text));

        verifyOneLineFailure(runTcplab({QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(port)}, 15000, true),
                             QStringLiteral("needs privileges (EACCES)"));
    }

    void unknownHost()
    {
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("host"), QStringLiteral("no-such-host.invalid"));
        const Error e = failedStart(config);
        QVERIFY2(e.text().startsWith(QLatin1String("unknown host 'no-such-host.invalid'")), qPrintable(e.text()));
        verifyOneLineFailure(runTcplab({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--host"), QStringLiteral("no-such-host.invalid")}),
                             QStringLiteral("unknown host 'no-such-host.invalid'"));
    }

    // A raw option the kernel does not know, and the recipe's own mistake (TCP_FASTOPEN = 23 at
    // SOL_SOCKET instead of IPPROTO_TCP): setsockopt says ENOPROTOOPT, and so does the lab.
    void unsupportedOption_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("optname");
        QTest::newRow("bogus-tcp-optname") << QStringLiteral("IPPROTO_TCP:9999:1") << int(IPPROTO_TCP) << 9999;
        QTest::newRow("seed-fastopen-at-sol-socket") << QStringLiteral("SOL_SOCKET:23:5") << int(SOL_SOCKET) << 23;
    }

    void unsupportedOption()
    {
        QFETCH(QString, raw);
        QFETCH(int, level);
        QFETCH(int, optname);
        RawOption option;
        QString parseError;
        QVERIFY(RawOption::parse(raw, &option, &parseError));
        ServerConfig config = loopbackConfig();
        config.setRawOptions({option});
        const Error e = failedStart(config);
        QCOMPARE(e.errnum(), ENOPROTOOPT);
        QVERIFY2(e.text().contains(QStringLiteral("raw %1:%2").arg(level).arg(optname)) && e.text().contains(QLatin1String("ENOPROTOOPT")),
                 qPrintable(e.text()));
        verifyOneLineFailure(runTcplab({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--raw"), raw}),
                             QStringLiteral("ENOPROTOOPT"));
    }

    void defaultBindAddressIsLoopback()
    {
        const ServerConfig defaults = ServerConfig::seedDefaults();
        QCOMPARE(defaults.host(), QStringLiteral("127.0.0.1"));
        ServerConfig config = defaults;
        config.setValue(QStringLiteral("port"), 0);
        Server server;
        QVERIFY(!server.start(config));
        QCOMPARE(server.address().toString(), QStringLiteral("127.0.0.1"));
        for (const QString &w : server.warnings())
            QVERIFY2(!w.contains(QLatin1String("all interfaces")), qPrintable(w));
        server.stop();
    }

    void allInterfacesWarns()
    {
        for (const QString &host : {QString(), QStringLiteral("0.0.0.0")}) {
            ServerConfig config = loopbackConfig();
            config.setValue(QStringLiteral("host"), host);
            QVERIFY(SystemLimits::warningsFor(config).join(QLatin1Char('\n')).contains(QLatin1String("binding all interfaces")));
        }
    }

    // The CLI prints the warning. It binds 0.0.0.0 inside a private network namespace, so the
    // test never exposes a port on the machine's real interfaces.
    void allInterfacesWarningReachesCli()
    {
        // An ordinary user gets the namespace inside a user namespace of its own (-r).
        const bool root = ::geteuid() == 0;
        QProcess p;
        p.start(QStringLiteral("unshare"), {root ? QStringLiteral("-n") : QStringLiteral("-rn"), tcplabBinary(), QStringLiteral("--headless"),
                                             QStringLiteral("--host"), QStringLiteral("0.0.0.0"), QStringLiteral("--port"),
                                             QStringLiteral("0")});
        if (!p.waitForStarted(5000))
            QSKIP("needs the unshare program (util-linux), which is not installed");
        QString out;
        QVERIFY(waitFor([&] {
            out += QString::fromUtf8(p.readAllStandardOutput());
            return out.contains(QLatin1String("binding all interfaces")) || p.state() == QProcess::NotRunning;
        }, 10000));
        if (p.state() == QProcess::NotRunning) {
            const QByteArray err = p.readAllStandardError();
            if (err.startsWith("unshare"))
                QSKIP(qPrintable(QStringLiteral("needs a private network namespace: %1 (%2)")
                                     .arg(QString::fromUtf8(err.trimmed()),
                                          root ? QStringLiteral("CAP_SYS_ADMIN is missing")
                                               : QStringLiteral("unprivileged user namespaces are disabled here"))));
        }
        QVERIFY2(out.contains(QLatin1String("WARNING")) && out.contains(QLatin1String("binding all interfaces: the server is reachable from other machines")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("listening on 0.0.0.0:")), qPrintable(out));
        p.terminate(); // SIGTERM: the headless server stops cleanly
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }
};

namespace {

// The child of privilegedPortWithoutPermission: one Server::start on 127.0.0.1:PORT; prints the
// error's errno and text on stdout; exit status 0 when the server is (correctly) not running.
int bindChild(const char *portText)
{
    ServerConfig config = loopbackConfig();
    config.setValue(QStringLiteral("port"), QString::fromLatin1(portText).toInt());
    Server server;
    const Error e = server.start(config);
    const QByteArray out = QByteArray::number(e.errnum()) + '\n' + e.text().toUtf8();
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    const bool running = server.isRunning();
    server.stop();
    return running ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && std::strcmp(argv[1], "--bind-child") == 0)
        return bindChild(argv[2]);
    HardeningSetup test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_hardening_setup.moc"
