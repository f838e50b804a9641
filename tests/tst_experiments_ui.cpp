// The chart widget rendered off screen and exported, and the Experiments panel driven through its
// buttons: the experiment runs on a worker thread while the GUI thread keeps serving events.
#include "chartwidget.h"
#include "experimentspanel.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace tcplab;

namespace {

const QColor kFirstSeries(0x1f, 0x77, 0xb4);
const QColor kSecondSeries(0xff, 0x7f, 0x0e);

int countPixels(const QImage &image, const QColor &color)
{
    int n = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            n += (line[x] & 0xffffff) == (color.rgb() & 0xffffff) ? 1 : 0;
    }
    return n;
}

ChartData barChart()
{
    ChartData c;
    c.kind = ChartKind::Bar;
    c.title = QStringLiteral("Round trip");
    c.xLabel = QStringLiteral("combination");
    c.yLabel = QStringLiteral("ms");
    c.categories = QStringList{"Nagle", "NODELAY", "QUICKACK"};
    c.series << ChartSeries{QStringLiteral("median"), {40.2, 0.05, 0.06}, {}};
    c.series << ChartSeries{QStringLiteral("max"), {48.0, 3.1, 0.2}, {}};
    return c;
}

} // namespace

class TestExperimentsUi : public QObject
{
    Q_OBJECT

private slots:
    void barChartDrawsEverySeries();
    void lineAndHistogramCharts();
    void emptyChartShowsThePlaceholderOnly();
    void exportsPngAndCsv();
    void panelListsEveryExperimentWithItsExplanation();
    void panelRunsOnAWorkerThreadAndShowsTheResult();
    void dualStackResultShowsInThePanel();
    void panelCancelKeepsTheWindowResponsive();
    void screenshots();
};

void TestExperimentsUi::barChartDrawsEverySeries()
{
    ChartWidget w;
    w.setChart(barChart());
    const QImage image = w.toImage(QSize(640, 400));
    QCOMPARE(image.size(), QSize(640, 400));
    // The tall "Nagle" bars cover thousands of pixels in each series' colour.
    QVERIFY(countPixels(image, kFirstSeries) > 1000);
    QVERIFY(countPixels(image, kSecondSeries) > 1000);
    // The widget's own paintEvent draws the same.
    w.resize(500, 300);
    const QImage grabbed = w.grab().toImage();
    QVERIFY(countPixels(grabbed, kFirstSeries) > 500);
}

void TestExperimentsUi::lineAndHistogramCharts()
{
    ChartWidget w;
    ChartData line;
    line.kind = ChartKind::Line;
    line.title = QStringLiteral("probes");
    line.series << ChartSeries{QStringLiteral("probes"), {0, 0, 1, 2, 3}, {0, 1, 2, 3, 4}};
    w.setChart(line);
    QVERIFY(countPixels(w.toImage(QSize(600, 360)), kFirstSeries) > 100);

    ChartData hist;
    hist.kind = ChartKind::Histogram;
    hist.bins = 5;
    hist.title = QStringLiteral("rtt");
    hist.series << ChartSeries{QStringLiteral("rtt"), {1, 1, 1, 2, 5, 5, 40, 41}, {}};
    w.setChart(hist);
    QVERIFY(countPixels(w.toImage(QSize(600, 360)), kFirstSeries) > 1000);
}

void TestExperimentsUi::emptyChartShowsThePlaceholderOnly()
{
    ChartWidget w;
    w.setPlaceholderText(QStringLiteral("Run the experiment"));
    const QImage image = w.toImage(QSize(400, 300));
    QCOMPARE(countPixels(image, kFirstSeries), 0);
    QVERIFY(!image.isNull());
}

void TestExperimentsUi::exportsPngAndCsv()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ChartWidget w;
    w.setChart(barChart());
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    const QString csv = dir.filePath(QStringLiteral("chart.csv"));
    QVERIFY(w.exportPng(png, QSize(800, 500)));
    QVERIFY(w.exportCsv(csv));
    const QImage loaded(png);
    QCOMPARE(loaded.size(), QSize(800, 500));
    QVERIFY(countPixels(loaded, kFirstSeries) > 1000);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(text, barChart().toCsv().toUtf8());
    QVERIFY(text.startsWith("combination,median,max\nNagle,40.2,48\n"));
}

void TestExperimentsUi::panelListsEveryExperimentWithItsExplanation()
{
    ExperimentsPanel panel;
    QCOMPARE(panel.experimentNames(),
             (QStringList{"nagle", "accept-queue", "keepalive", "reuseport", "reuseaddr", "dual-stack", "buffers", "fastopen", "slow-start", "synack-retries", "retransmit", "bdp"}));
    panel.selectExperiment(QStringLiteral("reuseaddr"));
    QCOMPARE(panel.selectedExperiment(), QStringLiteral("reuseaddr"));
    const auto labels = panel.findChildren<QLabel *>();
    bool explained = false;
    for (const QLabel *l : labels)
        explained = explained || (l->text().contains(QLatin1String("TIME_WAIT")) && l->text().contains(QLatin1Char('\n')));
    QVERIFY(explained);
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("exportPngButton"))->isEnabled());
}

// The dual-stack page: its chart, its three tables and the IPv4-mapped address in the findings.
void TestExperimentsUi::dualStackResultShowsInThePanel()
{
    ExperimentsPanel panel;
    panel.resize(1000, 700);
    panel.show();
    QSignalSpy finished(&panel, &ExperimentsPanel::experimentFinished);
    panel.selectExperiment(QStringLiteral("dual-stack"));
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    const ExperimentResult r = finished.first().first().value<ExperimentResult>();
    if (r.status == ExperimentStatus::Skipped)
        QSKIP(qPrintable(QStringLiteral("skipped by the experiment: ") + r.reason));
    QVERIFY2(r.completed(), qPrintable(r.toText()));
    QVERIFY(panel.hasResult(QStringLiteral("dual-stack")));
    QVERIFY(!panel.chartWidget()->chart().isEmpty());
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    QCOMPARE(tabs->count(), 1 + 3 + 1); // the chart, three tables, the capture's Packets tab
    QCOMPARE(qobject_cast<QTableWidget *>(tabs->widget(1))->rowCount(), 6);
    const QString findings = panel.findChild<QTextBrowser *>(QStringLiteral("findingsView"))->toPlainText();
    QVERIFY2(findings.contains(QLatin1String("::ffff:127.0.0.1")) && findings.contains(QLatin1String("EADDRINUSE")), qPrintable(findings));
}

void TestExperimentsUi::panelRunsOnAWorkerThreadAndShowsTheResult()
{
    ExperimentsPanel panel;
    panel.resize(1000, 700);
    panel.show();
    QSignalSpy finished(&panel, &ExperimentsPanel::experimentFinished);
    panel.selectExperiment(QStringLiteral("reuseport"));
    auto *run = panel.findChild<QPushButton *>(QStringLiteral("runButton"));
    QTest::mouseClick(run, Qt::LeftButton);
    // The click returned before the result: the experiment is on another thread.
    QVERIFY(panel.isRunning());
    QVERIFY(!run->isEnabled());
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
    QVERIFY(finished.wait(20000));
    QVERIFY(!panel.isRunning());
    const ExperimentResult r = finished.first().first().value<ExperimentResult>();
    QVERIFY2(r.completed(), qPrintable(r.toText()));
    QVERIFY(panel.hasResult(QStringLiteral("reuseport")));

    // Chart, one tab per table, findings and a status line.
    QVERIFY(!panel.chartWidget()->chart().isEmpty());
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    // Chart, tables, then the run's capture (or why there is none).
    QCOMPARE(tabs->count(), 1 + int(r.tables.size()) + 1);
    QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Packets"));
    auto *table = qobject_cast<QTableWidget *>(tabs->widget(1));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), int(r.tables.first().rows.size()));
    QVERIFY(panel.findChild<QTextBrowser *>(QStringLiteral("findingsView"))->toPlainText().contains(QLatin1String("EADDRINUSE")));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QLatin1String("completed")));
    QCOMPARE(panel.findChild<QProgressBar *>(QStringLiteral("progressBar"))->value(), 100);
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("exportPngButton"))->isEnabled());

    QTemporaryDir dir;
    QVERIFY(panel.exportPng(dir.filePath(QStringLiteral("r.png"))));
    QVERIFY(!QImage(dir.filePath(QStringLiteral("r.png"))).isNull());
    QVERIFY(panel.exportCsv(dir.filePath(QStringLiteral("r.csv"))));
    QFile csv(dir.filePath(QStringLiteral("r.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(csv.readAll()), r.toCsv());

    // Another experiment has no result yet; coming back shows the stored one again.
    panel.selectExperiment(QStringLiteral("buffers"));
    QVERIFY(panel.chartWidget()->chart().isEmpty());
    panel.selectExperiment(QStringLiteral("reuseport"));
    QVERIFY(!panel.chartWidget()->chart().isEmpty());
}

void TestExperimentsUi::panelCancelKeepsTheWindowResponsive()
{
    ExperimentsPanel panel;
    panel.show();
    QSignalSpy finished(&panel, &ExperimentsPanel::experimentFinished);
    panel.selectExperiment(QStringLiteral("nagle"));
    panel.runSelected();
    QVERIFY(panel.isRunning());
    // A GUI-thread timer fires while the experiment is still running: nothing blocks this thread.
    bool firedWhileRunning = false;
    QTimer::singleShot(50, &panel, [&] { firedWhileRunning = panel.isRunning(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedWhileRunning || !panel.isRunning(), 10000);
    QVERIFY(firedWhileRunning);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    const ExperimentResult r = finished.first().first().value<ExperimentResult>();
    QCOMPARE(r.status, ExperimentStatus::Cancelled);
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QLatin1String("cancelled")));
}

// TCPLAB_SCREENSHOT_DIR=dir: run every experiment in the panel and save a picture of each
// result there (for the documentation); skipped otherwise.
void TestExperimentsUi::screenshots()
{
    const QString dir = qEnvironmentVariable("TCPLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set TCPLAB_SCREENSHOT_DIR to save a picture of every experiment's result");
    ExperimentsPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QSignalSpy finished(&panel, &ExperimentsPanel::experimentFinished);
    for (const QString &name : panel.experimentNames()) {
        panel.selectExperiment(name);
        panel.runSelected();
        QVERIFY(finished.wait(20000));
        QVERIFY(panel.grab().save(dir + QStringLiteral("/experiment-") + name + QStringLiteral(".png")));
        QVERIFY(panel.chartWidget()->exportPng(dir + QStringLiteral("/chart-") + name + QStringLiteral(".png"), QSize(900, 500)));
    }
}

QTEST_MAIN(TestExperimentsUi)
#include "tst_experiments_ui.moc"
