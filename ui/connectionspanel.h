// The connections table with a Close and a Reset button on every open row, and Close all.
// While the server runs it refreshes itself about once a second: counters for every row,
// TCP_INFO for the rows on screen.
#pragma once

#include <QSet>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSettings;
class QTableView;

namespace tcplab {

class ConnectionModel;
class Server;

// Paints "Close" and "Reset" buttons in the actions column and reports clicks.
class CloseButtonsDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index) override;
    static QRect buttonRect(const QRect &cell, bool reset);

signals:
    void closeClicked(quint64 id, bool reset);
};

class ConnectionsPanel : public QWidget
{
    Q_OBJECT
public:
    ConnectionsPanel(Server *server, QWidget *parent = nullptr);

    ConnectionModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    void serverStarted();
    void serverStopped();
    // Take a snapshot now (also called by the timer and after accept/close events).
    void refresh();
    void refreshSoon();
    // Ask the server to close one connection; false when it is no longer open.
    bool closeConnection(quint64 id, bool reset);
    void closeAll(bool reset);
    QString summaryText() const;

    // The widest peer the column must hold without cutting ("[::ffff:255.255.255.255]:65535").
    int peerColumnMinimum() const;
    // Column widths the user set by hand, remembered (the others follow their content).
    void saveSettings(QSettings &settings) const;
    void loadSettings(QSettings &settings);

private:
    // Widens the columns the user has not sized to what their cells need; never narrows them.
    void fitColumns();
    static constexpr int kMaxTcpInfoRows = 200;
    // Ids of the open rows on screen, at most kMaxTcpInfoRows.
    QList<quint64> visibleOpenIds() const;
    void closeSelected(bool reset);
    void updateSummary();

    Server *m_server;
    ConnectionModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QPushButton *m_closeSelected;
    QPushButton *m_resetSelected;
    QPushButton *m_closeAll;
    QPushButton *m_resetAll;
    QTimer m_timer;
    QTimer m_soon;
    QSet<int> m_userSized;
    bool m_fitting = false;
};

} // namespace tcplab
