// The wire's controls while traffic flows: per-direction impairments (delay, jitter, loss,
// duplicate, reorder, rate + limit), the targeted drops as a short list, a big Cut / Restore
// button and presets; and the live counters (packets and bytes each way, drops by cause, the
// rate limiter's queue, the capture ring's fill), refreshed on a timer at most 4 times a second.
// The panel edits a WireSpec; the window applies it (Wire::setSpec) and logs each change.
#pragma once

#include "wire/wirespec.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStringListModel;
class QTableView;

namespace tcplab {

namespace wire {
class CaptureRing;
class Wire;
} // namespace wire

class WireCountersModel;

class WirePanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 250;
    static constexpr int kEditSettleMs = 300; // spin-box edits are applied once they settle

    struct Preset
    {
        QString name;
        QString spec;
    };
    static QList<Preset> presets();

    explicit WirePanel(QWidget *parent = nullptr);

    // The controls' spec (what they do not show, e.g. a scheduled cut, is kept from setSpec).
    wire::WireSpec spec() const;
    // Shows a spec without reporting an edit.
    void setSpec(const wire::WireSpec &spec);
    // The running wire (null when it is down) and the capture whose fill is shown.
    void setSource(wire::Wire *wire, std::shared_ptr<const wire::CaptureRing> ring);
    // Applies a pending spin-box edit now instead of when it settles.
    void flushEdits();
    void refreshCounters();

    struct DirectionControls
    {
        QDoubleSpinBox *delay = nullptr;
        QDoubleSpinBox *jitter = nullptr;
        QDoubleSpinBox *loss = nullptr;
        QDoubleSpinBox *duplicate = nullptr;
        QDoubleSpinBox *reorder = nullptr;
        QDoubleSpinBox *rate = nullptr; // kbit/s, 0: unlimited
        QSpinBox *limit = nullptr;
    };
    const DirectionControls &controls(wire::Direction d) const { return m_dir[int(d)]; }
    QPushButton *cutButton() const { return m_cut; }
    QComboBox *presetCombo() const { return m_preset; }
    QLineEdit *dropEdit() const { return m_dropEdit; }
    QPushButton *addDropButton() const { return m_addDrop; }
    QPushButton *removeDropButton() const { return m_removeDrop; }
    QListView *dropView() const { return m_dropView; }
    QStringListModel *dropModel() const { return m_drops; }
    WireCountersModel *countersModel() const { return m_counters; }
    QString ringText() const;
    QString dropMessage() const;

signals:
    // A user edit: the whole new spec.
    void specEdited(const tcplab::wire::WireSpec &spec);

private:
    void buildDirection(wire::Direction d, QWidget *box);
    void onControlEdited();
    void emitEdit();
    void addDrop();
    void removeDrop();
    void setCut(bool cut);
    void applyPreset(int index);
    void updateCutButton();

    wire::WireSpec m_base; // carries what the controls do not show
    DirectionControls m_dir[2];
    QPushButton *m_cut = nullptr;
    QComboBox *m_preset = nullptr;
    QLineEdit *m_dropEdit = nullptr;
    QPushButton *m_addDrop = nullptr;
    QPushButton *m_removeDrop = nullptr;
    QListView *m_dropView = nullptr;
    QStringListModel *m_drops = nullptr;
    QLabel *m_dropMessage = nullptr;
    WireCountersModel *m_counters = nullptr;
    QTableView *m_countersView = nullptr;
    QProgressBar *m_ringFill = nullptr;
    QLabel *m_ringText = nullptr;
    QLabel *m_state = nullptr;
    QTimer m_settle;
    QTimer m_refresh;
    bool m_loading = false;
    wire::Wire *m_wire = nullptr;
    std::shared_ptr<const wire::CaptureRing> m_ring;
};

} // namespace tcplab
