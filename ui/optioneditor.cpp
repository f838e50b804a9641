#include "optioneditor.h"

#include "hostresolver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

#include <climits>

namespace tcplab {

namespace {

QString unitSuffix(const QString &unit)
{
    return unit.isEmpty() ? QString() : QLatin1Char(' ') + unit;
}

// A literal (IPv4 or IPv6) must be a valid one; names are resolved (and reported) at Start.
QString hostError(const QString &host)
{
    const QString h = host.trimmed();
    if (!hostNeedsLookup(h)) {
        // No resolver is asked for these: resolveHost() only parses.
        const Result<ResolvedHost> literal = resolveHost(h);
        return literal ? QString() : OptionEditor::tr("Host: %1").arg(literal.error().text());
    }
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"));
    if (!name.match(h).hasMatch())
        return OptionEditor::tr("Host: '%1' is neither an IPv4 or IPv6 address nor a host name").arg(h);
    return {};
}

QString kernelDefaultText(const OptionSpec &spec)
{
    const QString note = kernelDefaultNote(spec);
    return note.isEmpty() ? OptionEditor::tr("kernel default") : OptionEditor::tr("kernel default: %1").arg(note);
}

} // namespace

QString OptionEditor::toolTipFor(const OptionSpec &spec)
{
    QString tip = QStringLiteral("<p><b>%1</b> <code>--%2</code></p><p>%3</p><p><i>%4</i></p>")
                      .arg(spec.name.toHtmlEscaped(), spec.key, spec.translatedHelp().toHtmlEscaped(),
                           spec.translatedKernelRule().toHtmlEscaped());
    QString facts = tr("Allowed: %1").arg(describeRange(spec).toHtmlEscaped());
    if (spec.seedDefault.isValid())
        facts += QStringLiteral(" &middot; ") + tr("recipe: %1").arg(formatOptionValue(spec, spec.seedDefault).toHtmlEscaped());
    else if (const QString kernel = kernelDefaultNote(spec); !kernel.isEmpty())
        facts += QStringLiteral(" &middot; ") + tr("recipe: kernel default, %1").arg(kernel.toHtmlEscaped());
    else if (spec.isSocketOption())
        facts += QStringLiteral(" &middot; ") + tr("recipe: kernel default");
    if (!spec.manPage.isEmpty())
        facts += QStringLiteral(" &middot; ") + tr("see %1").arg(spec.manPage);
    tip += QStringLiteral("<p>%1</p>").arg(facts);
    if (const QString note = choicesNote(spec); !note.isEmpty())
        tip += QStringLiteral("<p>%1</p>").arg(note.toHtmlEscaped());
    if (spec.live)
        tip += QStringLiteral("<p><b>%1</b> %2</p>")
                   .arg(tr("Live:"), tr("changed while the server runs, it applies at once to the listener and to every open "
                                        "connection, and the kernel's value is read back (log, Effective options)."));
    else
        tip += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Applies on restart:"), spec.translatedRestartReason().toHtmlEscaped());
    if (spec.isSocketOption()) {
        if (spec.kind == OptionKind::Bool)
            tip += QStringLiteral("<p>") + tr("Partially checked: not set, the kernel's default applies.") + QStringLiteral("</p>");
        else
            tip += QStringLiteral("<p>") + tr("Unticked: not set, the kernel's default applies.") + QStringLiteral("</p>");
    }
    return tip;
}

OptionEditor::OptionEditor(const OptionSpec &spec, QWidget *parent) : QWidget(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("option-") + spec.key);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool kernelDefaultAllowed = spec.isSocketOption();

    switch (spec.kind) {
    case OptionKind::Bool:
        m_check = new QCheckBox(this);
        m_check->setTristate(kernelDefaultAllowed);
        m_input = m_check;
        connect(m_check, &QCheckBox::stateChanged, this, [this] {
            m_check->setText(m_check->checkState() == Qt::PartiallyChecked ? kernelDefaultText(m_spec)
                             : m_check->isChecked()                        ? tr("on")
                                                                           : tr("off"));
            emitEdited();
        });
        m_check->setText(tr("off"));
        break;
    case OptionKind::Int:
    case OptionKind::Linger:
        m_spin = new QSpinBox(this);
        m_spin->setRange(int(std::max<double>(spec.minimum, INT_MIN)), int(std::min<double>(spec.maximum, INT_MAX)));
        m_spin->setSuffix(unitSuffix(spec.unit));
        m_spin->setAccelerated(true);
        if (spec.kind == OptionKind::Linger)
            m_spin->setSpecialValueText(tr("off (-1)"));
        m_input = m_spin;
        connect(m_spin, &QSpinBox::valueChanged, this, &OptionEditor::emitEdited);
        break;
    case OptionKind::Seconds:
        m_double = new QDoubleSpinBox(this);
        m_double->setDecimals(3);
        m_double->setRange(spec.minimum, spec.maximum);
        m_double->setSingleStep(0.5);
        m_double->setSuffix(unitSuffix(spec.unit));
        m_input = m_double;
        connect(m_double, &QDoubleSpinBox::valueChanged, this, &OptionEditor::emitEdited);
        break;
    case OptionKind::Choice:
        m_combo = new QComboBox(this);
        m_combo->addItems(spec.choices);
        m_input = m_combo;
        connect(m_combo, &QComboBox::currentIndexChanged, this, &OptionEditor::emitEdited);
        break;
    case OptionKind::Text:
        m_line = new QLineEdit(this);
        m_line->setPlaceholderText(tr("all interfaces"));
        m_line->setClearButtonEnabled(true);
        m_input = m_line;
        connect(m_line, &QLineEdit::textChanged, this, &OptionEditor::emitEdited);
        break;
    }
    m_input->setObjectName(QStringLiteral("input-") + spec.key);

    if (kernelDefaultAllowed && spec.kind != OptionKind::Bool) {
        m_enable = new QCheckBox(this);
        m_enable->setObjectName(QStringLiteral("enable-") + spec.key);
        m_enable->setToolTip(tr("Set this option; unticked leaves it to the kernel's default"));
        layout->addWidget(m_enable);
        connect(m_enable, &QCheckBox::toggled, this, [this] {
            updateEnabled();
            emitEdited();
        });
    }
    layout->addWidget(m_input, 1);
    m_badge = new QLabel(spec.live ? tr("live") : tr("restart"), this);
    m_badge->setObjectName(QStringLiteral("badge-") + spec.key);
    m_badge->setToolTip(spec.live ? tr("Changed while the server runs, it applies at once to the listener and every open connection.")
                                  : tr("Changed while the server runs, it applies on restart: %1").arg(spec.translatedRestartReason()));
    m_badge->setStyleSheet(spec.live ? QStringLiteral("background:#d1e7dd; color:#0f5132; padding:0 4px; border-radius:3px;")
                                     : QStringLiteral("background:#e9ecef; color:#495057; padding:0 4px; border-radius:3px;"));
    m_badge->hide();
    layout->addWidget(m_badge);
    const QString tip = toolTipFor(spec);
    setToolTip(tip);
    m_input->setToolTip(tip);
    setValue(spec.seedDefault);
}

void OptionEditor::setServerRunning(bool running)
{
    m_badge->setVisible(running);
}

void OptionEditor::updateEnabled()
{
    if (!m_enable)
        return;
    const bool on = m_enable->isChecked();
    m_input->setEnabled(on);
    // An unset option shows "kernel default" rather than a number the kernel never sees; the
    // number typed before comes back when the option is ticked again.
    const QString kernelDefault = tr("kernel default");
    if (m_spin) {
        const QSignalBlocker block(m_spin);
        if (!on && m_spin->specialValueText() != kernelDefault) {
            m_lastNumber = m_spin->value();
            m_spin->setSpecialValueText(kernelDefault);
            m_spin->setValue(m_spin->minimum());
        } else if (on && m_spin->specialValueText() == kernelDefault) {
            m_spin->setSpecialValueText(m_spec.kind == OptionKind::Linger ? tr("off (-1)") : QString());
            m_spin->setValue(int(m_lastNumber));
        }
    } else if (m_double) {
        const QSignalBlocker block(m_double);
        if (!on && m_double->specialValueText() != kernelDefault) {
            m_lastNumber = m_double->value();
            m_double->setSpecialValueText(kernelDefault);
            m_double->setValue(m_double->minimum());
        } else if (on && m_double->specialValueText() == kernelDefault) {
            m_double->setSpecialValueText({});
            m_double->setValue(m_lastNumber);
        }
    }
}

void OptionEditor::emitEdited()
{
    showValidation(validationError());
    emit edited(m_spec.key);
}

QVariant OptionEditor::value() const
{
    if (m_enable && !m_enable->isChecked())
        return {};
    switch (m_spec.kind) {
    case OptionKind::Bool:
        if (m_check->checkState() == Qt::PartiallyChecked)
            return {};
        return m_check->isChecked();
    case OptionKind::Int:
    case OptionKind::Linger: return m_spin->value();
    case OptionKind::Seconds: return m_double->value();
    case OptionKind::Choice: return m_combo->currentText();
    case OptionKind::Text: return m_line->text().trimmed();
    }
    return {};
}

void OptionEditor::setValue(const QVariant &value)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_enable), QSignalBlocker(m_check), QSignalBlocker(m_spin),
                                       QSignalBlocker(m_double), QSignalBlocker(m_combo), QSignalBlocker(m_line)};
    if (m_enable)
        m_enable->setChecked(value.isValid());
    switch (m_spec.kind) {
    case OptionKind::Bool:
        if (!value.isValid() && m_check->isTristate())
            m_check->setCheckState(Qt::PartiallyChecked);
        else
            m_check->setCheckState(value.toBool() ? Qt::Checked : Qt::Unchecked);
        m_check->setText(m_check->checkState() == Qt::PartiallyChecked ? kernelDefaultText(m_spec)
                         : m_check->isChecked()                        ? tr("on")
                                                                       : tr("off"));
        break;
    case OptionKind::Int:
    case OptionKind::Linger:
        if (value.isValid()) {
            m_spin->setSpecialValueText(m_spec.kind == OptionKind::Linger ? tr("off (-1)") : QString());
            m_spin->setValue(value.toInt());
        } else if (m_spin->specialValueText() != tr("kernel default")) {
            m_spin->setValue(std::clamp(m_spec.unit == QLatin1String("bytes") ? 65536 : 0, m_spin->minimum(), m_spin->maximum()));
        }
        break;
    case OptionKind::Seconds:
        if (value.isValid()) {
            m_double->setSpecialValueText({});
            m_double->setValue(value.toDouble());
        } else if (m_double->specialValueText() != tr("kernel default")) {
            m_double->setValue(std::clamp(1.0, m_double->minimum(), m_double->maximum()));
        }
        break;
    case OptionKind::Choice: {
        const int i = m_combo->findText(value.toString());
        m_combo->setCurrentIndex(i >= 0 ? i : 0);
        break;
    }
    case OptionKind::Text:
        m_line->setText(value.toString());
        break;
    }
    updateEnabled();
    showValidation(validationError());
}

QString OptionEditor::validationError() const
{
    if (m_spec.kind == OptionKind::Text) {
        const QString error = hostError(m_line->text());
        if (!error.isEmpty())
            return error;
    }
    if (m_spec.kind == OptionKind::Int && m_spin->hasAcceptableInput() == false && !m_spin->text().isEmpty())
        return tr("%1: '%2' is not a whole number in %3").arg(m_spec.name, m_spin->cleanText(), describeRange(m_spec));
    return validateOptionValue(m_spec, value());
}

void OptionEditor::showValidation(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    const QString tip = toolTipFor(m_spec);
    if (error.isEmpty()) {
        m_input->setStyleSheet({});
        m_input->setToolTip(tip);
    } else {
        // The frame colour is the one thing a user sees at a glance in a long panel.
        m_input->setStyleSheet(QStringLiteral("border: 2px solid #c01c28; border-radius: 3px;"));
        m_input->setToolTip(QStringLiteral("<p style='color:#c01c28'><b>%1</b></p>").arg(error.toHtmlEscaped()) + tip);
    }
    setProperty("invalid", !error.isEmpty());
}

} // namespace tcplab
