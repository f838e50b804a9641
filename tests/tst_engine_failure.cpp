// An engine that cannot go on stops the server visibly: failed(reason), isRunning() false, an
// error event, every descriptor released; the headless process exits non-zero with the reason.
// Each failure is provoked for real, from outside the engine: the listener shut down (accept()
// then fails with EINVAL, and a level-triggered epoll reports its EPOLLHUP forever), a non-socket
// dup2()'d over the listener (ENOTSOCK), or over the event loop's epoll descriptor (the next
// epoll_ctl or epoll_wait fails with EINVAL).
#include "server.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;
using namespace testsupport;

enum class Provocation { ShutDownListener, ListenerNotASocket, ListenerNotListening, EpollNotEpollOnAdd, EpollNotEpollOnWait };
Q_DECLARE_METATYPE(Provocation)

namespace {

QString linkOf(const QString &path)
{
    char buf[256] = {};
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buf, sizeof(buf) - 1);
    return n > 0 ? QString::fromLocal8Bit(buf, int(n)) : QString();
}

QList<int> eventpollDescriptors()
{
    QList<int> out;
    for (const QString &name : QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        if (linkOf(QStringLiteral("/proc/self/fd/") + name) == QLatin1String("anon_inode:[eventpoll]"))
            out << name.toInt();
    }
    return out;
}

// Replace descriptor fd by another, as a stray dup2() in the process would.
bool replaceBy(int other, int fd)
{
    if (other < 0)
        return false;
    const bool ok = ::dup2(other, fd) == fd;
    ::close(other);
    return ok;
}

bool replaceByDevNull(int fd)
{
    return replaceBy(::open("/dev/null", O_RDONLY | O_CLOEXEC), fd);
}

QString binary() { return qEnvironmentVariable("TCPLAB_BINARY"); }
// (Through syscall(): this glibc's <sys/pidfd.h> declares them without C linkage for C++.)

} // namespace

class TestEngineFailure : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Qt opens some descriptors on first use (e.g. its event dispatcher's): not ours to count.
        Server warm;
        QVERIFY(!warm.start(loopbackConfig()));
        FileDescriptor c = connectTo(warm.port());
        QVERIFY(sendAll(c.get(), "warm"));
        QCOMPARE(readUntilClose(c.get()), QByteArray("WARM"));
        waitFor([] { return false; }, 50);
        warm.stop();
        waitFor([] { return false; }, 50);
    }

    void failsVisiblyAndReleasesEverything_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<Provocation>("provocation");
        QTest::addColumn<QString>("expected");
        for (const char *m : {"iterative", "threaded", "event"})
            QTest::addRow("%s, listener shut down", m) << QString::fromLatin1(m) << Provocation::ShutDownListener
                                                      << QStringLiteral("accept: Invalid argument (EINVAL)");
        for (const char *m : {"iterative", "threaded"})
            QTest::addRow("%s, listener not a socket", m) << QString::fromLatin1(m) << Provocation::ListenerNotASocket
                                                         << QStringLiteral("accept: Socket operation on non-socket (ENOTSOCK)");
        // accept() on a socket that cannot listen fails with EOPNOTSUPP, which is also one of the
        // network errors to retry: retrying it would spin.
        for (const char *m : {"iterative", "threaded"})
            QTest::addRow("%s, listener a UDP socket", m) << QString::fromLatin1(m) << Provocation::ListenerNotListening
                                                         << QStringLiteral("accept: Operation not supported");
        QTest::addRow("event, epoll_ctl fails") << QStringLiteral("event") << Provocation::EpollNotEpollOnAdd
                                                << QStringLiteral("epoll_ctl(EPOLL_CTL_ADD) of the connection");
        QTest::addRow("event, epoll_wait fails") << QStringLiteral("event") << Provocation::EpollNotEpollOnWait
                                                 << QStringLiteral("epoll_wait: Invalid argument (EINVAL)");
    }

    void failsVisiblyAndReleasesEverything()
    {
        QFETCH(QString, mode);
        QFETCH(Provocation, provocation);
        QFETCH(QString, expected);
        const int baseline = openDescriptorCount();
        const QList<int> pollsBefore = eventpollDescriptors();
        {
            Server server;
            EventRecorder recorder(server.events());
            QSignalSpy failed(&server, &Server::failed);
            QSignalSpy stopped(&server, &Server::stopped);
            ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), false);
            if (provocation == Provocation::EpollNotEpollOnWait)
                config.setValue(QStringLiteral("idle-timeout"), 30); // epoll_wait then returns every 100 ms
            QVERIFY(!server.start(config));
            const quint16 port = server.port();

            // A connection held open (not in iterative mode: it would hold the only acceptor):
            // the failure must close it too.
            FileDescriptor idle;
            if (mode != QLatin1String("iterative")) {
                idle = connectTo(port);
                QVERIFY(idle.isValid());
                QVERIFY(waitForOneConnection(server));
            }

            FileDescriptor trigger;
            switch (provocation) {
            case Provocation::ShutDownListener:
                QCOMPARE(::shutdown(server.listenDescriptor(), SHUT_RDWR), 0);
                break;
            case Provocation::ListenerNotASocket:
            case Provocation::ListenerNotListening:
                waitFor([] { return false; }, 100); // the acceptor is (most likely) in accept() now
                QVERIFY(provocation == Provocation::ListenerNotASocket
                            ? replaceByDevNull(server.listenDescriptor())
                            : replaceBy(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), server.listenDescriptor()));
                // An accept() already blocked holds the old socket: one more client is served,
                // then the next accept() meets /dev/null. (An acceptor not yet blocked meets it
                // at once, and this client is refused.)
                trigger = connectTo(port);
                if (trigger.isValid() && sendAll(trigger.get(), "last"))
                    qInfo("the client that woke accept() got '%s'", readUntilClose(trigger.get()).constData());
                break;
            case Provocation::EpollNotEpollOnAdd:
            case Provocation::EpollNotEpollOnWait: {
                QList<int> polls = eventpollDescriptors();
                for (int fd : pollsBefore)
                    polls.removeAll(fd);
                QCOMPARE(polls.size(), 1); // the engine's
                QVERIFY(replaceByDevNull(polls.first()));
                if (provocation == Provocation::EpollNotEpollOnAdd) {
                    // The epoll_wait() under way still holds the old set and reports the
                    // listener; adding the new connection then fails.
                    trigger = connectTo(port);
                    QVERIFY(trigger.isValid());
                }
                break;
            }
            }

            QVERIFY2(waitFor([&] { return failed.count() == 1; }, 5000), qPrintable(recorder.dump()));
            const QString reason = failed.first().first().toString();
            qInfo("failed(\"%s\")", qPrintable(reason));
            QVERIFY2(reason.contains(expected), qPrintable(reason));
            QVERIFY(!server.isRunning());
            QCOMPARE(stopped.count(), 1);
            QVERIFY(recorder.waitFor(EventKind::Error, QStringLiteral("server failed: ") + reason));
            QCOMPARE(recorder.find(EventKind::Error, QStringLiteral("server failed: "))->level, LogLevel::Error);
            QCOMPARE(server.connections()->count(), 0);
            // The server's end of every connection is closed: the peers see the end.
            if (idle.isValid())
                QCOMPARE(readUntilClose(idle.get(), 2000), QByteArray());
            if (trigger.isValid())
                readUntilClose(trigger.get(), 2000);
            idle.reset();
            trigger.reset();
            QCOMPARE(openDescriptorCount(), baseline);

            // And the same Server starts again.
            QVERIFY(!server.start(loopbackConfig(mode)));
            FileDescriptor again = connectTo(server.port());
            QVERIFY(sendAll(again.get(), "again"));
            QCOMPARE(readUntilClose(again.get()), QByteArray("AGAIN"));
            server.stop();
            QCOMPARE(failed.count(), 1);
        }
        QCOMPARE(openDescriptorCount(), baseline);
    }

    // The headless process: its listener is shut down from here (pidfd_getfd() lends this test
    // the child's very socket); the process must exit 1 with the reason, not listen on deafly.
    void headlessExitsNonZero_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("text") << false;
        QTest::newRow("json") << true;
    }

    void headlessExitsNonZero()
    {
        QFETCH(bool, json);
        if (binary().isEmpty())
            QSKIP("TCPLAB_BINARY is not set: run this test through ctest");
        QProcess p;
        QStringList args{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--mode"),
                         QStringLiteral("event")};
        if (json)
            args << QStringLiteral("--json");
        p.start(binary(), args);
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        quint16 port = 0;
        const QRegularExpression listening(QStringLiteral("^listening on 127\\.0\\.0\\.1:(\\d+)$"), QRegularExpression::MultilineOption);
        QDeadlineTimer deadline(10000);
        while (!port && !deadline.hasExpired() && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
            if (!json) {
                const QRegularExpressionMatch m = listening.match(QString::fromUtf8(out));
                if (m.hasMatch())
                    port = quint16(m.captured(1).toUInt());
                continue;
            }
            for (const QByteArray &line : out.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.value(QLatin1String("type")) == QLatin1String("listening"))
                    port = quint16(o.value(QLatin1String("port")).toInt());
            }
        }
        QVERIFY2(port, out.constData());

        const int pidfd = int(::syscall(SYS_pidfd_open, pid_t(p.processId()), 0));
        if (pidfd < 0)
            QSKIP(qPrintable(QStringLiteral("pidfd_open() refused (%1): this test needs it to reach the child's listener")
                                 .arg(errnoName(errno))));
        FileDescriptor pidDescriptor(pidfd);
        bool shut = false;
        int lastErrno = 0;
        for (const QString &name : QDir(QStringLiteral("/proc/%1/fd").arg(p.processId())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
            if (!linkOf(QStringLiteral("/proc/%1/fd/%2").arg(p.processId()).arg(name)).startsWith(QLatin1String("socket:")))
                continue;
            FileDescriptor copy(int(::syscall(SYS_pidfd_getfd, pidfd, name.toInt(), 0)));
            if (!copy.isValid()) {
                lastErrno = errno;
                continue;
            }
            int listening = 0;
            socklen_t len = sizeof(listening);
            sockaddr_in addr{};
            socklen_t alen = sizeof(addr);
            if (::getsockopt(copy.get(), SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening
                && ::getsockname(copy.get(), reinterpret_cast<sockaddr *>(&addr), &alen) == 0 && ntohs(addr.sin_port) == port) {
                QCOMPARE(::shutdown(copy.get(), SHUT_RDWR), 0);
                shut = true;
                break;
            }
        }
        if (!shut && lastErrno)
            QSKIP(qPrintable(QStringLiteral("pidfd_getfd() refused (%1): this test needs it to reach the child's listener")
                                 .arg(errnoName(lastErrno))));
        QVERIFY2(shut, "the child's listener was not found");

        QVERIFY2(p.waitForFinished(5000), "the headless server went on after its listener failed");
        out += p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        qInfo("exit %d; stderr: %s", p.exitCode(), qPrintable(err.trimmed()));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QLatin1String("tcplab: server stopped: accept: Invalid argument (EINVAL)")), qPrintable(err));
        const QString stdoutText = QString::fromUtf8(out);
        if (!json) {
            QVERIFY2(stdoutText.contains(QLatin1String("server failed: accept: Invalid argument (EINVAL)")), qPrintable(stdoutText));
            return;
        }
        bool errorEvent = false;
        bool errorLine = false;
        for (const QString &line : stdoutText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(!o.isEmpty(), qPrintable(line));
            if (o.value(QLatin1String("type")) == QLatin1String("event") && o.value(QLatin1String("kind")) == QLatin1String("error")
                && o.value(QLatin1String("level")) == QLatin1String("error")
                && o.value(QLatin1String("text")).toString().startsWith(QLatin1String("server failed: accept")))
                errorEvent = true;
            if (o.value(QLatin1String("type")) == QLatin1String("error")
                && o.value(QLatin1String("message")).toString().contains(QLatin1String("EINVAL")))
                errorLine = true;
        }
        QVERIFY2(errorEvent && errorLine, qPrintable(stdoutText));
    }
};

QTEST_GUILESS_MAIN(TestEngineFailure)
#include "tst_engine_failure.moc"
