#include "systempanel.h"

#include "systemlimits.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tcplab {

SystemPanel::SystemPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("systemPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_warningLabel = new QLabel(this);
    m_warningLabel->setObjectName(QStringLiteral("systemWarnings"));
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setTextFormat(Qt::RichText);
    layout->addWidget(m_warningLabel);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("systemTable"));
    m_table->setHorizontalHeaderLabels({tr("sysctl"), tr("Value"), tr("Meaning")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    layout->addWidget(m_table, 1);

    auto *bar = new QHBoxLayout;
    auto *note = new QLabel(tr("Read from /proc/sys when shown; change them with sysctl -w (as root)."), this);
    auto *reload = new QPushButton(tr("Reload"), this);
    bar->addWidget(note, 1);
    bar->addWidget(reload);
    layout->addLayout(bar);
    connect(reload, &QPushButton::clicked, this, &SystemPanel::refresh);
    refresh();
}

void SystemPanel::setConfig(const ServerConfig &config)
{
    m_config = config;
    m_warnings = SystemLimits::warningsFor(m_config);
    if (m_warnings.isEmpty()) {
        m_warningLabel->setText(tr("No kernel limit defeats the chosen options."));
        m_warningLabel->setStyleSheet(QStringLiteral("background:#d1e7dd; color:#0f5132; padding:4px; border-radius:3px;"));
    } else {
        QString html = QStringLiteral("<b>") + tr("Kernel limits that defeat the chosen options:") + QStringLiteral("</b><ul>");
        for (const QString &w : std::as_const(m_warnings))
            html += QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
        html += QStringLiteral("</ul>");
        m_warningLabel->setText(html);
        m_warningLabel->setStyleSheet(QStringLiteral("background:#fff3cd; color:#664d03; padding:4px; border-radius:3px;"));
    }
}

void SystemPanel::refresh()
{
    const QList<SystemLimit> limits = SystemLimits::all();
    m_table->setRowCount(int(limits.size()));
    for (int i = 0; i < limits.size(); ++i) {
        const SystemLimit &l = limits[i];
        m_table->setItem(i, 0, new QTableWidgetItem(l.name));
        m_table->setItem(i, 1, new QTableWidgetItem(l.value.isEmpty() ? tr("(unreadable)") : l.value));
        m_table->setItem(i, 2, new QTableWidgetItem(l.meaning));
    }
    m_table->resizeColumnsToContents();
    setConfig(m_config);
}

} // namespace tcplab
