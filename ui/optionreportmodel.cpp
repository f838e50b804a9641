#include "optionreportmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace tcplab {

OptionReportModel::OptionReportModel(QObject *parent) : QAbstractTableModel(parent) {}

void OptionReportModel::setReport(const OptionReport &report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
}

int OptionReportModel::changedCount() const
{
    return int(std::count_if(m_report.rows.cbegin(), m_report.rows.cend(), [](const OptionReportRow &r) { return r.changed; }));
}

int OptionReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.rows.size());
}

int OptionReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OptionReportModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_report.rows.size())
        return {};
    const OptionReportRow &row = m_report.rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key: return row.key;
        case Name: return row.name;
        case Requested: return row.requested;
        case Effective: return row.effective;
        case Note: return row.note;
        }
        return {};
    case Qt::ToolTipRole:
        if (row.changed)
            return tr("The kernel holds %1 where %2 was asked: %3").arg(row.effective, row.requested, row.note);
        return row.note.isEmpty() ? QVariant() : QVariant(row.note);
    case Qt::BackgroundRole:
        if (row.changed)
            return QBrush(QColor(0xff, 0xe8, 0xb0));
        return {};
    case Qt::ForegroundRole:
        if (row.changed)
            return QBrush(QColor(0x5c, 0x3c, 0x00));
        return {};
    case Qt::FontRole:
        if (row.changed && index.column() == Effective) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant OptionReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key: return tr("Option");
    case Name: return tr("Kernel name");
    case Requested: return tr("Requested");
    case Effective: return tr("Effective (getsockopt)");
    case Note: return tr("Why it differs / note");
    }
    return {};
}

} // namespace tcplab
