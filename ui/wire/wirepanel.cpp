#include "wirepanel.h"

#include "wirecountersmodel.h"
#include "wire/capturering.h"
#include "wire/wire.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace tcplab {

using wire::Direction;
using wire::WireSpec;

QList<WirePanel::Preset> WirePanel::presets()
{
    // The names give the round trip: half of it each way.
    return {
        {tr("Clean wire"), QString()},
        {tr("LAN 1 ms"), QStringLiteral("delay=0.5ms")},
        {tr("Wi-Fi 20 ms 1% loss"), QStringLiteral("delay=10ms,jitter=2ms,loss=1%")},
        {tr("intercontinental 150 ms"), QStringLiteral("delay=75ms")},
        {tr("mobile 3G 400 kbit 100 ms"), QStringLiteral("delay=50ms,rate=400kbit,limit=200")},
        {tr("satellite 600 ms"), QStringLiteral("delay=300ms")},
    };
}

namespace {

QDoubleSpinBox *doubleSpin(QWidget *parent, double max, int decimals, const QString &suffix, const QString &objectName)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setObjectName(objectName);
    s->setRange(0, max);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false);
    s->setAccelerated(true);
    return s;
}

} // namespace

WirePanel::WirePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("wirePanel"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);

    // ---- top row: state, Cut / Restore, presets ----
    auto *top = new QHBoxLayout;
    m_cut = new QPushButton(this);
    m_cut->setObjectName(QStringLiteral("wireCut"));
    m_cut->setCheckable(true);
    m_cut->setMinimumHeight(48);
    m_cut->setMinimumWidth(180);
    QFont big = m_cut->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_cut->setFont(big);
    m_cut->setToolTip(tr("Cut: the wire drops every packet in both directions, as if the cable were pulled; open connections "
                         "retransmit until Restore (or until their timeouts give up)"));
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("wirePreset"));
    m_preset->addItem(tr("Presets..."));
    for (const Preset &p : presets()) {
        m_preset->addItem(p.name, p.spec);
        m_preset->setItemData(m_preset->count() - 1, p.spec.isEmpty() ? tr("no impairment") : p.spec, Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Sets both directions (the round trip in the name, half of it each way); the drop rules stay"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("wireState"));
    m_state->setWordWrap(true);
    top->addWidget(m_cut);
    top->addWidget(new QLabel(tr("Preset"), this));
    top->addWidget(m_preset);
    top->addWidget(m_state, 1);
    outer->addLayout(top);
    auto *family = new QLabel(tr("The wire carries IPv4 only (198.18.0.1 to 198.18.0.2 inside its namespaces); IPv6 runs on loopback, without the wire."), this);
    family->setObjectName(QStringLiteral("wireFamily"));
    family->setWordWrap(true);
    outer->addWidget(family);

    // ---- the two directions ----
    auto *directions = new QHBoxLayout;
    for (Direction d : {Direction::ClientToServer, Direction::ServerToClient}) {
        auto *box = new QGroupBox(d == Direction::ClientToServer ? tr("Client → server") : tr("Server → client"), this);
        buildDirection(d, box);
        directions->addWidget(box);
    }

    // ---- targeted drops ----
    auto *dropBox = new QGroupBox(tr("Targeted drops"), this);
    auto *dropLayout = new QVBoxLayout(dropBox);
    m_drops = new QStringListModel(this);
    m_dropView = new QListView(dropBox);
    m_dropView->setObjectName(QStringLiteral("wireDrops"));
    m_dropView->setModel(m_drops);
    m_dropView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_dropView->setUniformItemSizes(true);
    m_dropView->setMaximumHeight(110);
    auto *dropRow = new QHBoxLayout;
    m_dropEdit = new QLineEdit(dropBox);
    m_dropEdit->setObjectName(QStringLiteral("wireDropEdit"));
    m_dropEdit->setPlaceholderText(QStringLiteral("c2s:ack-of-handshake"));
    m_dropEdit->setToolTip(tr("<p>DIR:MATCH[#N][*COUNT]: drop the Nth packet of direction DIR (c2s or s2c) matching MATCH, and "
                              "COUNT-1 more after it. MATCH: syn, syn-ack, ack-of-handshake, data, pure-ack, fin, rst. "
                              "Packets are counted from the moment the rule is added.</p><p>e.g. s2c:syn-ack*2, c2s:data#5</p>"));
    m_addDrop = new QPushButton(tr("Add"), dropBox);
    m_addDrop->setObjectName(QStringLiteral("wireAddDrop"));
    m_removeDrop = new QPushButton(tr("Remove"), dropBox);
    m_removeDrop->setObjectName(QStringLiteral("wireRemoveDrop"));
    dropRow->addWidget(m_dropEdit, 1);
    dropRow->addWidget(m_addDrop);
    dropRow->addWidget(m_removeDrop);
    m_dropMessage = new QLabel(dropBox);
    m_dropMessage->setWordWrap(true);
    m_dropMessage->setStyleSheet(QStringLiteral("color:#c01c28;"));
    dropLayout->addWidget(m_dropView);
    dropLayout->addLayout(dropRow);
    dropLayout->addWidget(m_dropMessage);
    directions->addWidget(dropBox);
    outer->addLayout(directions);

    // ---- counters ----
    auto *countersBox = new QGroupBox(tr("Counters"), this);
    auto *countersLayout = new QVBoxLayout(countersBox);
    m_counters = new WireCountersModel(this);
    m_countersView = new QTableView(countersBox);
    m_countersView->setObjectName(QStringLiteral("wireCounters"));
    m_countersView->setModel(m_counters);
    m_countersView->verticalHeader()->setDefaultSectionSize(m_countersView->fontMetrics().height() + 6);
    m_countersView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_countersView->setSelectionMode(QAbstractItemView::NoSelection);
    auto *ringRow = new QHBoxLayout;
    m_ringFill = new QProgressBar(countersBox);
    m_ringFill->setObjectName(QStringLiteral("wireRingFill"));
    m_ringFill->setRange(0, 1000);
    m_ringFill->setTextVisible(false);
    m_ringText = new QLabel(countersBox);
    m_ringText->setObjectName(QStringLiteral("wireRingText"));
    ringRow->addWidget(new QLabel(tr("Capture ring"), countersBox));
    ringRow->addWidget(m_ringFill, 1);
    ringRow->addWidget(m_ringText, 2);
    countersLayout->addWidget(m_countersView, 1);
    countersLayout->addLayout(ringRow);
    outer->addWidget(countersBox, 1);

    m_settle.setSingleShot(true);
    m_settle.setInterval(kEditSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &WirePanel::emitEdit);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &WirePanel::refreshCounters);
    connect(m_cut, &QPushButton::clicked, this, &WirePanel::setCut);
    connect(m_preset, &QComboBox::activated, this, &WirePanel::applyPreset);
    connect(m_addDrop, &QPushButton::clicked, this, &WirePanel::addDrop);
    connect(m_dropEdit, &QLineEdit::returnPressed, this, &WirePanel::addDrop);
    connect(m_removeDrop, &QPushButton::clicked, this, &WirePanel::removeDrop);
    setSpec({});
    setSource(nullptr, nullptr);
}

void WirePanel::buildDirection(Direction d, QWidget *box)
{
    auto *form = new QFormLayout(box);
    const QString prefix = wire::directionName(d);
    DirectionControls &c = m_dir[int(d)];
    c.delay = doubleSpin(box, 3600000, 3, QStringLiteral(" ms"), prefix + QStringLiteral("Delay"));
    c.delay->setToolTip(tr("One-way delay added to every packet of this direction"));
    c.jitter = doubleSpin(box, 3600000, 3, QStringLiteral(" ms"), prefix + QStringLiteral("Jitter"));
    c.jitter->setToolTip(tr("Random variation of the delay (uniform, order kept)"));
    c.loss = doubleSpin(box, 100, 3, QStringLiteral(" %"), prefix + QStringLiteral("Loss"));
    c.loss->setToolTip(tr("Random, independent loss"));
    c.duplicate = doubleSpin(box, 100, 3, QStringLiteral(" %"), prefix + QStringLiteral("Duplicate"));
    c.duplicate->setToolTip(tr("A copy of the packet is delivered too"));
    c.reorder = doubleSpin(box, 100, 3, QStringLiteral(" %"), prefix + QStringLiteral("Reorder"));
    c.reorder->setToolTip(tr("A packet overtakes the one before it"));
    c.rate = doubleSpin(box, 1e9, 0, QStringLiteral(" kbit/s"), prefix + QStringLiteral("Rate"));
    c.rate->setSpecialValueText(tr("unlimited"));
    c.rate->setToolTip(tr("Bandwidth of this direction; packets beyond it wait in the limiter's queue"));
    c.limit = new QSpinBox(box);
    c.limit->setObjectName(prefix + QStringLiteral("Limit"));
    c.limit->setRange(1, 1000000);
    c.limit->setSuffix(tr(" packets"));
    c.limit->setKeyboardTracking(false);
    c.limit->setToolTip(tr("The rate limiter's drop-tail queue: a packet that finds it full is dropped"));
    form->addRow(tr("Delay"), c.delay);
    form->addRow(tr("Jitter"), c.jitter);
    form->addRow(tr("Loss"), c.loss);
    form->addRow(tr("Duplicate"), c.duplicate);
    form->addRow(tr("Reorder"), c.reorder);
    form->addRow(tr("Rate"), c.rate);
    form->addRow(tr("Queue limit"), c.limit);
    for (QDoubleSpinBox *s : {c.delay, c.jitter, c.loss, c.duplicate, c.reorder, c.rate})
        connect(s, &QDoubleSpinBox::valueChanged, this, &WirePanel::onControlEdited);
    connect(c.limit, &QSpinBox::valueChanged, this, &WirePanel::onControlEdited);
}

WireSpec WirePanel::spec() const
{
    WireSpec s = m_base;
    // A cut of one direction only (c2s.cut in the spec) stays so until the button is used.
    const bool cutChanged = m_cut->isChecked() != (m_base.c2s.cut || m_base.s2c.cut);
    for (Direction d : {Direction::ClientToServer, Direction::ServerToClient}) {
        const DirectionControls &c = m_dir[int(d)];
        wire::DirectionImpairment &imp = s.direction(d);
        imp.delayMs = c.delay->value();
        imp.jitterMs = c.jitter->value();
        imp.lossPercent = c.loss->value();
        imp.duplicatePercent = c.duplicate->value();
        imp.reorderPercent = c.reorder->value();
        imp.rateBitsPerSecond = quint64(std::llround(c.rate->value())) * 1000;
        imp.limitPackets = c.limit->value();
        if (cutChanged)
            imp.cut = m_cut->isChecked();
    }
    s.drops.clear();
    for (const QString &text : m_drops->stringList()) {
        if (const Result<WireSpec> one = WireSpec::parse(QStringLiteral("drop=") + text); one && !one.value().drops.isEmpty())
            s.drops << one.value().drops.first();
    }
    return s;
}

void WirePanel::setSpec(const WireSpec &spec)
{
    m_loading = true;
    m_settle.stop();
    m_base = spec;
    for (Direction d : {Direction::ClientToServer, Direction::ServerToClient}) {
        const DirectionControls &c = m_dir[int(d)];
        const wire::DirectionImpairment &imp = spec.direction(d);
        c.delay->setValue(imp.delayMs);
        c.jitter->setValue(imp.jitterMs);
        c.loss->setValue(imp.lossPercent);
        c.duplicate->setValue(imp.duplicatePercent);
        c.reorder->setValue(imp.reorderPercent);
        // Rates below 1 kbit/s (or not whole kbit) keep their exact value in m_base.
        c.rate->setValue(double(imp.rateBitsPerSecond / 1000));
        c.limit->setValue(imp.limitPackets);
    }
    m_cut->setChecked(spec.c2s.cut || spec.s2c.cut);
    QStringList drops;
    for (const wire::TargetedDrop &drop : spec.drops)
        drops << drop.toString();
    m_drops->setStringList(drops);
    m_loading = false;
    updateCutButton();
}

void WirePanel::onControlEdited()
{
    if (!m_loading)
        m_settle.start();
}

void WirePanel::flushEdits()
{
    if (m_settle.isActive()) {
        m_settle.stop();
        emitEdit();
    }
}

void WirePanel::emitEdit()
{
    WireSpec s = spec();
    // What the spin boxes round (a rate below a whole kbit/s) stays as it was unless edited.
    for (Direction d : {Direction::ClientToServer, Direction::ServerToClient}) {
        if (s.direction(d).rateBitsPerSecond == m_base.direction(d).rateBitsPerSecond / 1000 * 1000)
            s.direction(d).rateBitsPerSecond = m_base.direction(d).rateBitsPerSecond;
    }
    m_base = s;
    updateCutButton();
    emit specEdited(s);
}

void WirePanel::setCut(bool cut)
{
    m_settle.stop();
    m_cut->setChecked(cut);
    emitEdit();
}

void WirePanel::applyPreset(int index)
{
    const QString text = m_preset->itemData(index).toString();
    m_preset->setCurrentIndex(0);
    if (index <= 0)
        return;
    Result<WireSpec> preset = WireSpec::parse(text);
    if (!preset)
        return; // the presets are ours and parse (tst_ui_wire)
    WireSpec s = preset.take();
    s.drops = spec().drops;
    setSpec(s);
    emitEdit();
}

void WirePanel::addDrop()
{
    const QString text = m_dropEdit->text().trimmed();
    if (text.isEmpty())
        return;
    const Result<WireSpec> one = WireSpec::parse(QStringLiteral("drop=") + text);
    if (!one) {
        m_dropMessage->setText(one.error().text());
        return;
    }
    m_dropMessage->clear();
    m_dropEdit->clear();
    QStringList drops = m_drops->stringList();
    drops << one.value().drops.first().toString();
    m_drops->setStringList(drops);
    m_settle.stop();
    emitEdit();
}

void WirePanel::removeDrop()
{
    const QModelIndex current = m_dropView->currentIndex();
    if (!current.isValid())
        return;
    m_drops->removeRow(current.row());
    m_settle.stop();
    emitEdit();
}

void WirePanel::updateCutButton()
{
    const bool cut = m_cut->isChecked();
    m_cut->setText(cut ? tr("Restore") : tr("Cut"));
    m_cut->setStyleSheet(cut ? QStringLiteral("QPushButton { background:#b02a37; color:white; }") : QString());
}

void WirePanel::setSource(wire::Wire *wire, std::shared_ptr<const wire::CaptureRing> ring)
{
    m_wire = wire;
    m_ring = std::move(ring);
    if (m_wire)
        m_refresh.start();
    else
        m_refresh.stop();
    m_state->setText(m_wire ? tr("The wire is up: changes apply at once, to the packets that follow.")
                            : tr("The wire is down: choose \"The wire\" as the server's network path and start the server. "
                                 "Changes here are kept for the next start."));
    refreshCounters();
}

void WirePanel::refreshCounters()
{
    if (m_wire)
        m_counters->setCounters(m_wire->counters());
    const quint64 written = m_ring ? m_ring->written() : 0;
    const qsizetype capacity = m_ring ? m_ring->capacity() : wire::CaptureRing::kDefaultCapacity;
    const quint64 held = std::min<quint64>(written, quint64(capacity));
    m_ringFill->setValue(int(held * 1000 / quint64(capacity)));
    QString text = tr("%1 of %2 packets (%3 MB of %4 MB)")
                       .arg(QLocale().toString(held), QLocale().toString(qint64(capacity)))
                       .arg(double(held * wire::CaptureRing::kSlotBytes) / 1e6, 0, 'f', 1)
                       .arg(double(wire::CaptureRing::memoryBytes(capacity)) / 1e6, 0, 'f', 1);
    if (m_ring && m_ring->overwritten() > 0)
        text += tr(", %1 older ones overwritten").arg(QLocale().toString(m_ring->overwritten()));
    m_ringText->setText(text);
}

QString WirePanel::ringText() const
{
    return m_ringText->text();
}

QString WirePanel::dropMessage() const
{
    return m_dropMessage->text();
}

} // namespace tcplab
