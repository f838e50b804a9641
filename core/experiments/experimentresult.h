// What an experiment found, as data: tables, one chart, key numbers and plain sentences. The same
// value renders as text (CLI), JSON (scripts, --json) and CSV (export), and feeds the chart widget.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace tcplab {

struct CaptureRecording; // capturerecording.h

// Named columns and rows of values; numbers stay numbers in JSON and CSV.
struct ResultTable
{
    QString title;
    QStringList columns;
    QList<QVariantList> rows;

    void addRow(const QVariantList &row) { rows.append(row); }
    QString toText() const;   // aligned columns under the title
    QString toCsv() const;    // header line then rows, RFC 4180 quoting
    QJsonObject toJson() const;
};

enum class ChartKind {
    Bar,       // one value per category and series (grouped bars)
    Line,      // y over x, one polyline per series
    Histogram, // raw samples per series, binned over a common range
};

struct ChartSeries
{
    QString name;
    QList<double> values; // Bar: one per category; Line: y; Histogram: the samples
    QList<double> xs;     // Line: x of each value (empty: 0, 1, 2, ...)
};

// The bins of a histogram chart: edges has bins + 1 entries; counts[series][bin].
struct HistogramBins
{
    QList<double> edges;
    QList<QList<int>> counts;
    int maxCount() const;
};

struct ChartData
{
    ChartKind kind = ChartKind::Bar;
    QString title;
    QString xLabel;
    QString yLabel;
    QStringList categories; // Bar: the group labels
    QList<ChartSeries> series;
    int bins = 12;          // Histogram

    bool isEmpty() const;
    HistogramBins histogram() const;
    QString toCsv() const;  // the plotted numbers (histogram: the bins)
    QJsonObject toJson() const;
};

QString chartKindName(ChartKind kind);

enum class ExperimentStatus {
    Completed,
    Skipped,   // could not run here (e.g. no network namespaces); reason says why
    Cancelled,
    Failed,    // something broke; reason says what
};

QString experimentStatusName(ExperimentStatus status);

// What the wire saw in one direction during the run (its relay's counters).
struct CaptureDirection
{
    qint64 packets = 0;   // sent into the wire
    qint64 delivered = 0; // handed to the receiver (duplicates included)
    qint64 dropped = 0;   // all rules together
    qint64 droppedLoss = 0, droppedBurst = 0, droppedQueue = 0, droppedCut = 0, droppedTargeted = 0;
    qint64 duplicated = 0;
    qint64 reordered = 0;
    QJsonObject toJson() const;
};

// The packets of the run: which path, how many each way, what the wire dropped, the pcap files
// written (--pcap) and the text ladder the experiment asked for. JSON: "capture", the same keys in
// every run (a run that never started its wire has wire=false and zeros).
struct CaptureSummary
{
    bool wire = false;         // the run crossed the wire
    QString path = QStringLiteral("none"); // "wire", "loopback" (a private namespace's lo, captured there) or "none"
    QString spec;              // the wire's spec, canonical ("" = clean)
    qint64 captured = 0;       // packets kept in the capture ring
    qint64 overwritten = 0;    // packets the ring lost to its bound
    qint64 connections = 0;    // TCP connections seen in the capture
    qint64 tcpInfoSamples = 0; // TCP_INFO samples of the sockets the experiment registered
    CaptureDirection c2s;
    CaptureDirection s2c;
    QStringList pcapFiles;     // client side's file, then the server side's
    QString pcapError;
    QStringList ladder;        // one line per packet, when the experiment asked for one
    // The packets and TCP_INFO series themselves, for the window's packet views (null: nothing
    // was captured). Not part of the text, JSON or CSV.
    std::shared_ptr<const CaptureRecording> recording;

    QString toText() const;
    QJsonObject toJson() const;
};

struct ExperimentResult
{
    QString name;
    QString title;
    ExperimentStatus status = ExperimentStatus::Completed;
    QString reason;           // why skipped, cancelled or failed
    QStringList findings;     // what the kernel did, in sentences built from the measurements
    QStringList notes;        // caveats, parts skipped, how the numbers were taken
    QList<ResultTable> tables;
    ChartData chart;
    QVariantMap metrics;      // the key numbers under stable names, for scripts and tests
    CaptureSummary capture;   // the wire's packets (experimentwire.h fills it)
    qint64 durationMs = 0;

    bool completed() const { return status == ExperimentStatus::Completed; }
    const ResultTable *table(const QString &title) const;
    QString toText() const;
    QJsonObject toJson() const;
    QString toCsv() const;    // every table, then the chart's numbers, separated by blank lines
};

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::ExperimentResult)
