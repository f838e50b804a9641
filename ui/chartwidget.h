// One small reusable chart: bar, line or histogram series with a title, axis labels and a legend,
// drawn with QPainter (no Qt Charts), and exportable as PNG and as CSV of the plotted numbers.
#pragma once

#include "experiments/experimentresult.h"

#include <QWidget>

class QPainter;

namespace tcplab {

class ChartWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ChartWidget(QWidget *parent = nullptr);

    void setChart(const ChartData &chart);
    const ChartData &chart() const { return m_chart; }
    void clear();
    void setPlaceholderText(const QString &text);

    // Draws chart into rect of any painter: the widget, an image, a printer.
    static void paintChart(QPainter &painter, const QRect &rect, const ChartData &chart, const QPalette &palette,
                           const QString &placeholder = {});
    // The chart as an image (size empty: the widget's size, at least 640 x 400).
    QImage toImage(const QSize &size = {}) const;
    bool exportPng(const QString &path, const QSize &size = {}) const;
    bool exportCsv(const QString &path) const;

    QSize sizeHint() const override { return {560, 320}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ChartData m_chart;
    QString m_placeholder;
};

} // namespace tcplab
