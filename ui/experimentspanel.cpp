#include "experimentspanel.h"

#include "chartwidget.h"
#include "experiments/experiment.h"
#include "experiments/capturerecording.h"
#include "experiments/experimentrunner.h"
#include "experiments/loopbackcapture.h"
#include "wire/packetspanel.h"

#include <QFile>
#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tcplab {

namespace {

QString cellText(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("-");
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QObject::tr("yes") : QObject::tr("no");
    if (v.typeId() == QMetaType::Double) {
        const double d = v.toDouble();
        return QString::number(d, 'f', std::abs(d) >= 100 ? 1 : (std::abs(d) >= 1 ? 2 : 3));
    }
    return v.toString();
}

QTableWidget *makeTable(const ResultTable &table, QWidget *parent)
{
    auto *view = new QTableWidget(int(table.rows.size()), int(table.columns.size()), parent);
    view->setHorizontalHeaderLabels(table.columns);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->setVisible(false);
    view->setAccessibleName(table.title);
    for (int r = 0; r < table.rows.size(); ++r) {
        for (int c = 0; c < table.rows[r].size() && c < table.columns.size(); ++c) {
            const QVariant &v = table.rows[r][c];
            auto *item = new QTableWidgetItem(cellText(v));
            if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            view->setItem(r, c, item);
        }
    }
    view->resizeColumnsToContents();
    return view;
}

} // namespace

ExperimentsPanel::ExperimentsPanel(QWidget *parent)
    : QWidget(parent),
      m_runner(new ExperimentRunner(this)),
      m_list(new QListWidget(this)),
      m_title(new QLabel(this)),
      m_explanation(new QLabel(this)),
      m_run(new QPushButton(tr("&Run"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)),
      m_findings(new QTextBrowser(this)),
      m_tabs(new QTabWidget(this)),
      m_chart(new ChartWidget(this)),
      m_logScale(new QCheckBox(tr("Log scale"), this)),
      m_exportPng(new QPushButton(tr("Export chart as PNG…"), this)),
      m_exportCsv(new QPushButton(tr("Export as CSV…"), this))
{
    m_list->setObjectName(QStringLiteral("experimentList"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_findings->setObjectName(QStringLiteral("findingsView"));
    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    m_exportPng->setObjectName(QStringLiteral("exportPngButton"));
    m_exportCsv->setObjectName(QStringLiteral("exportCsvButton"));

    for (const ExperimentInfo &info : ExperimentRegistry::all()) {
        auto *item = new QListWidgetItem(info.title, m_list);
        item->setData(Qt::UserRole, info.name);
        item->setToolTip(info.explanation);
    }
    m_list->setAccessibleName(tr("Experiments"));
    m_list->setMaximumWidth(240);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // What the kernel did, in sentences: a few lines tall, scrolling when a result has more.
    m_findings->setReadOnly(true);
    m_findings->setOpenLinks(false);
    m_findings->setMaximumHeight(m_findings->fontMetrics().lineSpacing() * 7 + 8);
    m_findings->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_findings->setPlaceholderText(tr("The findings appear here after a run."));
    m_findings->setAccessibleName(tr("Findings"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_run->setToolTip(tr("Run the experiment on loopback (or in a private network namespace); it takes a few seconds"));
    m_cancel->setToolTip(tr("Stop the experiment; it ends within a fraction of a second"));
    m_chart->setPlaceholderText(tr("Run the experiment to see its chart"));
    m_tabs->addTab(m_chart, tr("Chart"));
    m_logScale->setObjectName(QStringLiteral("logScaleBox"));
    m_logScale->setToolTip(tr("Bars on a logarithmic scale: chosen by itself when the values span decades "
                              "(a 0.03 ms bar beside a 40 ms one); also in the chart's context menu"));
    connect(m_logScale, &QCheckBox::toggled, m_chart, [this](bool on) {
        m_chart->setScaleMode(on ? ChartWidget::ScaleMode::Logarithmic : ChartWidget::ScaleMode::Linear);
    });
    connect(m_chart, &ChartWidget::scaleChanged, m_logScale, [this](bool log) {
        const QSignalBlocker block(m_logScale);
        m_logScale->setChecked(log);
        m_logScale->setEnabled(ChartWidget::canUseLogScale(m_chart->chart()));
    });

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    auto *exports = new QHBoxLayout;
    exports->addWidget(m_status, 1);
    exports->addWidget(m_logScale);
    exports->addWidget(m_exportPng);
    exports->addWidget(m_exportCsv);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_explanation);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(m_findings);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addLayout(exports);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_list, &QListWidget::currentRowChanged, this, &ExperimentsPanel::onSelectionChanged);
    connect(m_list, &QListWidget::itemActivated, this, [this] { runSelected(); });
    connect(m_run, &QPushButton::clicked, this, &ExperimentsPanel::runSelected);
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentsPanel::cancel);
    connect(m_exportPng, &QPushButton::clicked, this, &ExperimentsPanel::chooseAndExportPng);
    connect(m_exportCsv, &QPushButton::clicked, this, &ExperimentsPanel::chooseAndExportCsv);
    connect(m_runner, &ExperimentRunner::progressed, this, &ExperimentsPanel::onProgress);
    connect(m_runner, &ExperimentRunner::finished, this, &ExperimentsPanel::onFinished);

    m_list->setCurrentRow(0);
    updateButtons();
}

ExperimentsPanel::~ExperimentsPanel() = default; // the runner (a child) cancels and joins

QStringList ExperimentsPanel::experimentNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i)
        names << m_list->item(i)->data(Qt::UserRole).toString();
    return names;
}

QString ExperimentsPanel::selectedExperiment() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ExperimentsPanel::selectExperiment(const QString &name)
{
    const int row = int(experimentNames().indexOf(name));
    if (row >= 0)
        m_list->setCurrentRow(row);
}

bool ExperimentsPanel::isRunning() const
{
    return m_runner->isRunning();
}

void ExperimentsPanel::runSelected()
{
    const QString name = selectedExperiment();
    if (name.isEmpty() || m_runner->isRunning())
        return;
    if (!m_runner->start(name))
        return;
    m_progress->setValue(0);
    m_status->setText(tr("Running %1…").arg(m_list->currentItem()->text()));
    updateButtons();
    emit experimentStarted(name);
}

void ExperimentsPanel::cancel()
{
    if (!m_runner->isRunning())
        return;
    m_runner->cancel();
    m_status->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
}

void ExperimentsPanel::onSelectionChanged()
{
    const QString name = selectedExperiment();
    for (const ExperimentInfo &info : ExperimentRegistry::all()) {
        if (info.name != name)
            continue;
        m_title->setText(info.title);
        m_explanation->setText(info.explanation);
    }
    // The result shown always belongs to the selected experiment; a run in progress keeps its
    // progress bar and status line until it finishes.
    const auto it = m_results.constFind(name);
    showResult(it == m_results.constEnd() ? nullptr : &it.value());
    if (!m_runner->isRunning()) {
        m_status->clear();
        m_progress->setValue(it == m_results.constEnd() ? 0 : 100);
    }
    updateButtons();
}

void ExperimentsPanel::onProgress(int percent, const QString &step)
{
    m_progress->setValue(percent);
    m_status->setText(step);
}

void ExperimentsPanel::onFinished(const ExperimentResult &result)
{
    m_results.insert(result.name, result);
    m_progress->setValue(100);
    QString status = tr("%1: %2 in %3 ms").arg(result.title, experimentStatusName(result.status)).arg(result.durationMs);
    if (!result.reason.isEmpty())
        status += QStringLiteral(" — ") + result.reason;
    m_status->setText(status);
    if (result.name == selectedExperiment())
        showResult(&m_results[result.name]);
    updateButtons();
    emit experimentFinished(result);
}

void ExperimentsPanel::showResult(const ExperimentResult *result)
{
    while (m_tabs->count() > 1) {
        QWidget *page = m_tabs->widget(1);
        m_tabs->removeTab(1);
        page->deleteLater();
    }
    m_capture = nullptr;
    if (!result) {
        m_shown.clear();
        m_chart->clear();
        m_findings->clear();
        updateButtons();
        return;
    }
    m_shown = result->name;
    m_chart->setChart(result->chart);
    QStringList lines;
    for (const QString &f : result->findings)
        lines << QStringLiteral("• ") + f;
    for (const QString &n : result->notes)
        lines << tr("Note: %1").arg(n);
    if (result->status != ExperimentStatus::Completed && !result->reason.isEmpty())
        lines.prepend(tr("%1: %2").arg(experimentStatusName(result->status), result->reason));
    m_findings->setPlainText(lines.join(QLatin1Char('\n')));
    for (const ResultTable &t : result->tables)
        m_tabs->addTab(makeTable(t, m_tabs), t.title);
    addCaptureTab(*result);
    updateButtons();
}

void ExperimentsPanel::addCaptureTab(const ExperimentResult &result)
{
    if (result.capture.recording) {
        m_capture = new PacketsPanel(m_tabs);
        m_capture->setObjectName(QStringLiteral("resultPackets"));
        m_capture->showRecording(result.capture.recording);
        m_tabs->addTab(m_capture, tr("Packets"));
        return;
    }
    // Why there is none: the capture's own failure note, else why the run ended, else its method.
    QString reason;
    const QString capturePrefix = LoopbackCapture::unavailableNote(Error::message(QString())).section(QLatin1Char(':'), 0, 0);
    for (const QString &n : result.notes) {
        if (!capturePrefix.isEmpty() && n.startsWith(capturePrefix))
            reason = n;
    }
    if (reason.isEmpty() && result.status != ExperimentStatus::Completed)
        reason = result.reason.isEmpty() ? experimentStatusName(result.status) : result.reason;
    if (reason.isEmpty())
        reason = tr("it reads what the kernel reports (getsockopt, TCP_INFO, /proc) and sends no packets across a captured path.");
    auto *label = new QLabel(tr("No capture for this experiment: %1").arg(reason), m_tabs);
    label->setObjectName(QStringLiteral("resultNoCapture"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    m_tabs->addTab(label, tr("Packets"));
}

void ExperimentsPanel::updateButtons()
{
    const bool running = m_runner->isRunning();
    m_run->setEnabled(!running && !selectedExperiment().isEmpty());
    m_cancel->setEnabled(running);
    m_exportPng->setEnabled(!m_shown.isEmpty() && !m_chart->chart().isEmpty());
    m_logScale->setEnabled(ChartWidget::canUseLogScale(m_chart->chart()));
    const QSignalBlocker block(m_logScale); // showing the automatic choice is not the user's
    m_logScale->setChecked(m_chart->isLogScale());
    m_exportCsv->setEnabled(!m_shown.isEmpty());
}

bool ExperimentsPanel::exportPng(const QString &path) const
{
    return m_chart->exportPng(path, QSize(1000, 600));
}

bool ExperimentsPanel::exportCsv(const QString &path) const
{
    const auto it = m_results.constFind(m_shown);
    if (it == m_results.constEnd())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    return f.write(it->toCsv().toUtf8()) >= 0;
}

void ExperimentsPanel::chooseAndExportPng()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), m_shown + QStringLiteral(".png"), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportPng(path))
        m_status->setText(tr("Could not write %1").arg(path));
}

void ExperimentsPanel::chooseAndExportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export result"), m_shown + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty() && !exportCsv(path))
        m_status->setText(tr("Could not write %1").arg(path));
}

} // namespace tcplab
