// The live log pane: server and client events with filters, search, pause, clear and save.
// Events are queued in the model and shown by a 100 ms tick: one view update per tick.
#pragma once

#include "logmodel.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QSettings;
class QSpinBox;

namespace tcplab {

class LogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LogPanel(QWidget *parent = nullptr);

    LogModel *model() const { return m_model; }
    QListView *view() const { return m_view; }

    void append(const EventBatch &batch) { m_model->enqueue(batch); }
    void append(const ServerEvent &event) { m_model->enqueue(event); }
    // Events the server's hub lost before they reached the pane (shown next to the pane's own).
    void setUpstreamDropped(quint64 count) { m_upstreamDropped = count; }

    void setLimit(int lines);
    void setPaused(bool paused);
    void clear();
    // Apply the pending events now (the tick does this; tests call it too).
    void tick();
    bool saveTo(const QString &path, bool csv, QString *error);
    void saveInteractively();

    QString statusText() const;
    QSpinBox *limitSpin() const { return m_limit; }
    QComboBox *levelCombo() const { return m_level; }
    QSpinBox *connectionSpin() const { return m_connection; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *formatCombo() const { return m_format; }
    QCheckBox *pauseBox() const { return m_pause; }

    void saveSettings(QSettings &settings) const;
    void loadSettings(QSettings &settings);

private:
    void applyFilter();
    void updateStatus();

    LogModel *m_model;
    QListView *m_view;
    QComboBox *m_level;
    QSpinBox *m_connection;
    QLineEdit *m_search;
    QComboBox *m_format;
    QCheckBox *m_pause;
    QSpinBox *m_limit;
    QLabel *m_status;
    QTimer m_tick;
    bool m_followTail = true;
    quint64 m_upstreamDropped = 0;
};

} // namespace tcplab
