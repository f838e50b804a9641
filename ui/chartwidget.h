// One small reusable chart: bar, line or histogram series with a title, axis labels and a legend,
// drawn with QPainter (no Qt Charts), and exportable as PNG and as CSV of the plotted numbers.
//
// Every size (margins, legend swatches, label gaps) comes from the font's metrics, so a larger
// font (the window's zoom) scales the whole chart. The geometry is computed once per paint by
// layoutChart() and painted from there; tests read the same layout (labelRects(), ...).
#pragma once

#include "experiments/experimentresult.h"

#include <QWidget>

class QPainter;

namespace tcplab {

// Where everything of one chart goes, for one rectangle and one font.
struct ChartLayout
{
    struct Bar
    {
        QRectF rect; // empty height for a value the scale cannot show (0 on a log scale)
        int series = 0;
        int category = 0;
        double value = 0;
    };
    struct Label
    {
        QRectF rect;       // the text's box with its gap to neighbours (horizontal or rotated)
        QString text;
        int bar = -1;      // index into bars
        bool rotated = false;
        bool inside = false; // drawn on the bar, in the bar's contrasting colour
    };
    struct Tick
    {
        double value = 0;
        double y = 0;
        QRectF rect;
        QString text;
    };
    QRectF plot;
    bool logScale = false;
    double yLo = 0, yHi = 1;
    QRectF titleRect;
    QString titleText;
    bool titleElided = false;
    QList<QPair<QRectF, int>> legend; // item rect (swatch + name) and series index
    QList<QString> legendText;
    QRectF yTitleRect;                // the rotated title's box, in widget coordinates
    QString yTitleText;
    bool yTitleElided = false;
    QRectF xTitleRect;
    QString xTitleText;
    QList<Tick> yTicks;
    QList<Bar> bars;
    QList<Label> labels;              // the value labels that are drawn
    int droppedLabels = 0;            // values without room for a label (they stay in the tooltip)
    QList<QRectF> categoryRects;
    QList<QStringList> categoryLines; // each category's name as drawn (wrapped, the last line elided)

    double mapY(double v) const;      // plot y of a value (bottom edge for values below the scale)
};

class ChartWidget : public QWidget
{
    Q_OBJECT
public:
    enum class ScaleMode { Automatic, Linear, Logarithmic };

    explicit ChartWidget(QWidget *parent = nullptr);

    // A chart with other categories or y label than the last one starts with the automatic scale.
    void setChart(const ChartData &chart);
    const ChartData &chart() const { return m_chart; }
    void clear();
    void setPlaceholderText(const QString &text);

    ScaleMode scaleMode() const { return m_scaleMode; }
    void setScaleMode(ScaleMode mode);
    // The scale in use: the user's choice, else log when the bars span decades (wantsLogScale).
    bool isLogScale() const;
    // Bar charts whose positive values span more than kAutoLogRatio (max / smallest positive).
    static bool wantsLogScale(const ChartData &chart);
    static bool canUseLogScale(const ChartData &chart);
    static constexpr double kAutoLogRatio = 50;

    // The layout of the chart at the widget's size and font, exactly as paintEvent draws it.
    ChartLayout currentLayout() const;
    QList<QRectF> labelRects() const;

    // Draws chart into rect of any painter: the widget, an image, a printer (painter's font).
    static void paintChart(QPainter &painter, const QRect &rect, const ChartData &chart, const QPalette &palette,
                           const QString &placeholder = {}, bool logScale = false);
    static ChartLayout layoutChart(const QFont &font, const QRect &rect, const ChartData &chart, bool logScale);
    // The chart as an image (size empty: the widget's size, at least 640 x 400).
    QImage toImage(const QSize &size = {}) const;
    bool exportPng(const QString &path, const QSize &size = {}) const;
    bool exportCsv(const QString &path) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The scale in use may have changed (a new chart, or the user's choice).
    void scaleChanged(bool logScale);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QString toolTipAt(const QPointF &pos) const;

    ChartData m_chart;
    QString m_placeholder;
    ScaleMode m_scaleMode = ScaleMode::Automatic;
};

} // namespace tcplab
