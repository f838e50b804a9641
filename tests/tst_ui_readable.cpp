// Readable results on the offscreen platform (issue 13): the experiment chart places its value
// labels without overlap, its y title fits, bars that span decades go on a log scale; the
// connections table holds a peer address; the log pane hides and stays hidden; Ctrl+plus zooms
// the views (fonts and the ladder's arrows) and the level survives a new window.
#include "chartwidget.h"
#include "connectionmodel.h"
#include "connectionspanel.h"
#include "experimentspanel.h"
#include "labwindow.h"
#include "ladderview.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "packetspanel.h"
#include "serverpanel.h"
#include "testsupport.h"
#include "timesequenceview.h"
#include "zoomcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tcplab;
using testsupport::waitFor;

namespace {

// The Nagle experiment's chart as a run on a 0.04 ms loopback wire fills it: sub-millisecond
// round trips beside the 40 ms delayed-ACK stalls, and 0 where nothing was held.
ChartData nagleChart()
{
    ChartData c;
    c.kind = ChartKind::Bar;
    c.title = QStringLiteral("Request round trip: two small writes, then read (wire round trip 0.04 ms)");
    c.xLabel = QStringLiteral("combination");
    c.yLabel = QStringLiteral("round trip (ms)");
    c.categories = QStringList{QStringLiteral("Nagle on, delayed ACK"),
                               QStringLiteral("client TCP_NODELAY"),
                               QStringLiteral("server TCP_NODELAY only"),
                               QStringLiteral("TCP_NODELAY both sides"),
                               QStringLiteral("client Nagle, server QUICKACK re-armed"),
                               QStringLiteral("reply in two writes, client QUICKACK set once before connect"),
                               QStringLiteral("reply in two writes, server TCP_NODELAY"),
                               QStringLiteral("reply in two writes, client QUICKACK re-armed")};
    c.series << ChartSeries{QStringLiteral("median"), {44.1, 0.027, 40.6, 0.06, 0.031, 40.2, 0.029, 0.033}, {}};
    c.series << ChartSeries{QStringLiteral("90th percentile"), {44.3, 0.06, 41.0, 0.07, 0.05, 40.9, 0.04, 0.052}, {}};
    c.series << ChartSeries{QStringLiteral("max"), {48.0, 0.21, 44.0, 0.11, 0.09, 44.2, 0.08, 0.19}, {}};
    c.series << ChartSeries{QStringLiteral("2nd piece held (capture, median)"), {43.9, 0, 40.4, 0, 0, 40.0, 0, 0}, {}};
    return c;
}

int barIndex(const ChartLayout &l, int series, int category)
{
    for (int i = 0; i < l.bars.size(); ++i) {
        if (l.bars[i].series == series && l.bars[i].category == category)
            return i;
    }
    return -1;
}

} // namespace

class TestUiReadable : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void chartValueLabelsNeverOverlap();
    void chartYTitleFitsUnelided();
    void chartChoosesLogScaleForSpanningBars();
    void connectionsPeerColumnHoldsItsText();
    void logDockHidesAndStaysHidden();
    void zoomScalesTheViewsAndIsRemembered();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("tcplab.ini")); }
};

void TestUiReadable::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// At the default size, the export size, a small and a zoomed font: no two drawn value labels
// share a pixel, none leaves the widget or covers another bar, and most values keep a label.
void TestUiReadable::chartValueLabelsNeverOverlap()
{
    ChartWidget w;
    w.setChart(nagleChart());
    const QFont normal = w.font();
    QFont big = normal;
    big.setPointSizeF(normal.pointSizeF() * 1.75);
    struct Case { QSize size; QFont font; };
    for (const Case &c : {Case{w.sizeHint(), normal}, Case{QSize(1000, 600), normal}, Case{QSize(420, 260), normal},
                          Case{QSize(1000, 600), big}}) {
        w.setFont(c.font);
        w.resize(c.size);
        for (bool log : {true, false}) {
            w.setScaleMode(log ? ChartWidget::ScaleMode::Logarithmic : ChartWidget::ScaleMode::Linear);
            const ChartLayout l = w.currentLayout();
            const QString where = QStringLiteral("%1x%2 %3 pt %4").arg(c.size.width()).arg(c.size.height())
                                      .arg(c.font.pointSizeF()).arg(log ? "log" : "linear");
            QCOMPARE(l.bars.size(), 32);
            QCOMPARE(l.labels.size() + l.droppedLabels, 32);
            const QList<QRectF> rects = w.labelRects();
            QCOMPARE(rects.size(), l.labels.size());
            for (int i = 0; i < l.labels.size(); ++i) {
                QVERIFY2(QRectF(w.rect()).contains(rects[i]), qPrintable(where + QStringLiteral(": label outside ") + l.labels[i].text));
                for (int j = i + 1; j < rects.size(); ++j)
                    QVERIFY2(!rects[i].intersects(rects[j]),
                             qPrintable(where + QStringLiteral(": labels %1 and %2 overlap").arg(l.labels[i].text, l.labels[j].text)));
                for (int b = 0; b < l.bars.size(); ++b)
                    QVERIFY2(b == l.labels[i].bar || !rects[i].intersects(l.bars[b].rect),
                             qPrintable(where + QStringLiteral(": label %1 covers a bar").arg(l.labels[i].text)));
            }
            if (c.size.width() >= 1000 && c.font == normal)
                QVERIFY2(l.labels.size() >= 16, qPrintable(where + QStringLiteral(": only %1 labels").arg(l.labels.size())));
        }
    }
    // The painting uses this geometry: the image has ink where the first label is.
    w.setFont(normal);
    w.resize(1000, 600);
    w.setScaleMode(ChartWidget::ScaleMode::Logarithmic);
    const QImage image = w.grab().toImage();
    const QRect first = w.labelRects().first().toAlignedRect();
    int ink = 0;
    for (int y = first.top(); y <= first.bottom(); ++y)
        for (int x = first.left(); x <= first.right(); ++x)
            ink += image.pixelColor(x, y).lightness() < 128 ? 1 : 0;
    QVERIFY2(ink > 5, "no text drawn inside the first label's rect");
}

void TestUiReadable::chartYTitleFitsUnelided()
{
    ChartWidget w;
    w.setChart(nagleChart());
    // The default size, and one where the title is longer than the plot is tall.
    for (const QSize size : {w.sizeHint(), QSize(560, 200)})
    for (bool log : {false, true}) {
        w.resize(size);
        w.setScaleMode(log ? ChartWidget::ScaleMode::Logarithmic : ChartWidget::ScaleMode::Linear);
        const ChartLayout l = w.currentLayout();
        if (size.height() == 200)
            QVERIFY(l.yTitleRect.height() > l.plot.height());
        QVERIFY(!l.yTitleElided);
        QVERIFY(l.yTitleText.startsWith(QStringLiteral("round trip (ms)")));
        QVERIFY2(QRectF(w.rect()).contains(l.yTitleRect), "the y title leaves the widget");
        // The box is the text's real length, left of the tick labels.
        QCOMPARE(l.yTitleRect.height(), QFontMetricsF(w.font()).horizontalAdvance(l.yTitleText));
        for (const ChartLayout::Tick &t : l.yTicks)
            QVERIFY(!t.rect.intersects(l.yTitleRect));
    }
    // In the window at its default size, on the Experiments page.
    LabWindow window(settingsPath());
    window.show();
    window.tabs()->setCurrentWidget(window.experimentsPanel());
    ChartWidget *chart = window.experimentsPanel()->chartWidget();
    chart->setChart(nagleChart());
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const ChartLayout l = chart->currentLayout();
    QVERIFY2(!l.yTitleElided, qPrintable(QStringLiteral("elided at %1x%2").arg(chart->width()).arg(chart->height())));
    QVERIFY(QRectF(chart->rect()).contains(l.yTitleRect));
    // Too short for the title: elided, and the full text is in the tooltip.
    w.resize(300, 90);
    QVERIFY(w.currentLayout().yTitleElided || w.currentLayout().plot.height() < QFontMetricsF(w.font()).height());
}

void TestUiReadable::chartChoosesLogScaleForSpanningBars()
{
    ExperimentsPanel panel;
    panel.resize(1000, 700);
    ChartWidget *w = panel.chartWidget();
    auto *box = panel.findChild<QCheckBox *>(QStringLiteral("logScaleBox"));
    QVERIFY(box);
    w->setChart(nagleChart());
    w->resize(w->sizeHint());
    // 48 / 0.027 spans three decades: log by itself, shown on the axis and on the check box.
    QVERIFY(ChartWidget::wantsLogScale(nagleChart()));
    QVERIFY(w->isLogScale());
    QCOMPARE(w->scaleMode(), ChartWidget::ScaleMode::Automatic);
    ChartLayout l = w->currentLayout();
    QVERIFY(l.logScale);
    QVERIFY(l.yTitleText.contains(QStringLiteral("log scale")));
    QVERIFY(box->isChecked());
    const int subMs = barIndex(l, 0, 1); // median 0.027 ms
    const int stall = barIndex(l, 0, 0); // median 44.1 ms
    QVERIFY(subMs >= 0 && stall >= 0);
    QVERIFY2(l.bars[subMs].rect.height() >= 4, qPrintable(QString::number(l.bars[subMs].rect.height())));
    QVERIFY(l.bars[stall].rect.height() > l.bars[subMs].rect.height());
    // A zero (nothing held) has no bar on a log scale, and its label (if any) sits on the base.
    const int zero = barIndex(l, 3, 1);
    QCOMPARE(l.bars[zero].rect.height(), 0.0);
    QCOMPARE(l.bars[zero].rect.bottom(), l.plot.bottom());
    for (const ChartLayout::Label &label : l.labels) {
        if (label.bar == zero)
            QCOMPARE(label.text, QStringLiteral("0"));
    }

    // The user switches to linear: the sub-millisecond bar is a sliver again.
    box->click();
    QCOMPARE(w->scaleMode(), ChartWidget::ScaleMode::Linear);
    QVERIFY(!w->isLogScale());
    l = w->currentLayout();
    QVERIFY(!l.logScale);
    QVERIFY(!l.yTitleText.contains(QStringLiteral("log scale")));
    QVERIFY(l.bars[barIndex(l, 0, 1)].rect.height() < 4);
    box->click();
    QVERIFY(w->isLogScale());

    // Values within one decade stay linear; a new chart starts automatic again.
    ChartData close = nagleChart();
    close.categories.removeLast();
    for (ChartSeries &s : close.series)
        s.values = {40, 12, 30, 5, 8, 20, 9};
    w->setChart(close);
    QCOMPARE(w->scaleMode(), ChartWidget::ScaleMode::Automatic);
    QVERIFY(!w->isLogScale());
    QVERIFY(!box->isChecked());
}

// A connection's peer fits its column (and so would the widest address the column is made for);
// a width the user sets is remembered by the next window.
void TestUiReadable::connectionsPeerColumnHoldsItsText()
{
    int userWidth = 0;
    {
        LabWindow w(settingsPath());
        w.resize(1300, 800);
        w.show();
        qobject_cast<QLineEdit *>(w.serverPanel()->editor(QStringLiteral("host"))->inputWidget())->setText(QStringLiteral("127.0.0.1"));
        qobject_cast<QSpinBox *>(w.serverPanel()->editor(QStringLiteral("port"))->inputWidget())->setValue(0);
        QVERIFY(w.startServer());
        w.tabs()->setCurrentWidget(w.connectionsPanel());
        FileDescriptor a = testsupport::connectTo(w.server()->port());
        QVERIFY(a.isValid());
        ConnectionModel *model = w.connectionsPanel()->model();
        QVERIFY2(waitFor([&] { return model->rowCount() >= 1; }, 5000), "no row for the connection");
        QTableView *view = w.connectionsPanel()->view();
        const QString peer = model->index(0, ConnectionModel::Peer).data().toString();
        QVERIFY2(peer.startsWith(QStringLiteral("127.0.0.1:")), qPrintable(peer));
        const int width = view->columnWidth(ConnectionModel::Peer);
        QVERIFY2(width >= view->fontMetrics().horizontalAdvance(peer) + 8, qPrintable(QStringLiteral("%1 px for %2").arg(width).arg(peer)));
        QVERIFY(width >= view->fontMetrics().horizontalAdvance(QStringLiteral("[::ffff:127.0.0.1]:57123")) + 8);
        // The other columns hold their header and cells too.
        for (int c = 0; c < ConnectionModel::Options; ++c) {
            const QString text = model->index(0, c).data().toString();
            QVERIFY2(view->columnWidth(c) >= view->fontMetrics().horizontalAdvance(text),
                     qPrintable(QStringLiteral("column %1 cuts %2").arg(c).arg(text)));
        }
        // The user narrows the peer column by hand (say, to see more of the options).
        userWidth = width / 2;
        view->horizontalHeader()->resizeSection(ConnectionModel::Peer, userWidth);
        w.stopServer();
        QVERIFY(w.close());
    }
    LabWindow w(settingsPath());
    w.resize(1300, 800);
    w.show();
    QTableView *view = w.connectionsPanel()->view();
    QCOMPARE(view->columnWidth(ConnectionModel::Peer), userWidth);
    // New rows do not undo the user's width.
    qobject_cast<QLineEdit *>(w.serverPanel()->editor(QStringLiteral("host"))->inputWidget())->setText(QStringLiteral("127.0.0.1"));
    QVERIFY(w.startServer());
    FileDescriptor a = testsupport::connectTo(w.server()->port());
    QVERIFY(a.isValid());
    QVERIFY(waitFor([&] { return w.connectionsPanel()->model()->rowCount() >= 1; }, 5000));
    QCOMPARE(view->columnWidth(ConnectionModel::Peer), userWidth);
    w.stopServer();
}

void TestUiReadable::logDockHidesAndStaysHidden()
{
    int shownHeight = 0;
    {
        LabWindow w(settingsPath());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QDockWidget *dock = w.logDock();
        QCOMPARE(dock->objectName(), QStringLiteral("logDock"));
        QCOMPARE(dock->widget(), w.logPanel());
        QVERIFY(dock->isVisible());
        QVERIFY(w.toggleLogAction()->isChecked());
        w.tabs()->setCurrentWidget(w.experimentsPanel());
        shownHeight = w.experimentsPanel()->height();
        w.toggleLogAction()->trigger();
        QVERIFY(!dock->isVisible());
        // Its room goes to the page.
        QVERIFY2(waitFor([&] { return w.experimentsPanel()->height() > shownHeight + 100; }, 3000),
                 qPrintable(QStringLiteral("%1 -> %2").arg(shownHeight).arg(w.experimentsPanel()->height())));
        QVERIFY(w.close());
    }
    {
        LabWindow w(settingsPath());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(!w.logDock()->isVisible(), "the hidden log pane came back in a new window");
        QVERIFY(!w.toggleLogAction()->isChecked());
        QVERIFY(w.experimentsPanel()->height() > shownHeight + 100);
        // The shortcut brings it back.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(w.logDock()->isVisible());
        QVERIFY(w.close());
    }
    LabWindow w(settingsPath());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.logDock()->isVisible());
}

void TestUiReadable::zoomScalesTheViewsAndIsRemembered()
{
    double chartPt = 0, ladderPt = 0, listPt = 0, logPt = 0, head = 0;
    int rowHeight = 0;
    {
        LabWindow w(settingsPath());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        PacketsPanel *packets = w.packetsPanel();
        chartPt = w.experimentsPanel()->chartWidget()->font().pointSizeF();
        ladderPt = packets->ladder()->font().pointSizeF();
        listPt = packets->view()->font().pointSizeF();
        logPt = w.logPanel()->view()->font().pointSizeF();
        head = packets->ladder()->arrowHeadLength();
        rowHeight = packets->view()->verticalHeader()->defaultSectionSize();
        const int top = packets->ladder()->topMargin();
        ChartWidget *chart = w.experimentsPanel()->chartWidget();
        chart->resize(1000, 600);
        chart->setChart(nagleChart());
        const ChartLayout normal = chart->currentLayout();
        QVERIFY(!normal.labels.isEmpty() && !normal.labels.first().rotated);
        const double labelHeight = normal.labels.first().rect.height();
        const double plotLeft = normal.plot.left();
        QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_Equal, Qt::ControlModifier); // what Ctrl+plus sends without Shift
        QCOMPARE(w.zoomController()->level(), 2);
        const double f = w.zoomController()->factor();
        QVERIFY(f > 1.2);
        QCOMPARE(w.experimentsPanel()->chartWidget()->font().pointSizeF(), chartPt * f);
        QCOMPARE(packets->ladder()->font().pointSizeF(), ladderPt * f);
        QCOMPARE(packets->view()->font().pointSizeF(), listPt * f);
        QCOMPARE(w.logPanel()->view()->font().pointSizeF(), logPt * f);
        QCOMPARE(packets->timeSequence()->font().pointSizeF(), packets->font().pointSizeF());
        QVERIFY2(packets->ladder()->arrowHeadLength() > head * 1.15, qPrintable(QString::number(packets->ladder()->arrowHeadLength())));
        QVERIFY(packets->ladder()->topMargin() > top);
        QVERIFY(packets->view()->verticalHeader()->defaultSectionSize() > rowHeight);
        // The chart's layout grows with it: taller label boxes, a wider tick-label margin.
        const ChartLayout zoomed = chart->currentLayout();
        QVERIFY(!zoomed.labels.isEmpty());
        QVERIFY(zoomed.labels.first().rect.height() > labelHeight * 1.2 || zoomed.labels.first().rect.width() > labelHeight * 1.2);
        QVERIFY(zoomed.plot.left() > plotLeft);
        QVERIFY(w.close());
    }
    {
        LabWindow w(settingsPath());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QCOMPARE(w.zoomController()->level(), 2);
        const double f = w.zoomController()->factor();
        QCOMPARE(w.packetsPanel()->ladder()->font().pointSizeF(), ladderPt * f);
        QCOMPARE(w.logPanel()->view()->font().pointSizeF(), logPt * f);
        QVERIFY(w.packetsPanel()->ladder()->arrowHeadLength() > head * 1.15);
        QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(w.zoomController()->level(), 1);
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(w.zoomController()->level(), 0);
        QCOMPARE(w.packetsPanel()->ladder()->font().pointSizeF(), ladderPt);
        QCOMPARE(w.experimentsPanel()->chartWidget()->font().pointSizeF(), chartPt);
        QCOMPARE(w.packetsPanel()->ladder()->arrowHeadLength(), head);
        QCOMPARE(w.packetsPanel()->view()->verticalHeader()->defaultSectionSize(), rowHeight);
        QVERIFY(w.close());
    }
}

QTEST_MAIN(TestUiReadable)
#include "tst_ui_readable.moc"
