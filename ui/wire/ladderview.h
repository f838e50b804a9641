// The ladder diagram (the picture of TCP in every textbook) over the packet list's rows: the
// client's time line on the left, the server's on the right, time running down; one slanted
// arrow per packet from the moment it left its sender to the moment it reached its receiver,
// labelled with flags, seq, ack, len and win. A packet the wire dropped ends in a cross half-way.
// Ctrl+wheel (or +/-) zooms in time around the cursor, the wheel and the scroll bar pan; a click
// on an arrow selects its row in the packet list (the selection model is shared).
//
// Only the arrows in the visible time span are drawn (found by binary search over the rows,
// which are in send order), at most kMaxArrows per paint; labels only where they do not overlap.
#pragma once

#include <QAbstractScrollArea>
#include <QPointF>
#include <QPointer>
#include <QTimer>

class QItemSelectionModel;

namespace tcplab {

class PacketModel;

class LadderView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kMaxArrows = 20000;
    static constexpr double kMinNsPerPixel = 1e3;  // 1 µs per pixel
    static constexpr double kMaxNsPerPixel = 1e9;  // 1 s per pixel
    static constexpr int kDeferredRepaintMs = 33;

    explicit LadderView(PacketModel *model, QWidget *parent = nullptr);

    void setSelectionModel(QItemSelectionModel *selection);
    void setFollowLive(bool follow);

    // Time scale: nanoseconds per pixel (down the view).
    double nsPerPixel() const { return m_nsPerPixel; }
    void setNsPerPixel(double ns, double anchorY = -1);
    void zoomIn() { setNsPerPixel(m_nsPerPixel / 1.5); }
    void zoomOut() { setNsPerPixel(m_nsPerPixel * 1.5); }
    // Scrolls so that the packet of a row is in view.
    void scrollToRow(int row);
    // The time span on screen, from the first line under the names to the bottom (CLOCK_REALTIME
    // ns), and the same set from outside (the TCP_INFO view's zoom): the scale and the scroll
    // position change to show it, as far as the content allows; visibleRangeChanged tells the span
    // then shown.
    qint64 visibleFromNs() const { return nsForY(topMargin()); }
    qint64 visibleToNs() const { return nsForY(viewport()->height()); }
    void setVisibleRange(qint64 fromNs, qint64 toNs);

    struct Arrow
    {
        QPointF from;      // at the sender's line, when it left
        QPointF to;        // at the receiver's line when it arrived; half-way for a drop
        bool dropped = false;
    };
    // Where a row's arrow is drawn, in viewport coordinates (it may be outside the viewport).
    Arrow arrow(int row) const;
    // The row whose arrow passes within a few pixels of a viewport point, or -1.
    int rowAt(const QPointF &point) const;
    // Rows drawn by the last paint (for tests and the status line).
    int lastPaintedArrows() const { return m_painted; }
    double clientX() const { return sideMargin(); }
    double serverX() const;
    // Sizes follow the font (the window's zoom scales them): the header band, the time labels'
    // column, arrow heads and line widths.
    int topMargin() const;
    int sideMargin() const;
    double arrowHeadLength() const;
    double arrowHeadHalfWidth() const;
    double lineWidth() const;

signals:
    void rowClicked(int row);
    void visibleRangeChanged(qint64 fromNs, qint64 toNs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    double yForNs(qint64 ns) const; // viewport y of an absolute time
    qint64 nsForY(double y) const;
    int firstRowFrom(qint64 ns) const;
    void updateScrollRange();
    void onRowsChanged();
    QString label(int row) const;
    void reportRange();
    void updateMetrics();

    PacketModel *m_model;
    QPointer<QItemSelectionModel> m_selection;
    double m_nsPerPixel = 250e3; // 0.25 ms per pixel: 50 ms is 200 pixels
    bool m_follow = true;
    int m_painted = 0;
    QTimer m_rowsChanged;
    int m_lineHeight = 0; // the font's, and the time labels' column
    int m_sideMargin = 0;
    qint64 m_reportedFrom = 0;
    qint64 m_reportedTo = 0;
};

} // namespace tcplab
