// The option report (requested vs what getsockopt says) as a table; rows the kernel changed
// are highlighted and carry the reason.
#pragma once

#include "socketoptions.h"

#include <QAbstractTableModel>

namespace tcplab {

class OptionReportModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Name, Requested, Effective, Note, ColumnCount };
    explicit OptionReportModel(QObject *parent = nullptr);

    void setReport(const OptionReport &report);
    const OptionReport &report() const { return m_report; }
    int changedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    OptionReport m_report;
};

} // namespace tcplab
