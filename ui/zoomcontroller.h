// Projector zoom for the views (experiment charts, the packet views, the log): one level for
// all of them, Ctrl+plus / Ctrl+minus / Ctrl+0, remembered in the settings.
//
// It sets a scaled font on each registered container; the views inherit it and derive their
// sizes (arrow heads, margins, line widths) from their font's metrics, so everything scales,
// views added to a container later included. Widgets inside a container that set a font size
// of their own (a fixed-width font, a bold title) are scaled from that font, and table rows and
// columns follow by the same ratio.
#pragma once

#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWidget>

class QSettings;

namespace tcplab {

class ZoomController : public QObject
{
    Q_OBJECT
public:
    explicit ZoomController(QObject *parent = nullptr);

    // The containers whose fonts follow the zoom (their font now is the 100 % font).
    void addContainer(QWidget *container);

    int level() const { return m_level; }  // 0: 100 %
    double factor() const { return factorFor(m_level); }
    static double factorFor(int level);
    static int minLevel();
    static int maxLevel();
    void setLevel(int level);
    void zoomIn() { setLevel(m_level + 1); }
    void zoomOut() { setLevel(m_level - 1); }
    void reset() { setLevel(0); }

    void saveSettings(QSettings &settings) const;
    void loadSettings(QSettings &settings);

signals:
    void levelChanged(int level, double factor);

private:
    void apply(QWidget *container, const QFont &base, double oldFactor, double newFactor);

    struct Container
    {
        QPointer<QWidget> widget;
        QFont base;
    };
    QList<Container> m_containers;
    int m_level = 0;
};

} // namespace tcplab
