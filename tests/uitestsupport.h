// Helpers of the window's tests (Widgets; only the tests that link tcplabui take this file): a
// fresh settings file per test function, the server panel's controls by option key, the loopback
// set-up through them, and the log panel's lines.
#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace tcplab {
class LabWindow;
}

namespace uitest {

// The base of the window's test cases: init() gives each test function (each data row) its own
// settings file, so that no test sees what another saved.
class WindowTestCase : public QObject
{
    Q_OBJECT
protected:
    QString settingsPath() const { return tempFilePath(QStringLiteral("tcplab.ini")); }
    // A path in this test function's own temporary folder.
    QString tempFilePath(const QString &name) const { return m_dir->filePath(name); }

private slots:
    void init();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

// getsockopt of an int option; -1000 - errno when the call fails.
int sockopt(int fd, int level, int name);

// The server panel's input widget of an option key, as the control it is.
QSpinBox *spin(tcplab::LabWindow &w, const QString &key);
QCheckBox *check(tcplab::LabWindow &w, const QString &key);
QComboBox *combo(tcplab::LabWindow &w, const QString &key);
QLineEdit *line(tcplab::LabWindow &w, const QString &key);

// Loopback, kernel-chosen port, the given handler and mode, set through the controls.
void prepareLoopback(tcplab::LabWindow &w, const QString &handler = QStringLiteral("byte"), const QString &mode = QStringLiteral("event"),
                     bool persistent = false);

// Whether the log panel shows a line containing needle (its pending lines taken in first).
bool logContains(tcplab::LabWindow &w, const QString &needle);

} // namespace uitest
