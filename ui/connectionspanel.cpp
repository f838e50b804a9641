#include "connectionspanel.h"

#include "connectionmodel.h"
#include "server.h"
#include "tcpinfo.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace tcplab {

QRect CloseButtonsDelegate::buttonRect(const QRect &cell, bool reset)
{
    const int w = (cell.width() - 6) / 2;
    const QRect r(cell.left() + 2, cell.top() + 2, w, cell.height() - 4);
    return reset ? r.translated(w + 2, 0) : r;
}

void CloseButtonsDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(ConnectionModel::OpenRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    for (bool reset : {false, true}) {
        QStyleOptionButton button;
        button.rect = buttonRect(option.rect, reset);
        button.text = reset ? tr("Reset") : tr("Close");
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        QApplication::style()->drawControl(QStyle::CE_PushButton, &button, painter);
    }
}

QSize CloseButtonsDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const int text = option.fontMetrics.horizontalAdvance(tr("Close")) + option.fontMetrics.horizontalAdvance(tr("Reset"));
    return QSize(std::max(s.width(), text + 40), std::max(s.height(), option.fontMetrics.height() + 10));
}

bool CloseButtonsDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                       const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease && index.data(ConnectionModel::OpenRole).toBool()) {
        const QPoint pos = static_cast<QMouseEvent *>(event)->position().toPoint();
        for (bool reset : {false, true}) {
            if (buttonRect(option.rect, reset).contains(pos)) {
                emit closeClicked(index.data(ConnectionModel::IdRole).toULongLong(), reset);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

ConnectionsPanel::ConnectionsPanel(Server *server, QWidget *parent)
    : QWidget(parent), m_server(server), m_model(new ConnectionModel(this))
{
    setObjectName(QStringLiteral("connectionsPanel"));
    m_model->setOptionsProvider([this](quint64 id) {
        QString options;
        m_server->connections()->withDescriptor(id, [&options](int fd) { options = describeAcceptedOptions(fd); });
        return options;
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_summary = new QLabel(this);
    bar->addWidget(m_summary, 1);
    m_closeSelected = new QPushButton(tr("Close selected"), this);
    m_closeSelected->setToolTip(tr("Graceful close: shutdown() and close(), the peer reads end-of-file (FIN)"));
    m_resetSelected = new QPushButton(tr("Reset selected"), this);
    m_resetSelected->setToolTip(tr("Abortive close: SO_LINGER 0 then close(), the peer gets ECONNRESET (RST)"));
    m_closeAll = new QPushButton(tr("Close all"), this);
    m_closeAll->setObjectName(QStringLiteral("closeAllButton"));
    m_resetAll = new QPushButton(tr("Reset all"), this);
    for (QPushButton *b : {m_closeSelected, m_resetSelected, m_closeAll, m_resetAll})
        bar->addWidget(b);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("connectionsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(ConnectionModel::Options, QHeaderView::Stretch);
    m_view->setColumnWidth(ConnectionModel::Peer, peerColumnMinimum());
    m_view->setColumnWidth(ConnectionModel::Actions, 130);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *delegate = new CloseButtonsDelegate(m_view);
    m_view->setItemDelegateForColumn(ConnectionModel::Actions, delegate);
    layout->addWidget(m_view, 1);

    connect(delegate, &CloseButtonsDelegate::closeClicked, this, &ConnectionsPanel::closeConnection);
    connect(m_closeSelected, &QPushButton::clicked, this, [this] { closeSelected(false); });
    connect(m_resetSelected, &QPushButton::clicked, this, [this] { closeSelected(true); });
    connect(m_closeAll, &QPushButton::clicked, this, [this] { closeAll(false); });
    connect(m_resetAll, &QPushButton::clicked, this, [this] { closeAll(true); });
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid() || !m_model->isOpen(index.row()))
            return;
        const quint64 id = m_model->idAt(index.row());
        QMenu menu(this);
        menu.addAction(tr("Close #%1 (FIN)").arg(id), this, [this, id] { closeConnection(id, false); });
        menu.addAction(tr("Reset #%1 (RST)").arg(id), this, [this, id] { closeConnection(id, true); });
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });

    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionsPanel::refresh);
    m_soon.setSingleShot(true);
    m_soon.setInterval(100);
    connect(&m_soon, &QTimer::timeout, this, &ConnectionsPanel::refresh);
    // Rows scrolled into view get their TCP_INFO soon, not at the next tick.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &ConnectionsPanel::refreshSoon);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ConnectionsPanel::fitColumns);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_fitting && column != ConnectionModel::Options)
            m_userSized.insert(column);
    });
    updateSummary();
}

int ConnectionsPanel::peerColumnMinimum() const
{
    // The cell's text plus the item's margins on both sides (the style's focus frame margin + 1,
    // as QStyledItemDelegate lays out its text).
    const int margin = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1);
    return m_view->fontMetrics().horizontalAdvance(QStringLiteral("[::ffff:255.255.255.255]:65535")) + 2 * margin + 4;
}

void ConnectionsPanel::fitColumns()
{
    // Measuring every row is linear in the table: only while the table is small.
    if (m_model->rowCount() > 64)
        return;
    m_fitting = true;
    for (int c = 0; c < ConnectionModel::ColumnCount; ++c) {
        if (c == ConnectionModel::Options || m_userSized.contains(c))
            continue;
        int need = std::max(static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(c), m_view->horizontalHeader()->sectionSizeHint(c));
        if (c == ConnectionModel::Peer)
            need = std::max(need, peerColumnMinimum());
        if (c == ConnectionModel::Actions)
            need = std::max(need, 130);
        if (m_view->columnWidth(c) < need)
            m_view->setColumnWidth(c, need);
    }
    m_fitting = false;
}

void ConnectionsPanel::saveSettings(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("connections"));
    settings.setValue(QStringLiteral("header"), m_view->horizontalHeader()->saveState());
    QVariantList sized;
    for (int c : m_userSized)
        sized << c;
    settings.setValue(QStringLiteral("userSized"), sized);
    settings.endGroup();
}

void ConnectionsPanel::loadSettings(QSettings &settings)
{
    settings.beginGroup(QStringLiteral("connections"));
    m_fitting = true;
    const bool restored = m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    m_fitting = false;
    m_userSized.clear();
    if (restored) {
        for (const QVariant &c : settings.value(QStringLiteral("userSized")).toList()) {
            if (c.toInt() >= 0 && c.toInt() < ConnectionModel::ColumnCount)
                m_userSized.insert(c.toInt());
        }
    }
    settings.endGroup();
    // Widths saved by an older build (or a smaller font) that the user did not choose grow back.
    m_fitting = true;
    for (int c = 0; c < ConnectionModel::ColumnCount; ++c) {
        if (c == ConnectionModel::Peer && !m_userSized.contains(c) && m_view->columnWidth(c) < peerColumnMinimum())
            m_view->setColumnWidth(c, peerColumnMinimum());
    }
    m_fitting = false;
}

void ConnectionsPanel::serverStarted()
{
    m_model->clear();
    m_timer.start();
    refresh();
}

void ConnectionsPanel::serverStopped()
{
    m_timer.stop();
    m_soon.stop();
    m_model->markAllClosed(QDateTime::currentMSecsSinceEpoch());
    updateSummary();
}

void ConnectionsPanel::refresh()
{
    if (!m_server->isRunning())
        return;
    // Counters for every row are cheap; TCP_INFO is one getsockopt per connection, so only the
    // rows on screen get it (at most kMaxTcpInfoRows per refresh).
    m_model->update(m_server->connectionSnapshot(false), QDateTime::currentMSecsSinceEpoch());
    m_model->setTcpInfo(m_server->connections()->tcpInfo(visibleOpenIds()));
    updateSummary();
}

QList<quint64> ConnectionsPanel::visibleOpenIds() const
{
    QList<quint64> ids;
    const int rows = m_model->rowCount();
    if (rows == 0)
        return ids;
    int first = m_view->rowAt(0);
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (first < 0)
        first = 0;
    if (last < 0)
        last = rows - 1;
    last = std::min(last, first + kMaxTcpInfoRows - 1);
    for (int row = first; row <= last; ++row) {
        if (m_model->isOpen(row))
            ids << m_model->idAt(row);
    }
    return ids;
}

void ConnectionsPanel::refreshSoon()
{
    if (m_server->isRunning() && !m_soon.isActive())
        m_soon.start();
}

bool ConnectionsPanel::closeConnection(quint64 id, bool reset)
{
    const bool ok = m_server->isRunning() && m_server->closeConnection(id, reset);
    refreshSoon();
    return ok;
}

void ConnectionsPanel::closeAll(bool reset)
{
    if (m_server->isRunning())
        m_server->closeAllConnections(reset);
    refreshSoon();
}

void ConnectionsPanel::closeSelected(bool reset)
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        closeConnection(m_model->idAt(index.row()), reset);
}

void ConnectionsPanel::updateSummary()
{
    QString text = tr("%1 open, %2 shown (closed ones stay greyed for 30 s)").arg(m_model->openCount()).arg(m_model->rowCount());
    if (m_server->isRunning()) {
        // For a listening socket TCP_INFO reports the accept queue: what `ss -lnt` shows as
        // Recv-Q (waiting for accept()) and Send-Q (the effective backlog).
        const TcpInfoSnapshot listener = readTcpInfo(m_server->listenDescriptor());
        if (listener.valid)
            text += QStringLiteral(" · ") + tr("accept queue: %1 waiting, limit %2").arg(listener.unacked).arg(listener.sacked);
    }
    m_summary->setText(text);
}

QString ConnectionsPanel::summaryText() const
{
    return m_summary->text();
}

} // namespace tcplab
