#include "packetspanel.h"

#include "experiments/capturerecording.h"
#include "ladderview.h"
#include "packetmodel.h"
#include "tcpinfomodel.h"
#include "tcpinfoview.h"
#include "timesequenceview.h"
#include "wire/capturering.h"
#include "wire/pcapwriter.h"
#include "wire/tcpinfosamplerthread.h"
#include "wire/wire.h"

#include <QTabWidget>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTextStream>
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
#include <linux/netlink.h>
#include <sys/socket.h>

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
    m_export = new QPushButton(tr("Export"), this);
    m_export->setObjectName(QStringLiteral("packetsExport"));
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("Capture as pcap (Wireshark)..."), this, [this] { askAndExport(PcapExport); });
    menu->addAction(tr("Packet list as CSV..."), this, [this] { askAndExport(PacketsCsvExport); });
    menu->addAction(tr("Ladder as PNG..."), this, [this] { askAndExport(LadderPngExport); });
    menu->addAction(tr("Time-sequence graph as PNG..."), this, [this] { askAndExport(TimeSequencePngExport); });
    menu->addAction(tr("Time-sequence graph as CSV..."), this, [this] { askAndExport(TimeSequenceCsvExport); });
    menu->addAction(tr("TCP_INFO graph as PNG..."), this, [this] { askAndExport(TcpInfoPngExport); });
    menu->addAction(tr("TCP_INFO samples as CSV..."), this, [this] { askAndExport(TcpInfoCsvExport); });
    m_export->setMenu(menu);
    bar->addWidget(m_export);
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
    m_timeSequence = new TimeSequenceView(m_model, this);
    m_tcpInfoModel = new TcpInfoModel(this);
    m_tcpInfo = new TcpInfoView(m_tcpInfoModel, this);
    m_graphs = new QTabWidget(this);
    m_graphs->setObjectName(QStringLiteral("packetsGraphs"));
    m_graphs->addTab(m_timeSequence, tr("Time-sequence"));
    m_graphs->addTab(m_tcpInfo, tr("TCP_INFO"));
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->setObjectName(QStringLiteral("packetsVerticalSplitter"));
    vertical->addWidget(m_splitter);
    vertical->addWidget(m_graphs);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);

    connect(m_model, &PacketModel::connectionsChanged, this, &PacketsPanel::updateConnections);
    connect(m_model, &PacketModel::packetsUpdated, this, &PacketsPanel::onPacketsUpdated);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PacketsPanel::updateCount);
    connect(m_connection, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setConnectionFilter(m_connection->currentData().toUInt());
        m_timeSequence->setConnection(m_connection->currentData().toUInt());
        updateTcpInfoConnection();
        updateCount();
    });
    // One time axis: the TCP_INFO view shows the ladder's span, and its zoom and pan move the ladder.
    connect(m_ladder, &LadderView::visibleRangeChanged, m_tcpInfo, &TcpInfoView::setVisibleRange);
    connect(m_tcpInfo, &TcpInfoView::visibleRangeRequested, m_ladder, &LadderView::setVisibleRange);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { updateTcpInfoConnection(); });
    connect(m_graphs, &QTabWidget::currentChanged, this, [this] {
        if (m_tcpInfo->isVisible())
            m_tcpInfoModel->refresh();
        if (m_timeSequence->isVisible())
            m_timeSequence->refresh();
    });
    m_tcpInfoModel->setSource({}, tr("start the server across the wire: TCP_INFO is sampled there"));
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
    m_timeSequenceTimer.setSingleShot(true);
    connect(&m_timeSequenceTimer, &QTimer::timeout, this, &PacketsPanel::refreshTimeSequence);
    updateConnections();
}

void PacketsPanel::refreshTimeSequence()
{
    QElapsedTimer cost;
    cost.start();
    m_timeSequence->refresh();
    m_timeSequenceCostNs = cost.nsecsElapsed();
    m_sinceTimeSequence.start();
}

PacketsPanel::~PacketsPanel() = default;

void PacketsPanel::watchWire(wire::Wire *wire)
{
    m_recording.reset();
    m_sampler.reset();
    Result<FileDescriptor> client = wire->socket(wire::Side::Client, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    Result<FileDescriptor> server = wire->socket(wire::Side::Server, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (!client || !server) {
        m_tcpInfoModel->setSource({}, tr("no sock_diag socket on the wire: %1").arg((client ? server.error() : client.error()).text()));
        return;
    }
    auto sampler = std::make_unique<wire::TcpInfoSampler>();
    sampler->watchNamespaces(client.take(), server.take());
    if (const std::shared_ptr<const wire::CaptureRing> ring = m_model->ring())
        sampler->setActivityCounter([ring] { return ring->written(); });
    m_sampler = std::make_unique<wire::TcpInfoSamplerThread>(std::move(sampler));
    const wire::TcpInfoSampler *reader = m_sampler->sampler();
    m_tcpInfoModel->setSource([reader](const wire::ConnectionKey &key) { return reader->seriesOf(key); });
    m_sampler->start();
    updateTcpInfoConnection();
}

void PacketsPanel::stopWatchingWire()
{
    if (!m_sampler)
        return;
    m_sampler->stop(); // with a last sample, before the namespaces go
    m_tcpInfoModel->refresh();
}

void PacketsPanel::showRecording(std::shared_ptr<const CaptureRecording> recording)
{
    m_sampler.reset();
    m_recording = recording;
    if (!recording) {
        m_model->setRing(nullptr);
        m_tcpInfoModel->setSource({}, tr("nothing was captured"));
        return;
    }
    // In the relay's order, so that the model takes every packet at once.
    QList<wire::CapturedPacket> packets = recording->packets;
    std::stable_sort(packets.begin(), packets.end(), [](const wire::CapturedPacket &a, const wire::CapturedPacket &b) { return a.index < b.index; });
    auto ring = std::make_shared<wire::CaptureRing>(std::max<qsizetype>(1, packets.size()));
    for (const wire::CapturedPacket &p : std::as_const(packets))
        ring->push(p);
    m_follow->setChecked(false);
    m_model->setDropRules(recording->drops);
    m_model->setRing(ring, true);
    while (m_model->poll(1000) > 0) {
    }
    const CaptureRecording *r = recording.get();
    if (r->tcpInfo.isEmpty()) {
        m_tcpInfoModel->setSource({}, r->tcpInfoMissing.isEmpty() ? tr("the run kept no TCP_INFO samples") : r->tcpInfoMissing);
    } else {
        m_tcpInfoModel->setSource([r](const wire::ConnectionKey &key) {
            for (qsizetype i = r->tcpInfo.size() - 1; i >= 0; --i) {
                if (r->tcpInfo[i].key == key)
                    return r->tcpInfo[i].samples;
            }
            return QList<wire::TcpInfoSample>{};
        });
    }
    updateConnections();
    onPacketsUpdated();
    m_ladder->setFollowLive(true); // from the start: show the whole run's end, then freeze
    m_ladder->setFollowLive(false);
    updateTcpInfoConnection();
}

void PacketsPanel::updateTcpInfoConnection()
{
    // The connection chosen, else the one of the selected packet, else the newest one.
    quint32 connection = m_connection->currentData().toUInt();
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (connection == 0 && current.isValid() && current.row() < m_model->rowCount())
        connection = m_model->packet(current.row()).connection;
    if (connection == 0 && !m_model->connectionIds().isEmpty())
        connection = m_model->connectionIds().last();
    m_tcpInfoModel->setConnection(connection, m_model->connectionKey(connection), m_model->startNs());
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
    if (m_timeSequence->isVisible() && !m_timeSequenceTimer.isActive()) {
        // Half a tick after the list and the ladder, so that its paint is a pass of its own (no
        // single event holds the GUI thread for all three), and less often the more it costs.
        const qint64 costNs = m_timeSequenceCostNs + m_timeSequence->lastPaintNs();
        const qint64 waitMs = m_sinceTimeSequence.isValid() ? costNs * kTimeSequenceCostFactor / 1000000 - m_sinceTimeSequence.elapsed() : 0;
        m_timeSequenceTimer.start(int(std::max<qint64>(PacketModel::kPollMs / 2, waitMs)));
    }
    updateTcpInfoConnection();
    if (m_tcpInfo->isVisible())
        m_tcpInfoModel->refresh();
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

void PacketsPanel::askAndExport(Export what)
{
    const QString png = tr("PNG image (*.png)");
    const QString csv = tr("CSV (*.csv)");
    const QString filters[] = {tr("pcap (*.pcap)"), csv, png, png, csv, png, csv};
    const char *const names[] = {"capture.pcap", "packets.csv", "ladder.png", "time-sequence.png", "time-sequence.csv", "tcpinfo.png", "tcpinfo.csv"};
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QLatin1String(names[what]), filters[what]);
    if (path.isEmpty())
        return;
    if (const Error e = exportView(what, path))
        QMessageBox::warning(this, tr("Export"), e.text());
}

Error PacketsPanel::exportView(Export what, const QString &path) const
{
    switch (what) {
    case PcapExport: return savePcap(path);
    case PacketsCsvExport: return exportCsv(path);
    case LadderPngExport: return exportLadderPng(path);
    case TimeSequencePngExport: return m_timeSequence->exportPng(path);
    case TimeSequenceCsvExport: return m_timeSequence->exportCsv(path);
    case TcpInfoPngExport: return m_tcpInfo->exportPng(path);
    case TcpInfoCsvExport: return m_tcpInfo->exportCsv(path);
    case ExportCount: break;
    }
    return Error::message(tr("nothing to export"));
}

Error PacketsPanel::savePcap(const QString &path) const
{
    const std::shared_ptr<const wire::CaptureRing> ring = m_model->ring();
    if (!ring)
        return Error::message(tr("no capture yet: run the server across the wire first"));
    const QList<wire::CapturedPacket> packets = ring->snapshot();
    if (Error e = wire::PcapWriter::write(path, packets, wire::CaptureView::Client))
        return e;
    return wire::PcapWriter::write(wire::PcapWriter::serverSidePath(path), packets, wire::CaptureView::Server);
}

Error PacketsPanel::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    // RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
    auto field = [](QString text) {
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
            text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            return QLatin1Char('"') + text + QLatin1Char('"');
        }
        return text;
    };
    QStringList header;
    for (int c = 0; c < PacketModel::ColumnCount; ++c)
        header << field(m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    header << QStringLiteral("index") << QStringLiteral("sent_ns") << QStringLiteral("delivered_ns");
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < PacketModel::ColumnCount; ++c)
            cells << field(m_model->index(r, c).data().toString());
        const PacketRow &p = m_model->packet(r);
        cells << QString::number(p.index) << QString::number(p.sentNs) << QString::number(p.deliveredNs);
        out << cells.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    if (file.error() != QFileDevice::NoError)
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    return {};
}

Error PacketsPanel::exportLadderPng(const QString &path) const
{
    const QPixmap picture = m_ladder->viewport()->grab();
    if (!picture.save(path, "PNG"))
        return Error::message(tr("%1: the image could not be written").arg(path));
    return {};
}

QString PacketsPanel::countText() const
{
    return m_count->text();
}

} // namespace tcplab
