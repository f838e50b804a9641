// The kernel limits that decide whether an option can work, and warnings where they defeat
// the options chosen in the server panel.
#pragma once

#include "serverconfig.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace tcplab {

class SystemPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SystemPanel(QWidget *parent = nullptr);
    void setConfig(const ServerConfig &config);
    void refresh();
    QStringList warnings() const { return m_warnings; }
    QTableWidget *table() const { return m_table; }

private:
    ServerConfig m_config;
    QStringList m_warnings;
    QTableWidget *m_table;
    QLabel *m_warningLabel;
};

} // namespace tcplab
