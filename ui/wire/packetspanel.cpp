#include "packetspanel.h"

#include "ladderview.h"
#include "packetmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tcplab {

PacketsPanel::PacketsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("packetsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *bar = new QHBoxLayout;
    m_connection = new QComboBox(this);
    m_connection->setObjectName(QStringLiteral("packetsConnection"));
    m_connection->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_flags = new QComboBox(this);
    m_flags->setObjectName(QStringLiteral("packetsFlags"));
    for (int f = 0; f < PacketModel::FlagFilterCount; ++f)
        m_flags->addItem(PacketModel::flagFilterName(PacketModel::FlagFilter(f)), f);
    m_follow = new QCheckBox(tr("Follow live"), this);
    m_follow->setObjectName(QStringLiteral("packetsFollow"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("On: new packets are added as they cross and the views scroll with them. Off: the views are "
                            "frozen as they are (packets that cross meanwhile are taken when you turn it on again, "
                            "unless the capture ring overwrote them)."));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("packetsCount"));
    bar->addWidget(new QLabel(tr("Connection"), this));
    bar->addWidget(m_connection);
    bar->addWidget(new QLabel(tr("Packets"), this));
    bar->addWidget(m_flags);
    bar->addWidget(m_follow);
    bar->addWidget(m_count, 1);
    layout->addLayout(bar);

    m_model = new PacketModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("packetList"));
    m_view->setModel(m_model);
    // Smooth at 200 000 rows: fixed row heights and column widths, nothing measured per row.
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int ch = QFontMetrics(m_view->font()).horizontalAdvance(QLatin1Char('0'));
    const int widths[PacketModel::ColumnCount] = {11, 6, 10, 13, 11, 11, 6, 8, 34, 20};
    for (int c = 0; c < PacketModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * ch + 12);

    m_ladder = new LadderView(m_model, this);
    m_ladder->setSelectionModel(m_view->selectionModel());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("packetsSplitter"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_ladder);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    connect(m_model, &PacketModel::connectionsChanged, this, &PacketsPanel::updateConnections);
    connect(m_model, &PacketModel::packetsUpdated, this, &PacketsPanel::onPacketsUpdated);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PacketsPanel::updateCount);
    connect(m_connection, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setConnectionFilter(m_connection->currentData().toUInt());
        updateCount();
    });
    connect(m_flags, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setFlagFilter(PacketModel::FlagFilter(m_flags->currentData().toInt()));
        updateCount();
    });
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setFollowLive(on);
        m_ladder->setFollowLive(on);
        if (on)
            onPacketsUpdated();
    });
    updateConnections();
}

void PacketsPanel::updateConnections()
{
    const quint32 current = m_connection->currentData().toUInt();
    const QSignalBlocker block(m_connection);
    m_connection->clear();
    m_connection->addItem(tr("All connections"), 0u);
    // The newest connections (a flood of short ones would make the menu useless anyway).
    const QList<quint32> ids = m_model->connectionIds();
    for (qsizetype i = std::max<qsizetype>(0, ids.size() - kMaxMenuConnections); i < ids.size(); ++i)
        m_connection->addItem(m_model->connectionLabel(ids[i]), ids[i]);
    if (current != 0 && m_connection->findData(current) < 0)
        m_connection->addItem(m_model->connectionLabel(current), current);
    const int i = m_connection->findData(current);
    m_connection->setCurrentIndex(i < 0 ? 0 : i);
    if (i < 0 && m_model->connectionFilter() != 0)
        m_model->setConnectionFilter(0);
}

void PacketsPanel::onPacketsUpdated()
{
    updateCount();
    if (m_follow->isChecked())
        m_view->scrollToBottom();
}

void PacketsPanel::updateCount()
{
    QString text = tr("%1 shown of %2 captured").arg(QLocale().toString(m_model->rowCount()), QLocale().toString(qint64(m_model->totalPackets())));
    if (m_model->missedPackets() > 0)
        text += tr(" (%1 overwritten before they were shown)").arg(QLocale().toString(m_model->missedPackets()));
    m_count->setText(text);
}

QString PacketsPanel::countText() const
{
    return m_count->text();
}

} // namespace tcplab
