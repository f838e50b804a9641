// One control for one entry of the option table, chosen by the entry's kind: a tri-state check
// box for socket on/off options (partially checked = the kernel's default), a spin box with the
// table's range and unit for numbers, a combo box for choices, a line edit for the host. Socket
// options with a value carry an "set" check box: unchecked leaves the option to the kernel.
#pragma once

#include "optiontable.h"

#include <QVariant>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tcplab {

class OptionEditor : public QWidget
{
    Q_OBJECT
public:
    OptionEditor(const OptionSpec &spec, QWidget *parent = nullptr);

    const OptionSpec &spec() const { return m_spec; }
    // Invalid QVariant: leave the option at the kernel's default.
    QVariant value() const;
    void setValue(const QVariant &value);
    // Empty when the control holds a value the option accepts.
    QString validationError() const;
    // Marks the control (red frame, message first in the tooltip) or clears the mark.
    void showValidation(const QString &error);
    bool isFlagged() const { return !m_error.isEmpty(); }
    // The control that takes focus and input (for tests and buddies).
    QWidget *inputWidget() const { return m_input; }
    QCheckBox *enableBox() const { return m_enable; }

    static QString toolTipFor(const OptionSpec &spec);
    // While the server runs, a badge says whether a change applies at once ("live") or on
    // restart (the reason in its tooltip).
    void setServerRunning(bool running);
    QLabel *badge() const { return m_badge; }

signals:
    void edited(const QString &key);

private:
    void updateEnabled();
    void emitEdited();

    const OptionSpec &m_spec;
    QCheckBox *m_enable = nullptr; // "set" for socket options with a value
    QCheckBox *m_check = nullptr;  // Bool
    QSpinBox *m_spin = nullptr;    // Int, Linger
    QDoubleSpinBox *m_double = nullptr; // Seconds
    QComboBox *m_combo = nullptr;  // Choice
    QLineEdit *m_line = nullptr;   // Text
    QWidget *m_input = nullptr;
    QLabel *m_badge = nullptr;
    QString m_error;
    double m_lastNumber = 0; // the number shown before the option was unticked
};

} // namespace tcplab
