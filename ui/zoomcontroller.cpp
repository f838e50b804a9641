#include "zoomcontroller.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QSettings>
#include <QTableView>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tcplab {

namespace {

// The steps a browser offers: small ones near 100 %, larger ones towards the projector sizes.
constexpr int kPercent[] = {70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300};
constexpr int kHundred = 3; // index of 100 %

const char *const kBaseFont = "tcplabZoomBaseFont";
const char *const kBaseRow = "tcplabZoomBaseRow";

QFont scaled(const QFont &base, double factor)
{
    QFont f = base;
    if (base.pointSizeF() > 0)
        f.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0)
        f.setPixelSize(std::max(1, int(std::lround(base.pixelSize() * factor))));
    return f;
}

} // namespace

ZoomController::ZoomController(QObject *parent) : QObject(parent) {}

double ZoomController::factorFor(int level)
{
    return kPercent[std::clamp(level + kHundred, 0, int(std::size(kPercent)) - 1)] / 100.0;
}

int ZoomController::minLevel()
{
    return -kHundred;
}

int ZoomController::maxLevel()
{
    return int(std::size(kPercent)) - 1 - kHundred;
}

void ZoomController::addContainer(QWidget *container)
{
    Container c{container, container->font()};
    m_containers << c;
    apply(container, c.base, 1.0, factor());
}

void ZoomController::setLevel(int level)
{
    level = std::clamp(level, minLevel(), maxLevel());
    if (level == m_level)
        return;
    const double before = factor();
    m_level = level;
    for (const Container &c : std::as_const(m_containers)) {
        if (c.widget)
            apply(c.widget, c.base, before, factor());
    }
    emit levelChanged(m_level, factor());
}

void ZoomController::apply(QWidget *container, const QFont &base, double oldFactor, double newFactor)
{
    container->setFont(scaled(base, newFactor));
    // Fonts set below the container with a size of their own do not inherit the container's
    // size: scale them from the font they had before the first zoom.
    for (QWidget *w : container->findChildren<QWidget *>()) {
        if (w->testAttribute(Qt::WA_SetFont) && (w->font().resolveMask() & QFont::SizeResolved)) {
            QVariant saved = w->property(kBaseFont);
            if (!saved.isValid()) {
                saved = QVariant::fromValue(scaled(w->font(), 1.0 / oldFactor));
                w->setProperty(kBaseFont, saved);
            }
            w->setFont(scaled(saved.value<QFont>(), newFactor));
        }
    }
    // Fixed row heights and column widths were measured with the old font.
    for (QTableView *t : container->findChildren<QTableView *>()) {
        QHeaderView *rows = t->verticalHeader();
        QVariant baseRow = t->property(kBaseRow);
        if (!baseRow.isValid()) {
            baseRow = rows->defaultSectionSize() / oldFactor;
            t->setProperty(kBaseRow, baseRow);
        }
        rows->setDefaultSectionSize(std::max(1, int(std::lround(baseRow.toDouble() * newFactor))));
        QHeaderView *columns = t->horizontalHeader();
        if (oldFactor != newFactor) {
            for (int c = 0; c < columns->count(); ++c) {
                if (columns->sectionResizeMode(c) == QHeaderView::Interactive || columns->sectionResizeMode(c) == QHeaderView::Fixed)
                    columns->resizeSection(c, int(std::lround(columns->sectionSize(c) * newFactor / oldFactor)));
            }
        }
    }
}

void ZoomController::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("view/zoom"), m_level);
}

void ZoomController::loadSettings(QSettings &settings)
{
    setLevel(settings.value(QStringLiteral("view/zoom"), 0).toInt());
}

} // namespace tcplab
