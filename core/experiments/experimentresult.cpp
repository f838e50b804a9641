#include "experimentresult.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace tcplab {

namespace {

QString formatNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    const double a = std::abs(v);
    const int decimals = a >= 100 ? 1 : (a >= 1 ? 2 : 3);
    QString s = QString::number(v, 'f', decimals);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    return s;
}

QString cellText(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("-");
    switch (v.typeId()) {
    case QMetaType::Bool: return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    case QMetaType::Double:
    case QMetaType::Float: return formatNumber(v.toDouble());
    default: return v.toString();
    }
}

QString csvField(const QString &text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
        QString quoted = text;
        quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return text;
}

QString csvCell(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return {};
    if (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float)
        return QString::number(v.toDouble(), 'g', 10);
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    return csvField(v.toString());
}

QString csvLine(const QStringList &fields)
{
    QStringList out;
    for (const QString &f : fields)
        out << csvField(f);
    return out.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QJsonArray toArray(const QList<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

} // namespace

QString ResultTable::toText() const
{
    QList<QStringList> cells;
    cells.append(columns);
    for (const QVariantList &row : rows) {
        QStringList line;
        for (const QVariant &v : row)
            line << cellText(v);
        cells.append(line);
    }
    QList<int> widths(columns.size(), 0);
    for (const QStringList &line : std::as_const(cells)) {
        for (int i = 0; i < line.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], int(line[i].size()));
    }
    QString out;
    if (!title.isEmpty())
        out += title + QLatin1Char('\n');
    for (int r = 0; r < cells.size(); ++r) {
        QString line = QStringLiteral("  ");
        for (int i = 0; i < cells[r].size(); ++i) {
            const int w = i < widths.size() ? widths[i] : 0;
            line += i + 1 < cells[r].size() ? cells[r][i].leftJustified(w + 2) : cells[r][i];
        }
        out += line + QLatin1Char('\n');
        if (r == 0) {
            QString rule = QStringLiteral("  ");
            for (int i = 0; i < widths.size(); ++i)
                rule += QString(widths[i], QLatin1Char('-')) + (i + 1 < widths.size() ? QStringLiteral("  ") : QString());
            out += rule + QLatin1Char('\n');
        }
    }
    return out;
}

QString ResultTable::toCsv() const
{
    QString out = csvLine(columns);
    for (const QVariantList &row : rows) {
        QStringList fields;
        for (const QVariant &v : row)
            fields << csvCell(v);
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QJsonObject ResultTable::toJson() const
{
    QJsonArray rowArray;
    for (const QVariantList &row : rows) {
        QJsonArray r;
        for (const QVariant &v : row)
            r.append(QJsonValue::fromVariant(v));
        rowArray.append(r);
    }
    return QJsonObject{{"title", title}, {"columns", QJsonArray::fromStringList(columns)}, {"rows", rowArray}};
}

int HistogramBins::maxCount() const
{
    int m = 0;
    for (const QList<int> &c : counts) {
        for (int n : c)
            m = std::max(m, n);
    }
    return m;
}

bool ChartData::isEmpty() const
{
    for (const ChartSeries &s : series) {
        if (!s.values.isEmpty())
            return false;
    }
    return true;
}

HistogramBins ChartData::histogram() const
{
    HistogramBins h;
    double lo = 0;
    double hi = 0;
    bool any = false;
    for (const ChartSeries &s : series) {
        for (double v : s.values) {
            lo = any ? std::min(lo, v) : v;
            hi = any ? std::max(hi, v) : v;
            any = true;
        }
    }
    const int n = std::max(1, bins);
    if (!any)
        return h;
    if (hi <= lo)
        hi = lo + 1;
    for (int i = 0; i <= n; ++i)
        h.edges << lo + (hi - lo) * i / n;
    for (const ChartSeries &s : series) {
        QList<int> counts(n, 0);
        for (double v : s.values) {
            int b = int((v - lo) / (hi - lo) * n);
            counts[std::clamp(b, 0, n - 1)] += 1;
        }
        h.counts << counts;
    }
    return h;
}

QString ChartData::toCsv() const
{
    QString out;
    switch (kind) {
    case ChartKind::Bar: {
        QStringList header{xLabel.isEmpty() ? QStringLiteral("category") : xLabel};
        for (const ChartSeries &s : series)
            header << s.name;
        out += csvLine(header);
        for (int c = 0; c < categories.size(); ++c) {
            QStringList fields{csvField(categories[c])};
            for (const ChartSeries &s : series)
                fields << (c < s.values.size() ? QString::number(s.values[c], 'g', 10) : QString());
            out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
        break;
    }
    case ChartKind::Line: {
        out += csvLine({QStringLiteral("series"), xLabel.isEmpty() ? QStringLiteral("x") : xLabel,
                        yLabel.isEmpty() ? QStringLiteral("y") : yLabel});
        for (const ChartSeries &s : series) {
            for (int i = 0; i < s.values.size(); ++i) {
                const double x = i < s.xs.size() ? s.xs[i] : double(i);
                out += csvField(s.name) + QLatin1Char(',') + QString::number(x, 'g', 10) + QLatin1Char(',')
                    + QString::number(s.values[i], 'g', 10) + QLatin1Char('\n');
            }
        }
        break;
    }
    case ChartKind::Histogram: {
        const HistogramBins h = histogram();
        QStringList header{QStringLiteral("bin_from"), QStringLiteral("bin_to")};
        for (const ChartSeries &s : series)
            header << s.name;
        out += csvLine(header);
        for (int b = 0; b + 1 < h.edges.size(); ++b) {
            QStringList fields{QString::number(h.edges[b], 'g', 10), QString::number(h.edges[b + 1], 'g', 10)};
            for (const QList<int> &c : h.counts)
                fields << QString::number(c[b]);
            out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
        break;
    }
    }
    return out;
}

QJsonObject ChartData::toJson() const
{
    QJsonArray seriesArray;
    for (const ChartSeries &s : series) {
        QJsonObject o{{"name", s.name}, {"values", toArray(s.values)}};
        if (!s.xs.isEmpty())
            o["x"] = toArray(s.xs);
        seriesArray.append(o);
    }
    QJsonObject o{{"kind", chartKindName(kind)}, {"title", title}, {"x_label", xLabel}, {"y_label", yLabel},
                  {"series", seriesArray}};
    if (!categories.isEmpty())
        o["categories"] = QJsonArray::fromStringList(categories);
    if (kind == ChartKind::Histogram)
        o["bins"] = bins;
    return o;
}

QString chartKindName(ChartKind kind)
{
    switch (kind) {
    case ChartKind::Bar: return QStringLiteral("bar");
    case ChartKind::Line: return QStringLiteral("line");
    case ChartKind::Histogram: return QStringLiteral("histogram");
    }
    return {};
}

QString experimentStatusName(ExperimentStatus status)
{
    switch (status) {
    case ExperimentStatus::Completed: return QStringLiteral("completed");
    case ExperimentStatus::Skipped: return QStringLiteral("skipped");
    case ExperimentStatus::Cancelled: return QStringLiteral("cancelled");
    case ExperimentStatus::Failed: return QStringLiteral("failed");
    }
    return {};
}

const ResultTable *ExperimentResult::table(const QString &tableTitle) const
{
    for (const ResultTable &t : tables) {
        if (t.title == tableTitle)
            return &t;
    }
    return nullptr;
}

QJsonObject CaptureDirection::toJson() const
{
    return QJsonObject{{"packets", packets},
                       {"delivered", delivered},
                       {"dropped", dropped},
                       {"dropped_loss", droppedLoss},
                       {"dropped_burst", droppedBurst},
                       {"dropped_queue", droppedQueue},
                       {"dropped_cut", droppedCut},
                       {"dropped_targeted", droppedTargeted},
                       {"duplicated", duplicated},
                       {"reordered", reordered}};
}

QString CaptureSummary::toText() const
{
    if (!wire)
        return QStringLiteral("capture: none (the run did not start its wire)\n");
    auto direction = [](const char *name, const CaptureDirection &d) {
        QString text = QStringLiteral("%1 %2 packets, %3 dropped").arg(QLatin1String(name)).arg(d.packets).arg(d.dropped);
        QStringList rules;
        const std::pair<const char *, qint64> byRule[] = {{"loss", d.droppedLoss}, {"burst", d.droppedBurst}, {"queue", d.droppedQueue},
                                                          {"cut", d.droppedCut}, {"drop rule", d.droppedTargeted}};
        for (const auto &[rule, count] : byRule) {
            if (count)
                rules << QStringLiteral("%1 by %2").arg(count).arg(QLatin1String(rule));
        }
        if (!rules.isEmpty())
            text += QStringLiteral(" (") + rules.join(QStringLiteral(", ")) + QLatin1Char(')');
        return text;
    };
    QString out = QStringLiteral("capture: wire %1; %2 connections; %3; %4")
                      .arg(spec.isEmpty() ? QStringLiteral("clean") : spec)
                      .arg(connections)
                      .arg(direction("c2s", c2s), direction("s2c", s2c));
    if (overwritten)
        out += QStringLiteral("; %1 packets overwritten in the ring").arg(overwritten);
    out += QLatin1Char('\n');
    if (!pcapFiles.isEmpty())
        out += QStringLiteral("pcap: %1\n").arg(pcapFiles.join(QStringLiteral(", ")));
    if (!pcapError.isEmpty())
        out += QStringLiteral("pcap error: %1\n").arg(pcapError);
    if (!ladder.isEmpty()) {
        out += QLatin1Char('\n');
        for (const QString &line : ladder)
            out += line + QLatin1Char('\n');
    }
    return out;
}

QJsonObject CaptureSummary::toJson() const
{
    return QJsonObject{{"wire", wire},
                       {"spec", spec},
                       {"captured", captured},
                       {"overwritten", overwritten},
                       {"connections", connections},
                       {"tcpinfo_samples", tcpInfoSamples},
                       {"c2s", c2s.toJson()},
                       {"s2c", s2c.toJson()},
                       {"pcap", QJsonArray::fromStringList(pcapFiles)},
                       {"pcap_error", pcapError},
                       {"ladder", QJsonArray::fromStringList(ladder)}};
}

QString ExperimentResult::toText() const
{
    QString out = QStringLiteral("== %1 (%2) ==\n").arg(title, name);
    out += QStringLiteral("status: %1").arg(experimentStatusName(status));
    if (!reason.isEmpty())
        out += QStringLiteral(": ") + reason;
    out += QStringLiteral(" [%1 ms]\n").arg(durationMs);
    if (!findings.isEmpty()) {
        out += QLatin1Char('\n');
        for (const QString &f : findings)
            out += QStringLiteral("* ") + f + QLatin1Char('\n');
    }
    for (const ResultTable &t : tables)
        out += QLatin1Char('\n') + t.toText();
    if (!notes.isEmpty()) {
        out += QLatin1Char('\n');
        for (const QString &n : notes)
            out += QStringLiteral("note: ") + n + QLatin1Char('\n');
    }
    out += QLatin1Char('\n') + capture.toText();
    return out;
}

QJsonObject ExperimentResult::toJson() const
{
    QJsonArray tableArray;
    for (const ResultTable &t : tables)
        tableArray.append(t.toJson());
    QJsonObject o{{"type", "experiment"},
                  {"name", name},
                  {"title", title},
                  {"status", experimentStatusName(status)},
                  {"duration_ms", durationMs},
                  {"findings", QJsonArray::fromStringList(findings)},
                  {"notes", QJsonArray::fromStringList(notes)},
                  {"tables", tableArray},
                  {"metrics", QJsonObject::fromVariantMap(metrics)},
                  {"capture", capture.toJson()}};
    if (!reason.isEmpty())
        o["reason"] = reason;
    if (!chart.isEmpty())
        o["chart"] = chart.toJson();
    return o;
}

QString ExperimentResult::toCsv() const
{
    QString out;
    for (const ResultTable &t : tables) {
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += csvLine({QStringLiteral("# ") + t.title});
        out += t.toCsv();
    }
    if (!chart.isEmpty()) {
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += csvLine({QStringLiteral("# chart: ") + chart.title});
        out += chart.toCsv();
    }
    return out;
}

} // namespace tcplab
