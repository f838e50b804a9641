#include "logpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>

namespace tcplab {

LogPanel::LogPanel(QWidget *parent) : QWidget(parent), m_model(new LogModel(this))
{
    setObjectName(QStringLiteral("logPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;

    m_level = new QComboBox(this);
    m_level->setObjectName(QStringLiteral("logLevel"));
    m_level->addItems({tr("debug and up"), tr("info and up"), tr("warnings and errors"), tr("errors only")});
    m_level->setToolTip(tr("Show events of this level and more severe. The server only produces debug events "
                           "(data, per-connection reports) when its log level option is debug."));
    m_connection = new QSpinBox(this);
    m_connection->setObjectName(QStringLiteral("logConnection"));
    m_connection->setRange(0, INT_MAX);
    m_connection->setPrefix(QStringLiteral("#"));
    m_connection->setSpecialValueText(tr("all connections"));
    m_connection->setToolTip(tr("Show only the events of one connection number"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("logFormat"));
    m_format->addItems({tr("data as text"), tr("data as hex"), tr("text and hex")});
    m_pause = new QCheckBox(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("logPause"));
    m_pause->setToolTip(tr("Hold new events (up to the line limit) without updating the pane"));
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Clear the log (Ctrl+L)"));
    auto *save = new QPushButton(tr("Save..."), this);
    save->setToolTip(tr("Save the shown lines as text or CSV"));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("logLimit"));
    m_limit->setRange(100, 10000000);
    m_limit->setSingleStep(1000);
    m_limit->setValue(LogModel::DefaultLimit);
    m_limit->setSuffix(tr(" lines"));
    m_limit->setToolTip(tr("Most lines kept; older ones are dropped and counted"));

    bar->addWidget(m_level);
    bar->addWidget(m_connection);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_format);
    bar->addWidget(m_pause);
    bar->addWidget(clear);
    bar->addWidget(save);
    bar->addWidget(new QLabel(tr("Keep"), this));
    bar->addWidget(m_limit);
    layout->addLayout(bar);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_model);
    m_view->setUniformItemSizes(true); // lets the view skip measuring every row
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_view, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    layout->addWidget(m_status);

    connect(m_level, &QComboBox::currentIndexChanged, this, &LogPanel::applyFilter);
    connect(m_connection, &QSpinBox::valueChanged, this, &LogPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &LogPanel::applyFilter);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this](int i) { m_model->setDataFormat(DataFormat(i)); });
    connect(m_pause, &QCheckBox::toggled, this, &LogPanel::setPaused);
    connect(clear, &QPushButton::clicked, this, &LogPanel::clear);
    connect(save, &QPushButton::clicked, this, &LogPanel::saveInteractively);
    connect(m_limit, &QSpinBox::valueChanged, this, [this](int v) { m_model->setLimit(v); });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_followTail = bar->value() >= bar->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_view->scrollToBottom();
    });

    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &LogPanel::tick);
    m_tick.start();
    updateStatus();
}

void LogPanel::tick()
{
    m_model->flushPending();
    updateStatus();
}

void LogPanel::applyFilter()
{
    LogFilter f;
    f.minimumLevel = LogLevel(m_level->currentIndex());
    f.connectionId = quint64(m_connection->value());
    f.search = m_search->text();
    m_model->setFilter(f);
    updateStatus();
}

void LogPanel::setLimit(int lines)
{
    m_limit->setValue(lines);
}

void LogPanel::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_model->setPaused(paused);
    updateStatus();
}

void LogPanel::clear()
{
    m_model->clear();
    m_upstreamDropped = 0;
    updateStatus();
}

QString LogPanel::statusText() const
{
    return m_status->text();
}

void LogPanel::updateStatus()
{
    QString text = tr("%1 of %2 lines shown (limit %3)").arg(m_model->rowCount()).arg(m_model->storedCount()).arg(m_model->limit());
    text += QStringLiteral(" · ") + tr("dropped: %1").arg(m_model->droppedLines());
    if (m_upstreamDropped)
        text += QStringLiteral(" · ") + tr("lost by the server's event queue: %1").arg(m_upstreamDropped);
    if (m_model->isPaused())
        text += QStringLiteral(" · ") + tr("paused, %1 waiting").arg(m_model->pendingCount());
    if (text != m_status->text())
        m_status->setText(text);
    m_status->setStyleSheet(m_model->droppedLines() || m_upstreamDropped ? QStringLiteral("color:#b35c00;") : QString());
}

bool LogPanel::saveTo(const QString &path, bool csv, QString *error)
{
    const QList<ServerEvent> events = m_model->visibleEvents();
    const Error e = csv ? writeLogCsv(path, events) : writeLogText(path, events, m_model->dataFormat());
    if (e && error)
        *error = e.text();
    return !e;
}

void LogPanel::saveInteractively()
{
    QString selected;
    const QString csvFilter = tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save log"), QStringLiteral("tcplab-log.txt"),
                                                      tr("Text (*.txt *.log)") + QStringLiteral(";;") + csvFilter, &selected);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, selected == csvFilter || path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive), &error))
        QMessageBox::warning(this, tr("Save log"), error);
}

void LogPanel::saveSettings(QSettings &s) const
{
    s.beginGroup(QStringLiteral("log"));
    s.setValue(QStringLiteral("limit"), m_limit->value());
    s.setValue(QStringLiteral("level"), m_level->currentIndex());
    s.setValue(QStringLiteral("format"), m_format->currentIndex());
    s.endGroup();
}

void LogPanel::loadSettings(QSettings &s)
{
    s.beginGroup(QStringLiteral("log"));
    m_limit->setValue(s.value(QStringLiteral("limit"), LogModel::DefaultLimit).toInt());
    m_level->setCurrentIndex(std::clamp(s.value(QStringLiteral("level"), 0).toInt(), 0, 3));
    m_format->setCurrentIndex(std::clamp(s.value(QStringLiteral("format"), 0).toInt(), 0, 2));
    s.endGroup();
}

} // namespace tcplab
