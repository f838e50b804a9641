#include "serverpanel.h"

#include "optioneditor.h"
#include "optionlabel.h"
#include "wire/namespacehelper.h"
#include "wire/wirespec.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tcplab {

ServerPanel::ServerPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("serverPanel"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);

    m_start = new QPushButton(this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setMinimumHeight(32);
    outer->addWidget(m_start);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("serverMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    outer->addWidget(m_message);

    m_restartNotice = new QLabel(this);
    m_restartNotice->setObjectName(QStringLiteral("restartNotice"));
    m_restartNotice->setWordWrap(true);
    m_restartNotice->setStyleSheet(QStringLiteral("background:#fff3cd; color:#664d03; padding:4px; border-radius:3px;"));
    m_restartNotice->hide();
    outer->addWidget(m_restartNotice);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 6, 0);

    // One group box per option group. What a lesson changes first (address, handler, mode)
    // comes first; every other group follows in the table's order.
    QMap<int, QFormLayout *> forms;
    QMap<int, QGroupBox *> boxes;
    QList<int> order{int(OptionGroup::Address), int(OptionGroup::Handler), int(OptionGroup::Concurrency)};
    for (const OptionSpec &spec : optionTable()) {
        const int g = int(spec.group);
        if (!forms.contains(g)) {
            auto *box = new QGroupBox(groupTitle(spec.group), content);
            box->setObjectName(QStringLiteral("group-%1").arg(g));
            auto *form = new QFormLayout(box);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            form->setLabelAlignment(Qt::AlignLeft);
            forms.insert(g, form);
            boxes.insert(g, box);
            if (!order.contains(g))
                order << g;
        }
        auto *editor = new OptionEditor(spec, content);
        auto *label = new QLabel(optionLabel(spec), content);
        label->setToolTip(OptionEditor::toolTipFor(spec));
        label->setBuddy(editor->inputWidget());
        forms.value(g)->addRow(label, editor);
        m_editors.insert(spec.key, editor);
        connect(editor, &OptionEditor::edited, this, &ServerPanel::onEdited);
    }

    // The network path, right below the address it replaces when the wire is chosen.
    if (QFormLayout *address = forms.value(int(OptionGroup::Address))) {
        auto *pathRow = new QWidget(content);
        auto *pathLayout = new QHBoxLayout(pathRow);
        pathLayout->setContentsMargins(0, 0, 0, 0);
        m_path = new QComboBox(pathRow);
        m_path->setObjectName(QStringLiteral("networkPath"));
        m_path->addItem(tr("Loopback"));
        m_path->addItem(tr("The wire"));
        const QString serverSide = QHostAddress(wire::WireAddressing::kServerIPv4).toString();
        m_path->setToolTip(tr("<p><b>Loopback</b>: the server listens on the address above, the client connects on this host.</p>"
                              "<p><b>The wire</b>: an emulated network path with delay, loss, a rate limit and cuts. The server "
                              "listens on the wire's server side (%1, the port above), the built-in client connects from its "
                              "client side; every packet is captured (Wire and Packets tabs).</p>")
                               .arg(serverSide));
        m_wireSpec = new QLineEdit(pathRow);
        m_wireSpec->setObjectName(QStringLiteral("wireSpec"));
        m_wireSpec->setPlaceholderText(QStringLiteral("delay=20ms,loss=1%"));
        m_wireSpec->setToolTip(tr("<p>What the wire does to the packets, e.g. <tt>delay=50ms,jitter=5ms,loss=1%,rate=10mbit</tt>; "
                                  "<tt>c2s.</tt> or <tt>s2c.</tt> limits an item to one direction; <tt>drop=c2s:syn-ack</tt> "
                                  "drops one packet. Empty: a clean wire. Changes apply at once while the server runs.</p>"));
        pathLayout->addWidget(m_path);
        pathLayout->addWidget(m_wireSpec, 1);
        auto *pathLabel = new QLabel(tr("Network path"), content);
        pathLabel->setBuddy(m_path);
        pathLabel->setToolTip(m_path->toolTip());
        int row = -1;
        QFormLayout::ItemRole role;
        if (OptionEditor *host = m_editors.value(QStringLiteral("host")))
            address->getWidgetPosition(host, &row, &role);
        address->insertRow(row < 0 ? address->rowCount() : row + 1, pathLabel, pathRow);
        connect(m_path, &QComboBox::currentIndexChanged, this, [this] {
            updatePathControls();
            if (!m_loading)
                emit networkPathEdited();
        });
        connect(m_wireSpec, &QLineEdit::textChanged, this, [this] { updatePathControls(); });
        connect(m_wireSpec, &QLineEdit::editingFinished, this, [this] {
            if (!m_loading && m_wireSpec->isModified()) {
                m_wireSpec->setModified(false);
                emit networkPathEdited();
            }
        });
    }

    for (int g : std::as_const(order)) {
        if (QGroupBox *box = boxes.value(g))
            column->addWidget(box);
    }

    auto *rawBox = new QGroupBox(tr("Raw socket options"), content);
    auto *rawForm = new QFormLayout(rawBox);
    m_raw = new QLineEdit(rawBox);
    m_raw->setObjectName(QStringLiteral("rawOptions"));
    m_raw->setPlaceholderText(QStringLiteral("IPPROTO_TCP:12:1, SOL_SOCKET:7:65536"));
    m_raw->setToolTip(tr("<p>Any other integer socket option, set on the listener before listen(): "
                         "LEVEL:OPTNAME:VALUE, separated by commas. LEVEL is a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP.</p>"
                         "<p>The effective options table shows what the kernel kept.</p>"));
    rawForm->addRow(tr("LEVEL:OPTNAME:VALUE"), m_raw);
    connect(m_raw, &QLineEdit::textChanged, this, [this] {
        const QString error = rawError();
        m_raw->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("border: 2px solid #c01c28; border-radius: 3px;"));
        onEdited(QStringLiteral("raw"));
    });
    column->addWidget(rawBox);
    column->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);
    setRunning(false);
    updatePathControls();
}

ServerPanel::NetworkPath ServerPanel::networkPath() const
{
    return m_path && m_path->currentIndex() == 1 ? NetworkPath::Wire : NetworkPath::Loopback;
}

QString ServerPanel::wireSpecText() const
{
    return m_wireSpec ? m_wireSpec->text().trimmed() : QString();
}

void ServerPanel::setNetworkPath(NetworkPath path, const QString &spec)
{
    m_loading = true;
    m_path->setCurrentIndex(path == NetworkPath::Wire ? 1 : 0);
    m_wireSpec->setText(spec);
    m_wireSpec->setModified(false);
    m_loading = false;
    updatePathControls();
}

QString ServerPanel::wireSpecError() const
{
    const Result<wire::WireSpec> spec = wire::WireSpec::parse(wireSpecText());
    return spec ? QString() : spec.error().text();
}

void ServerPanel::updatePathControls()
{
    if (!m_path)
        return;
    const bool onWire = networkPath() == NetworkPath::Wire;
    m_wireSpec->setEnabled(onWire);
    const QString error = onWire ? wireSpecError() : QString();
    m_wireSpec->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("border: 2px solid #c01c28; border-radius: 3px;"));
    m_wireSpec->setProperty("invalid", !error.isEmpty());
    // Across the wire the server side has one address: the host field does not apply.
    if (OptionEditor *host = m_editors.value(QStringLiteral("host")))
        host->setEnabled(!onWire);
}

QString ServerPanel::rawError() const
{
    for (const QString &part : m_raw->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty())
            continue;
        RawOption r;
        QString error;
        if (!RawOption::parse(part.trimmed(), &r, &error))
            return error;
    }
    return {};
}

ServerConfig ServerPanel::config() const
{
    ServerConfig config;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        config.setValue(it.key(), it.value()->value());
    QList<RawOption> raw;
    for (const QString &part : m_raw->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        RawOption r;
        QString error;
        if (RawOption::parse(part.trimmed(), &r, &error))
            raw << r;
    }
    config.setRawOptions(raw);
    return config;
}

void ServerPanel::setConfig(const ServerConfig &config)
{
    m_loading = true;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        it.value()->setValue(config.value(it.key()));
    QStringList raw;
    for (const RawOption &r : config.rawOptions())
        raw << r.toString();
    m_raw->setText(raw.join(QStringLiteral(", ")));
    m_loading = false;
    updateRestartNotice();
}

QStringList ServerPanel::validateControls()
{
    QStringList problems;
    for (const OptionSpec &spec : optionTable()) {
        OptionEditor *e = m_editors.value(spec.key);
        if (spec.key == QLatin1String("host") && networkPath() == NetworkPath::Wire)
            continue; // the wire's server side has its own address
        const QString error = e->validationError();
        e->showValidation(error);
        if (!error.isEmpty())
            problems << error;
    }
    const QString raw = rawError();
    if (!raw.isEmpty())
        problems << raw;
    if (networkPath() == NetworkPath::Wire) {
        if (const QString wire = wireSpecError(); !wire.isEmpty())
            problems << wire;
    }
    return problems;
}

void ServerPanel::onEdited(const QString &key)
{
    if (m_loading)
        return;
    updateRestartNotice();
    emit optionEdited(key);
}

void ServerPanel::setRunning(bool running, const ServerConfig &runningConfig)
{
    m_running = running;
    m_runningConfig = runningConfig;
    for (OptionEditor *editor : std::as_const(m_editors))
        editor->setServerRunning(running);
    updateRestartNotice();
}

void ServerPanel::updateRestartNotice()
{
    // Live options reach the running server at once; the notice is for the others.
    QStringList waiting;
    if (m_running) {
        const ServerConfig now = config();
        for (const OptionSpec &spec : optionTable()) {
            const QVariant a = now.value(spec.key), b = m_runningConfig.value(spec.key);
            if (!spec.live && (a.isValid() != b.isValid() || formatOptionValue(spec, a) != formatOptionValue(spec, b)))
                waiting << tr("%1 (%2)").arg(spec.name, spec.translatedRestartReason());
        }
        if (now.rawOptions() != m_runningConfig.rawOptions())
            waiting << tr("raw options (set before listen())");
    }
    m_restartNotice->setText(tr("Changed while running, applies on restart (Server > Restart, Ctrl+Shift+R): %1")
                                 .arg(waiting.join(QStringLiteral("; "))));
    m_restartNotice->setVisible(!waiting.isEmpty());
}

void ServerPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("background:#f8d7da; color:#842029; padding:4px; border-radius:3px;")
                                   : QStringLiteral("background:#fff3cd; color:#664d03; padding:4px; border-radius:3px;"));
    m_message->setVisible(!text.isEmpty());
}

QString ServerPanel::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

} // namespace tcplab
