// The connections table with many connections (issue 10, item 6): each refresh reads counters
// for every row but TCP_INFO (one getsockopt per connection) only for the rows on screen, and
// the inherited options only when a row is shown. The cost itself is measured by
// bench/idle_connections; this checks the bound.
#include "connectionmodel.h"
#include "connectionspanel.h"
#include "server.h"
#include "testsupport.h"

#include <QHeaderView>
#include <QTableView>
#include <QtTest>

#include <vector>

using namespace tcplab;
using namespace testsupport;

class TestConnectionTable : public QObject
{
    Q_OBJECT
private slots:
    void onlyRowsOnScreenGetTcpInfo()
    {
        Server server;
        const Error e = server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true));
        QVERIFY2(!e, qPrintable(e.text()));
        constexpr int kConnections = 300;
        std::vector<FileDescriptor> clients;
        for (int i = 0; i < kConnections; ++i) {
            clients.push_back(connectTo(server.port()));
            QVERIFY(clients.back().isValid());
        }
        QVERIFY(waitFor([&] { return server.connections()->count() == kConnections; }, 10000));

        int optionsAsked = 0;
        ConnectionsPanel panel(&server);
        panel.resize(1800, 300); // every column, a dozen rows on screen
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.serverStarted();
        ConnectionModel *model = panel.model();
        QCOMPARE(model->rowCount(), kConnections);
        // The model asks the panel's provider; count what it asks through a wrapper.
        model->setOptionsProvider([&optionsAsked](quint64) {
            ++optionsAsked;
            return QStringLiteral("asked");
        });

        QTableView *view = panel.view();
        const int lastVisible = view->rowAt(view->viewport()->height() - 1);
        QVERIFY2(lastVisible > 0 && lastVisible < kConnections / 2, qPrintable(QString::number(lastVisible)));
        auto state = [model](int row) { return model->index(row, ConnectionModel::State).data().toString(); };
        // On screen: the kernel's state from TCP_INFO. Far below: counters only, no TCP_INFO.
        QCOMPARE(state(0), QStringLiteral("ESTABLISHED"));
        QCOMPARE(state(lastVisible), QStringLiteral("ESTABLISHED"));
        QCOMPARE(state(kConnections - 1), QStringLiteral("open"));

        // Scrolled to the end, those rows get theirs at the next refresh.
        view->scrollToBottom();
        panel.refresh();
        QCOMPARE(state(kConnections - 1), QStringLiteral("ESTABLISHED"));
        // The first rows keep the last TCP_INFO they had (not read again while off screen).
        QCOMPARE(state(0), QStringLiteral("ESTABLISHED"));

        // Painting asks the options of the rows on screen, not of all 300.
        optionsAsked = 0;
        view->viewport()->repaint();
        QVERIFY(optionsAsked > 0);
        QVERIFY2(optionsAsked < kConnections / 2, qPrintable(QString::number(optionsAsked)));

        clients.clear();
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }, 10000));
        server.stop();
    }
};

QTEST_MAIN(TestConnectionTable)
#include "tst_connectiontable.moc"
