// The Experiments panel: pick a guided experiment, read its two-line explanation, run or cancel
// it (on a worker thread, with progress), and see the result as a chart, tables and findings.
#pragma once

#include "experiments/experimentresult.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace tcplab {

class ChartWidget;
class ExperimentRunner;
class PacketsPanel;

class ExperimentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentsPanel(QWidget *parent = nullptr);
    ~ExperimentsPanel() override;

    QStringList experimentNames() const;
    QString selectedExperiment() const;
    void selectExperiment(const QString &name);
    bool isRunning() const;
    // The last result of an experiment run in this panel (invalid name: none yet).
    ExperimentResult result(const QString &name) const { return m_results.value(name); }
    bool hasResult(const QString &name) const { return m_results.contains(name); }
    ChartWidget *chartWidget() const { return m_chart; }
    QTabWidget *resultTabs() const { return m_tabs; }
    // The shown result's capture in the packet views (null: the run captured nothing, and the
    // "Packets" tab says why).
    PacketsPanel *capturePanel() const { return m_capture; }
    // Shows a result as if it had just finished here (the result of a run made elsewhere).
    void addResult(const ExperimentResult &result) { onFinished(result); }

    bool exportPng(const QString &path) const;
    bool exportCsv(const QString &path) const; // the shown result: tables, then the chart's numbers

public slots:
    void runSelected();
    void cancel();

signals:
    void experimentStarted(const QString &name);
    void experimentFinished(const tcplab::ExperimentResult &result);

private:
    void onSelectionChanged();
    void onProgress(int percent, const QString &step);
    void onFinished(const ExperimentResult &result);
    void showResult(const ExperimentResult *result);
    void addCaptureTab(const ExperimentResult &result);
    void updateButtons();
    void chooseAndExportPng();
    void chooseAndExportCsv();

    ExperimentRunner *m_runner;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_explanation;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTextBrowser *m_findings;
    QTabWidget *m_tabs;
    ChartWidget *m_chart;
    QCheckBox *m_logScale;
    QPushButton *m_exportPng;
    QPushButton *m_exportCsv;
    QHash<QString, ExperimentResult> m_results;
    QString m_shown; // name of the result on display
    PacketsPanel *m_capture = nullptr;
};

} // namespace tcplab
