// The Packets tab's TCP_INFO view and time-sequence graph over a real wire (issue 13), on the
// offscreen platform: a bulk transfer across a 20 ms each-way wire with one data segment dropped
// on purpose draws a rising cwnd and an srtt near the 40 ms round trip, both ends sampled from the
// sides' socket lists; the TCP_INFO view shows the ladder's time span and zooms it; the
// time-sequence graph marks the retransmission and the ranges SACKed above the hole; the
// exports write the expected columns; an experiment's result page shows its capture. The
// sampler runs on a thread of its own, never the GUI thread, and is joined when the panel stops
// watching or goes.
#include "experimentspanel.h"
#include "experiments/capturerecording.h"
#include "experiments/retransmitexperiment.h"
#include "testsupport.h"
#include "wire/capturering.h"
#include "wire/ladderview.h"
#include "wire/packetmodel.h"
#include "wire/packetspanel.h"
#include "wire/tcpinfomodel.h"
#include "wire/tcpinfosamplerthread.h"
#include "wire/tcpinfoview.h"
#include "wire/timesequenceview.h"
#include "wire/wire.h"

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QScrollBar>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

using namespace tcplab;
using testsupport::waitFor;

namespace {

constexpr double kDelayMs = 20;         // each way
constexpr qint64 kBulkBytes = 3 << 20;  // 3 MiB: slow start runs for several round trips
constexpr int kDroppedSegment = 150;    // the client's 150th data segment never arrives

sockaddr_in serverAddress(quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(wire::WireAddressing::kServerIPv4);
    return a;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

class TestUiTcpInfo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cwndRisesAndSrttIsTheRoundTrip();
    void samplerRunsOffTheGuiThread();
    void timeAxisIsTheLaddersBothWays();
    void timeSequenceMarksTheRetransmissionAndSacks();
    void exportsWriteTheExpectedColumns();
    void experimentResultPageShowsItsCapture();

private:
    std::shared_ptr<wire::CaptureRing> m_ring;
    std::unique_ptr<wire::Wire> m_wire;
    std::unique_ptr<PacketsPanel> m_panel;
    quint32 m_connection = 0;
    QTemporaryDir m_dir;
    // Seen while the bulk crossed: the threads that ran the sampler's ticks, and whether the
    // sampler object ever lived in the GUI thread.
    QSet<Qt::HANDLE> m_samplingThreads;
    bool m_samplerOnGuiThread = false;
};

void TestUiTcpInfo::initTestCase()
{
    const Result<wire::WireSpec> spec =
        wire::WireSpec::parse(QStringLiteral("delay=%1ms,drop=c2s:data#%2").arg(kDelayMs).arg(kDroppedSegment));
    QVERIFY2(spec, qPrintable(spec ? QString() : spec.error().text()));
    m_ring = std::make_shared<wire::CaptureRing>();
    Result<std::unique_ptr<wire::Wire>> started = wire::Wire::start(spec.value(), m_ring.get());
    if (!started)
        QSKIP(qPrintable(QStringLiteral("the wire is not available here: ") + started.error().text()));
    m_wire = started.take();

    m_panel = std::make_unique<PacketsPanel>();
    m_panel->resize(1400, 1000);
    m_panel->show();
    m_panel->model()->setRing(m_ring);
    m_panel->model()->setDropRules(spec.value().drops);
    m_panel->watchWire(m_wire.get());

    // A listener on the server side, a client on the client side, 3 MiB from the client.
    Result<FileDescriptor> listener = m_wire->socket(wire::Side::Server, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    QVERIFY(listener);
    FileDescriptor lfd = listener.take();
    sockaddr_in any = serverAddress(0);
    QCOMPARE(::bind(lfd.get(), reinterpret_cast<sockaddr *>(&any), sizeof any), 0);
    QCOMPARE(::listen(lfd.get(), 4), 0);
    socklen_t len = sizeof any;
    ::getsockname(lfd.get(), reinterpret_cast<sockaddr *>(&any), &len);
    const quint16 port = ntohs(any.sin_port);
    Result<FileDescriptor> client = m_wire->socket(wire::Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    QVERIFY(client);
    FileDescriptor cfd = client.take();

    std::atomic<qint64> received{0};
    std::atomic<bool> failed{false};
    std::thread receiver([&] {
        pollfd p{lfd.get(), POLLIN, 0};
        if (::poll(&p, 1, 5000) <= 0) {
            failed = true;
            return;
        }
        FileDescriptor s(::accept4(lfd.get(), nullptr, nullptr, SOCK_CLOEXEC));
        char buffer[65536];
        timeval tv{10, 0}; // bounded: the sender stops within the test's time
        ::setsockopt(s.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        for (;;) {
            const ssize_t n = ::recv(s.get(), buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            received += n;
        }
    });
    std::thread sender([&] {
        const sockaddr_in to = serverAddress(port);
        if (::connect(cfd.get(), reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
            failed = true;
            return;
        }
        timeval tv{10, 0};
        ::setsockopt(cfd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        const QByteArray chunk(65536, 'x');
        for (qint64 sent = 0; sent < kBulkBytes;) {
            const ssize_t n = ::send(cfd.get(), chunk.constData(), size_t(std::min<qint64>(chunk.size(), kBulkBytes - sent)), MSG_NOSIGNAL);
            if (n <= 0) {
                failed = true;
                break;
            }
            sent += n;
        }
        ::shutdown(cfd.get(), SHUT_WR);
    });
    // The sampler's thread samples while the GUI thread polls the ring and notes who sampled.
    const wire::TcpInfoSamplerThread *sampling = m_panel->tcpInfoSampler();
    QVERIFY(sampling);
    const bool done = waitFor(
        [&] {
            if (const Qt::HANDLE t = sampling->sampler()->lastSamplingThread())
                m_samplingThreads.insert(t);
            m_samplerOnGuiThread = m_samplerOnGuiThread || sampling->sampler()->thread() == QThread::currentThread();
            return received.load() >= kBulkBytes || failed.load();
        },
        20000);
    sender.join();
    receiver.join();
    QVERIFY2(done && !failed, qPrintable(QStringLiteral("received %1 of %2 bytes").arg(received.load()).arg(kBulkBytes)));
    QTest::qWait(200); // the last ACKs, FINs and samples
    cfd.reset();
    lfd.reset();
    QTest::qWait(3 * int(kDelayMs));
    m_panel->stopWatchingWire();
    m_panel->model()->poll(1000);
    const QList<quint32> ids = m_panel->model()->connectionIds();
    QCOMPARE(ids.size(), 1);
    m_connection = ids.first();
    m_panel->graphTabs()->setCurrentWidget(m_panel->tcpInfo());
    QVERIFY(m_panel->tcpInfo()->isVisible());
    m_panel->tcpInfoModel()->refresh();
}

void TestUiTcpInfo::cleanupTestCase()
{
    m_panel.reset();
    m_wire.reset();
}

void TestUiTcpInfo::cwndRisesAndSrttIsTheRoundTrip()
{
    TcpInfoModel *model = m_panel->tcpInfoModel();
    QCOMPARE(model->connection(), m_connection);
    const QList<wire::TcpInfoSample> samples = model->samples();
    QVERIFY2(samples.size() >= 10, qPrintable(QString::number(samples.size())));
    // Both ends were sampled, from the two sides' namespaces.
    const auto bothEnds = std::count_if(samples.begin(), samples.end(), [](const wire::TcpInfoSample &s) { return s.client.valid && s.server.valid; });
    QVERIFY2(bothEnds >= samples.size() / 2, qPrintable(QStringLiteral("%1 of %2").arg(bothEnds).arg(samples.size())));

    // cwnd of the sender (the client) in slow start, before the dropped segment was resent.
    QList<double> cwnd;
    QList<double> srtt;
    for (const wire::TcpInfoSample &s : samples) {
        if (!s.client.valid)
            continue;
        if (s.client.totalRetrans == 0)
            cwnd << TcpInfoModel::value(s, TcpInfoModel::Client, TcpInfoModel::Cwnd);
        if (s.client.unacked > 0 && s.client.rttUs > 0)
            srtt << TcpInfoModel::value(s, TcpInfoModel::Client, TcpInfoModel::Srtt);
    }
    QVERIFY(cwnd.size() >= 3);
    const double first = cwnd.first();
    const double most = *std::max_element(cwnd.begin(), cwnd.end());
    qInfo("%lld samples; client cwnd %g -> %g before the loss; median srtt %.1f ms (round trip %g ms)", qlonglong(samples.size()), first,
          most, median(srtt), 2 * kDelayMs);
    QVERIFY2(most >= 3 * first, qPrintable(QStringLiteral("cwnd %1 -> %2").arg(first).arg(most)));
    // srtt: the wire's round trip, give or take the queue the bulk builds.
    const double rtt = median(srtt);
    QVERIFY2(rtt >= 0.9 * 2 * kDelayMs && rtt <= 2.5 * 2 * kDelayMs, qPrintable(QString::number(rtt)));

    // Drawn as the data say: the client's cwnd curve rises (a smaller y is higher).
    TcpInfoView *view = m_panel->tcpInfo();
    view->setVisibleRange(0, 0); // the whole series
    view->plot()->repaint();
    const QList<QPointF> curve = view->curve(TcpInfoModel::Client, TcpInfoModel::Cwnd);
    QVERIFY2(curve.size() >= 3, qPrintable(QString::number(curve.size())));
    const double top = std::min_element(curve.begin(), curve.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); })->y();
    QVERIFY2(top < curve.first().y() - view->plot()->height() / 10.0,
             qPrintable(QStringLiteral("first y %1, top %2").arg(curve.first().y()).arg(top)));
    for (qsizetype i = 1; i < curve.size(); ++i)
        QVERIFY(curve[i].x() >= curve[i - 1].x());
    // The rttvar band and srtt are drawn for the client; unchecking a metric removes its curve.
    QVERIFY(!view->curve(TcpInfoModel::Client, TcpInfoModel::Srtt).isEmpty());
    view->metricBox(TcpInfoModel::Cwnd)->setChecked(false);
    view->plot()->repaint();
    QVERIFY(view->curve(TcpInfoModel::Client, TcpInfoModel::Cwnd).isEmpty());
    view->metricBox(TcpInfoModel::Cwnd)->setChecked(true);
}

void TestUiTcpInfo::samplerRunsOffTheGuiThread()
{
    // Every tick seen during the bulk ran on one thread, the sampler's own, not the GUI thread.
    QVERIFY(!m_samplingThreads.isEmpty());
    QVERIFY2(!m_samplingThreads.contains(QThread::currentThreadId()), "a tick ran on the GUI thread");
    QCOMPARE(m_samplingThreads.size(), 1);
    QVERIFY(!m_samplerOnGuiThread);
    // Stopped: the thread is joined and the sampler back in the GUI thread, its series kept.
    const wire::TcpInfoSamplerThread *stopped = m_panel->tcpInfoSampler();
    QVERIFY(stopped);
    QVERIFY(!stopped->isRunning());
    QCOMPARE(stopped->sampler()->thread(), QThread::currentThread());
    QVERIFY(m_samplingThreads.contains(stopped->sampler()->lastSamplingThread())); // the last sample too
    QVERIFY(!m_panel->tcpInfoModel()->samples().isEmpty());

    // A panel that goes while it watches (the window closed) joins its sampler's thread.
    {
        PacketsPanel panel;
        panel.model()->setRing(m_ring);
        panel.watchWire(m_wire.get());
        const wire::TcpInfoSamplerThread *running = panel.tcpInfoSampler();
        QVERIFY(running);
        QVERIFY(waitFor([&] { return running->sampler()->lastSamplingThread() != nullptr; }, 5000));
        QVERIFY(running->isRunning());
        QVERIFY(running->sampler()->lastSamplingThread() != QThread::currentThreadId());
        QVERIFY(running->sampler()->thread() != QThread::currentThread());
    }
}

void TestUiTcpInfo::timeAxisIsTheLaddersBothWays()
{
    LadderView *ladder = m_panel->ladder();
    TcpInfoView *view = m_panel->tcpInfo();
    m_panel->followBox()->setChecked(false);
    ladder->setNsPerPixel(200e3);
    ladder->zoomIn();
    ladder->verticalScrollBar()->setValue(ladder->verticalScrollBar()->maximum() / 3);
    QVERIFY(ladder->visibleToNs() > ladder->visibleFromNs());
    QCOMPARE(view->visibleFromNs(), ladder->visibleFromNs());
    QCOMPARE(view->visibleToNs(), ladder->visibleToNs());
    view->plot()->repaint();
    // The ladder's top and bottom times are the plot's left and right edges.
    const double left = view->xForNs(ladder->visibleFromNs());
    const double right = view->xForNs(ladder->visibleToNs());
    QVERIFY(right - left > view->plot()->width() / 2.0);

    // And back: zooming the TCP_INFO view zooms the ladder to the same span (to a pixel's time).
    const qint64 spanBefore = ladder->visibleToNs() - ladder->visibleFromNs();
    view->zoom(0.5);
    const qint64 spanAfter = ladder->visibleToNs() - ladder->visibleFromNs();
    QVERIFY2(std::abs(double(spanAfter) - spanBefore / 2.0) <= 2 * ladder->nsPerPixel() + spanBefore * 0.02,
             qPrintable(QStringLiteral("%1 -> %2").arg(spanBefore).arg(spanAfter)));
    QVERIFY(std::abs(double(view->visibleFromNs() - ladder->visibleFromNs())) <= 2 * ladder->nsPerPixel());
    QVERIFY(std::abs(double(view->visibleToNs() - ladder->visibleToNs())) <= 2 * ladder->nsPerPixel());
    view->pan(0.25);
    QVERIFY(std::abs(double(view->visibleFromNs() - ladder->visibleFromNs())) <= 2 * ladder->nsPerPixel());
}

void TestUiTcpInfo::timeSequenceMarksTheRetransmissionAndSacks()
{
    m_panel->graphTabs()->setCurrentWidget(m_panel->timeSequence());
    TimeSequenceView *graph = m_panel->timeSequence();
    graph->setConnection(m_connection);
    const TimeSequenceView::Series s = graph->series();
    QVERIFY(s.clientSends);
    // The dropped segment, then the same sequence range sent again and marked.
    const auto dropped = std::find_if(s.data.begin(), s.data.end(), [](const TimeSequenceView::Segment &seg) { return seg.dropped; });
    QVERIFY(dropped != s.data.end());
    const auto resent = std::find_if(dropped + 1, s.data.end(), [&](const TimeSequenceView::Segment &seg) {
        return seg.seq == dropped->seq && !seg.dropped;
    });
    QVERIFY2(resent != s.data.end(), "the dropped segment was never sent again");
    QVERIFY(resent->retransmission);
    QVERIFY(resent->timeMs > dropped->timeMs);
    // The receiver SACKed what arrived above the hole before the retransmission filled it.
    QVERIFY2(!s.sacks.isEmpty(), "no SACK block in the ACKs");
    const auto aboveHole = std::count_if(s.sacks.begin(), s.sacks.end(), [&](const TimeSequenceView::SackMark &m) {
        return m.left >= dropped->end && m.right > m.left && m.timeMs <= resent->timeMs + 2 * kDelayMs;
    });
    // Relative to the sender's ISN, like the data: inside the sequence space it sent.
    quint32 highest = 0;
    for (const TimeSequenceView::Segment &seg : s.data)
        highest = std::max(highest, seg.end);
    for (const TimeSequenceView::SackMark &m : s.sacks)
        QVERIFY2(m.right <= highest, qPrintable(QStringLiteral("SACK %1-%2 above %3").arg(m.left).arg(m.right).arg(highest)));
    QVERIFY2(aboveHole > 0, qPrintable(QStringLiteral("%1 SACK marks, hole at %2").arg(s.sacks.size()).arg(dropped->seq)));
    qInfo("dropped seq %u at %.1f ms, resent at %.1f ms; %lld SACK marks", dropped->seq, dropped->timeMs, resent->timeMs,
          qlonglong(s.sacks.size()));
    graph->repaint();
}

void TestUiTcpInfo::exportsWriteTheExpectedColumns()
{
    QVERIFY(m_dir.isValid());
    auto readLines = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList();
    };
    const QString tcpCsv = m_dir.filePath(QStringLiteral("tcpinfo.csv"));
    QVERIFY(!m_panel->exportView(PacketsPanel::TcpInfoCsvExport, tcpCsv));
    const QStringList lines = readLines(tcpCsv);
    QCOMPARE(lines.size(), int(m_panel->tcpInfoModel()->rowCount()) + 1);
    const QStringList header = lines.first().split(QLatin1Char(','));
    for (const char *column : {"time_ms", "client_cwnd", "client_ssthresh", "client_srtt_ms", "client_rttvar_ms", "client_rto_ms",
                               "client_in_flight", "client_delivery_rate_bps", "server_cwnd", "server_srtt_ms"})
        QVERIFY2(header.contains(QLatin1String(column)), column);
    // The numbers are the samples': the largest cwnd in the file is the model's.
    const int cwndColumn = int(header.indexOf(QStringLiteral("client_cwnd")));
    double fileMax = 0, modelMax = 0;
    for (const QString &l : lines.mid(1))
        fileMax = std::max(fileMax, l.split(QLatin1Char(',')).value(cwndColumn).toDouble());
    for (const wire::TcpInfoSample &s : m_panel->tcpInfoModel()->samples())
        modelMax = std::max(modelMax, double(s.client.sndCwnd));
    QCOMPARE(fileMax, modelMax);

    const QString seqCsv = m_dir.filePath(QStringLiteral("ts.csv"));
    QVERIFY(!m_panel->exportView(PacketsPanel::TimeSequenceCsvExport, seqCsv));
    const QStringList seq = readLines(seqCsv);
    QCOMPARE(seq.first(), QStringLiteral("kind,time_ms,seq,end,retransmission,dropped"));
    for (const char *kind : {"data,", "ack,", "window,", "sack,"})
        QVERIFY2(std::any_of(seq.begin(), seq.end(), [&](const QString &l) { return l.startsWith(QLatin1String(kind)); }), kind);

    for (PacketsPanel::Export png : {PacketsPanel::TcpInfoPngExport, PacketsPanel::TimeSequencePngExport}) {
        const QString path = m_dir.filePath(QStringLiteral("view%1.png").arg(int(png)));
        QVERIFY(!m_panel->exportView(png, path));
        const QImage image(path);
        QVERIFY(!image.isNull() && image.width() > 100 && image.height() > 100);
    }
    // A path that cannot be written says so.
    QVERIFY(m_panel->exportView(PacketsPanel::TcpInfoCsvExport, QStringLiteral("/nonexistent-dir/x.csv")));
}

void TestUiTcpInfo::experimentResultPageShowsItsCapture()
{
    RetransmitExperiment e;
    e.quick = true;
    const ExperimentResult result = e.run(ExperimentContext());
    QVERIFY2(result.completed(), qPrintable(result.toText()));
    QVERIFY(result.capture.recording);
    ExperimentsPanel panel;
    panel.resize(1400, 1000);
    panel.show();
    panel.selectExperiment(result.name);
    panel.addResult(result);
    PacketsPanel *capture = panel.capturePanel();
    QVERIFY(capture);
    QCOMPARE(panel.resultTabs()->tabText(panel.resultTabs()->indexOf(capture)), QStringLiteral("Packets"));
    // Every packet of the run is a row, in the relay's order, and the ladder draws them.
    QCOMPARE(qint64(capture->model()->totalPackets()), result.capture.captured);
    QVERIFY(capture->model()->rowCount() > 0);
    for (int r = 1; r < capture->model()->rowCount(); ++r)
        QVERIFY(capture->model()->packet(r).index > capture->model()->packet(r - 1).index);
    QCOMPARE(capture->model()->connectionIds().size(), int(result.capture.connections));
    // Its TCP_INFO series: the newest connection's samples, as many as the run kept for it.
    panel.resultTabs()->setCurrentWidget(capture);
    capture->graphTabs()->setCurrentWidget(capture->tcpInfo());
    const quint32 newest = capture->model()->connectionIds().last();
    QCOMPARE(capture->tcpInfoModel()->connection(), newest);
    const wire::ConnectionKey key = capture->model()->connectionKey(newest);
    qsizetype expected = 0;
    for (const wire::TcpInfoConnectionSeries &s : result.capture.recording->tcpInfo) {
        if (s.key == key)
            expected = s.samples.size();
    }
    QVERIFY2(expected > 0, qPrintable(QStringLiteral("%1 series").arg(result.capture.recording->tcpInfo.size())));
    QCOMPARE(qsizetype(capture->tcpInfoModel()->rowCount()), expected);
    qInfo("retransmit: %lld packets in %lld connections, %lld TCP_INFO samples", qlonglong(result.capture.captured),
          qlonglong(result.capture.connections), qlonglong(result.capture.tcpInfoSamples));

    // A run without a capture says so, with the reason.
    ExperimentResult none = result;
    none.capture = CaptureSummary{};
    none.notes << QStringLiteral("No packets were captured: operation not permitted.");
    panel.addResult(none);
    QVERIFY(!panel.capturePanel());
    auto *label = panel.findChild<QLabel *>(QStringLiteral("resultNoCapture"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QLatin1String("No capture for this experiment")) && label->text().contains(QLatin1String("not permitted")),
             qPrintable(label->text()));
}

QTEST_MAIN(TestUiTcpInfo)
#include "tst_ui_tcpinfo.moc"
