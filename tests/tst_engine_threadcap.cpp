// Threaded mode at its --max-threads cap: clients beyond it wait in the accept queue, where the
// lab used to say nothing. It now logs one "capacity" event when the cap starts holding clients
// back, with how many wait (the listener's TCP_INFO: tcpi_unacked is the accept queue's length),
// and one when the queue is empty again - in the log, and the same event in the JSON output.
#include "server.h"
#include "tcpinfo.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

using namespace tcplab;
using namespace testsupport;

namespace {

QList<ServerEvent> capacityEvents(const EventRecorder &recorder)
{
    QList<ServerEvent> out;
    for (const ServerEvent &e : recorder.events) {
        if (e.kind == EventKind::Capacity)
            out << e;
    }
    return out;
}

// "N client(s) wait" / "up to N client(s) waited" in an event text; -1 when absent.
int clientsIn(const QString &text)
{
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("(\\d+) client\\(s\\) wait")).match(text);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

bool exchanged(int fd, const QByteArray &line)
{
    return sendAll(fd, line) && readExactly(fd, line.size(), 3000) == line.toUpper();
}

} // namespace

class TestEngineThreadCap : public QObject
{
    Q_OBJECT

private slots:
    void capIsReportedOncePerEpisode()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("max-threads"), 2);
        Server server;
        EventRecorder recorder(server.events());
        QVERIFY(!server.start(config));

        // At the cap with nobody waiting: nothing held back, nothing to say.
        std::vector<FileDescriptor> busy;
        for (int i = 0; i < 2; ++i) {
            busy.push_back(connectTo(server.port()));
            QVERIFY(exchanged(busy.back().get(), "busy\n"));
        }
        waitFor([] { return false; }, 300);
        QVERIFY2(capacityEvents(recorder).isEmpty(), qPrintable(recorder.dump()));

        // Three more: they wait in the accept queue.
        std::vector<FileDescriptor> waiting;
        for (int i = 0; i < 3; ++i) {
            waiting.push_back(connectTo(server.port()));
            QVERIFY(waiting.back().isValid());
            QVERIFY(sendAll(waiting.back().get(), "queued\n"));
        }
        QVERIFY2(recorder.waitFor(EventKind::Capacity, QStringLiteral("thread cap of 2 reached")), qPrintable(recorder.dump()));
        QCOMPARE(readTcpInfo(server.listenDescriptor()).unacked, 3u); // the kernel's own count now
        waitFor([] { return false; }, 500);
        QList<ServerEvent> cap = capacityEvents(recorder);
        QCOMPARE(cap.size(), 1); // once per episode, not per poll
        const ServerEvent reached = cap.first();
        qInfo("%s", qPrintable(reached.toText()));
        QCOMPARE(reached.level, LogLevel::Warning);
        QVERIFY(reached.text.startsWith(QLatin1String("thread cap of 2 reached: ")));
        const int told = clientsIn(reached.text);
        QVERIFY2(told >= 1 && told <= 3, qPrintable(reached.text));
        // The JSON rendering (what --json prints) carries the same event.
        const QJsonObject json = reached.toJson();
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("capacity"));
        QCOMPARE(json.value(QLatin1String("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(json.value(QLatin1String("text")).toString(), reached.text);

        // Threads free up one by one; while anyone still waits, the episode goes on.
        busy[0].reset();
        QCOMPARE(readExactly(waiting[0].get(), 7), QByteArray("QUEUED\n")); // first in, first served
        QCOMPARE(capacityEvents(recorder).size(), 1);
        // Every waiting client gets a thread: the queue is empty again, and the lab says so.
        busy[1].reset();
        waiting[0].reset();
        QVERIFY2(recorder.waitFor(EventKind::Capacity, QStringLiteral("thread cap cleared")), qPrintable(recorder.dump()));
        cap = capacityEvents(recorder);
        QCOMPARE(cap.size(), 2);
        qInfo("%s", qPrintable(cap.last().toText()));
        QCOMPARE(cap.last().level, LogLevel::Info);
        QCOMPARE(clientsIn(cap.last().text), 3);
        for (int i = 1; i < 3; ++i)
            QCOMPARE(readExactly(waiting[i].get(), 7), QByteArray("QUEUED\n"));
        QCOMPARE(readTcpInfo(server.listenDescriptor()).unacked, 0u);

        // A second episode (the two served waiting clients hold both threads now) is told again.
        for (int i = 0; i < 2; ++i)
            busy[i] = connectTo(server.port());
        QVERIFY2(waitFor([&] { return capacityEvents(recorder).size() == 3; }), qPrintable(recorder.dump()));
        const ServerEvent again = capacityEvents(recorder).last();
        QVERIFY2(again.text.startsWith(QLatin1String("thread cap of 2 reached: ")), qPrintable(again.text));
        QVERIFY2(clientsIn(again.text) >= 1 && clientsIn(again.text) <= 2, qPrintable(again.text));
        server.stop();
    }

    // The headless process prints the same events as JSON lines.
    void headlessJsonCarriesTheEvents()
    {
        const QString binary = qEnvironmentVariable("TCPLAB_BINARY");
        if (binary.isEmpty())
            QSKIP("TCPLAB_BINARY is not set: run this test through ctest");
        QProcess p;
        p.start(binary, {QStringLiteral("--headless"), QStringLiteral("--json"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--mode"), QStringLiteral("threaded"), QStringLiteral("--max-threads"), QStringLiteral("1"),
                         QStringLiteral("--handler"), QStringLiteral("line"), QStringLiteral("--persistent")});
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        QList<QJsonObject> lines;
        auto readLines = [&] {
            out += p.readAllStandardOutput();
            while (out.contains('\n')) {
                const qsizetype nl = out.indexOf('\n');
                lines << QJsonDocument::fromJson(out.left(nl)).object();
                out.remove(0, nl + 1);
            }
        };
        auto waitForLine = [&](const std::function<bool(const QJsonObject &)> &match) -> QJsonObject {
            QDeadlineTimer deadline(5000);
            for (;;) {
                readLines();
                for (const QJsonObject &o : std::as_const(lines)) {
                    if (match(o))
                        return o;
                }
                if (deadline.hasExpired() || p.state() != QProcess::Running)
                    return {};
                p.waitForReadyRead(100);
            }
        };
        const QJsonObject listening = waitForLine([](const QJsonObject &o) { return o.value(QLatin1String("type")) == QLatin1String("listening"); });
        const quint16 port = quint16(listening.value(QLatin1String("port")).toInt());
        QVERIFY2(port, qPrintable(QString::fromUtf8(out) + QString::fromUtf8(p.readAllStandardError())));

        FileDescriptor busy = connectTo(port);
        QVERIFY(exchanged(busy.get(), "busy\n"));
        FileDescriptor queued = connectTo(port);
        QVERIFY(queued.isValid());
        auto capacity = [](const char *start) {
            return [start](const QJsonObject &o) {
                return o.value(QLatin1String("kind")) == QLatin1String("capacity")
                       && o.value(QLatin1String("text")).toString().startsWith(QLatin1String(start));
            };
        };
        const QJsonObject reached = waitForLine(capacity("thread cap of 1 reached: 1 client(s) wait"));
        QVERIFY2(!reached.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(QJsonObject{{"lines", int(lines.size())}}).toJson())));
        QCOMPARE(reached.value(QLatin1String("level")).toString(), QStringLiteral("warning"));
        busy.reset();
        QVERIFY(exchanged(queued.get(), "now\n"));
        const QJsonObject cleared = waitForLine(capacity("thread cap cleared"));
        QVERIFY(!cleared.isEmpty());
        qInfo("%s | %s", qPrintable(reached.value(QLatin1String("text")).toString()),
              qPrintable(cleared.value(QLatin1String("text")).toString()));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineThreadCap)
#include "tst_engine_threadcap.moc"
