// The server's settings, generated from the option table: one group box per option group, one
// OptionEditor per option, plus the raw escape-hatch options and the Start/Stop button.
#pragma once

#include "serverconfig.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tcplab {

class OptionEditor;

class ServerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServerPanel(QWidget *parent = nullptr);

    ServerConfig config() const;
    // Shows config in the controls without reporting user edits.
    void setConfig(const ServerConfig &config);
    OptionEditor *editor(const QString &key) const { return m_editors.value(key); }
    QLineEdit *rawEdit() const { return m_raw; }
    QPushButton *startButton() const { return m_start; }

    // The network path beside the address: loopback, or the wire (the server on the wire's
    // server side, the built-in client on its client side) with its spec (docs/wire.md).
    enum class NetworkPath { Loopback, Wire };
    NetworkPath networkPath() const;
    QString wireSpecText() const;
    // Shows a path and spec without reporting a user edit.
    void setNetworkPath(NetworkPath path, const QString &spec);
    QComboBox *networkPathCombo() const { return m_path; }
    QLineEdit *wireSpecEdit() const { return m_wireSpec; }

    // Flags every invalid control; returns one message per problem (empty: ready to start).
    QStringList validateControls();

    // runningConfig: what the panel said at start, with the options changed live since; the
    // notice lists what differs and waits for a restart (with why).
    void setRunning(bool running, const ServerConfig &runningConfig = {});
    QLabel *restartNotice() const { return m_restartNotice; }
    // A message above the controls: errors in red, notices in amber; empty hides it.
    void showMessage(const QString &text, bool error);
    QString message() const;

signals:
    // A user edit of one option ("raw" for the raw options).
    void optionEdited(const QString &key);
    // A user edit of the network path or of the wire's spec (the spec when editing finished).
    void networkPathEdited();

private:
    void onEdited(const QString &key);
    void updateRestartNotice();
    QString rawError() const;
    QString wireSpecError() const;
    void updatePathControls();

    QHash<QString, OptionEditor *> m_editors;
    QLineEdit *m_raw = nullptr;
    QComboBox *m_path = nullptr;
    QLineEdit *m_wireSpec = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_restartNotice = nullptr;
    bool m_loading = false;
    bool m_running = false;
    ServerConfig m_runningConfig;
};

} // namespace tcplab
