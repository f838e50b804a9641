// tcplab-viewshots: pictures of the window's wire views for docs/ (scripts/screenshot.sh runs it).
// A real run, not a mock-up: the lab window serves across a real wire (50 ms each way, two client
// data segments dropped by targeted rules, so retransmissions show). On the wire's client side a
// first connection makes three small request/echo exchanges (the second request dropped: the
// ladder), a second one sends 192 KiB that the byte handler echoes back (slow start, a loss and
// its recovery: the time-sequence graph). Once both and their teardowns are captured, each named
// view is grabbed as it is drawn in the window.
//
// Usage: tcplab-viewshots OUTDIR [LANG]   e.g. tcplab-viewshots docs zh_CN
// Writes OUTDIR/ladder[-LANG].png, timesequence[-LANG].png and tcpinfo[-LANG].png; a view this
// build does not have is skipped with a line naming the missing widget (exit status 0).
#include "labwindow.h"
#include "logpanel.h"
#include "wire/ladderview.h"
#include "wire/tcpinfoview.h"
#include "wire/packetmodel.h"
#include "wire/packetspanel.h"
#include "wire/wire.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QScrollBar>
#include <QSplitter>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTranslator>

#include <arpa/inet.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace tcplab;

namespace {

constexpr quint16 kPort = 7000;
constexpr int kBulkBytes = 192 * 1024;
// data#2: the first connection's second request; data#20: the bulk's 17th segment.
const char *const kSpec = "delay=50ms,drop=c2s:data#2,drop=c2s:data#20";

// One connection from the wire's client side: the exchanges one after the other (each waits for
// its echo), or with bulk a writer sending while the echo is read. Empty, or what failed.
QString connection(const SocketFactory &factory, const QHostAddress &server, const QList<QByteArray> &messages, bool bulk)
{
    const int fd = factory(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(kPort);
    to.sin_addr.s_addr = htonl(server.toIPv4Address());
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        const QString e = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return QStringLiteral("connect: %1").arg(e);
    }
    auto sendAll = [fd](const QByteArray &data) {
        for (qsizetype sent = 0; sent < data.size();) {
            const ssize_t n = ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += n;
        }
    };
    auto receive = [fd](qint64 bytes) {
        char buffer[65536];
        qint64 received = 0;
        while (received < bytes) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            received += n;
        }
        return received;
    };
    QString failure;
    for (const QByteArray &message : messages) {
        qint64 received = 0;
        if (bulk) {
            std::thread writer([&] { sendAll(message); });
            received = receive(message.size());
            writer.join();
        } else {
            sendAll(message);
            received = receive(message.size());
        }
        if (received != message.size()) {
            failure = QStringLiteral("only %1 of %2 bytes came back").arg(received).arg(message.size());
            break;
        }
    }
    ::close(fd);
    return failure;
}

void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

// Brings the tab page holding w to the front, at every level.
void reveal(QWidget *w)
{
    // A tab page's parent is the tab widget's stack, whose parent is the tab widget.
    for (QWidget *page = w; page; page = page->parentWidget()) {
        QWidget *stack = page->parentWidget();
        if (auto *tabs = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr; tabs && tabs->indexOf(page) >= 0)
            tabs->setCurrentWidget(page);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.size() > 3) {
        std::fprintf(stderr, "usage: tcplab-viewshots OUTDIR [LANG]\n");
        return 2;
    }
    const QDir out(args[1]);
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "viewshots: %s cannot be made\n", qPrintable(args[1]));
        return 1;
    }
    const QString lang = args.size() == 3 ? args[2] : QString();
    const QString suffix = lang.isEmpty() ? QString() : QLatin1Char('-') + lang;
    if (!lang.isEmpty()) {
        auto *own = new QTranslator(&app);
        if (!own->load(QLocale(lang), QStringLiteral("tcplab"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
            std::fprintf(stderr, "viewshots: no translation for %s\n", qPrintable(lang));
            return 1;
        }
        app.installTranslator(own);
        auto *qt = new QTranslator(&app);
        if (qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app.installTranslator(qt);
    }

    QTemporaryDir settings;
    LabWindow window(settings.filePath(QStringLiteral("tcplab.conf")));
    ServerConfig config = window.savedConfig();
    config.setValue(QStringLiteral("port"), kPort);
    config.setValue(QStringLiteral("mode"), QStringLiteral("event"));
    config.setValue(QStringLiteral("handler"), QStringLiteral("byte"));
    config.setValue(QStringLiteral("persistent"), true);
    config.setValue(QStringLiteral("recv-size"), 65536);
    window.setConfig(config);
    window.setNetworkPath(ServerPanel::NetworkPath::Wire, QString::fromLatin1(kSpec));
    window.resize(1340, 840);
    window.show();
    window.tabs()->setCurrentWidget(window.packetsPanel());
    if (!window.startServer() || !window.wire()) {
        std::fprintf(stderr, "viewshots: the server did not start across the wire (user namespaces or /dev/net/tun missing?)\n");
        return 1;
    }

    std::atomic<bool> finished = false;
    QString failure;
    std::thread client([&] {
        const SocketFactory factory = window.wire()->socketFactory(wire::Side::Client);
        const QHostAddress server = window.wire()->serverAddress();
        failure = connection(factory, server, {"hello", "tcp lab", "across the wire"}, false);
        if (failure.isEmpty())
            failure = connection(factory, server, {QByteArray(kBulkBytes, 'x')}, true);
        finished = true;
    });
    waitUntil([&] { return finished.load(); }, 60000);
    client.join();
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "viewshots: the transfer failed: %s\n", qPrintable(failure));
        return 1;
    }
    // The teardowns cross too (FIN/ACK after 100 ms round trips); then the views are frozen.
    PacketsPanel *packets = window.packetsPanel();
    PacketModel *model = packets->model();
    waitUntil([] { return false; }, 1500);
    packets->followBox()->setChecked(false);
    const QList<quint32> connections = model->connectionIds();
    if (connections.size() != 2) {
        std::fprintf(stderr, "viewshots: %d connections captured instead of 2\n", int(connections.size()));
        return 1;
    }
    // The views get the window's height: the log pane (and the server panel) would take half of it.
    window.logPanel()->hide();
    for (QDockWidget *dock : window.findChildren<QDockWidget *>())
        dock->hide();
    auto *vertical = packets->findChild<QSplitter *>(QStringLiteral("packetsVerticalSplitter"));
    if (vertical)
        vertical->setSizes({600, 160});
    packets->splitter()->setSizes({420, 900});
    auto showConnection = [&](quint32 id) {
        packets->connectionCombo()->setCurrentIndex(packets->connectionCombo()->findData(id));
        waitUntil([] { return false; }, 200);
    };

    // The ladder: the whole first connection, its retransmitted request selected.
    showConnection(connections[0]);
    int retransmitted = -1;
    for (int row = 0; row < model->rowCount() && retransmitted < 0; ++row) {
        if (model->packet(row).has(PacketRow::Retransmission))
            retransmitted = row;
    }
    if (retransmitted < 0 || model->rowCount() == 0) {
        std::fprintf(stderr, "viewshots: no retransmission among the first connection's %d packets\n", model->rowCount());
        return 1;
    }
    const PacketRow &last = model->packet(model->rowCount() - 1);
    const qint64 spanNs = std::max(last.sentNs, last.deliveredNs) - model->startNs();
    LadderView *ladder = packets->ladder();
    ladder->setNsPerPixel(double(spanNs) / std::max(100, ladder->viewport()->height() - ladder->topMargin() - 16));
    ladder->verticalScrollBar()->setValue(0);
    packets->view()->selectionModel()->setCurrentIndex(model->index(retransmitted, 0),
                                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ladder->verticalScrollBar()->setValue(0);
    waitUntil([] { return false; }, 300);

    struct Shot
    {
        const char *widget;
        const char *file;
    };
    int written = 0;
    for (const Shot &shot : {Shot{"ladderView", "ladder"}, Shot{"timeSequenceView", "timesequence"}, Shot{"tcpInfoView", "tcpinfo"}}) {
        if (std::strcmp(shot.widget, "ladderView") != 0) {
            if (vertical)
                vertical->setSizes({260, 500});
            showConnection(connections[1]); // the bulk: slow start, the loss and its recovery
        }
        const QString path = out.filePath(QString::fromLatin1(shot.file) + suffix + QStringLiteral(".png"));
        auto *w = window.findChild<QWidget *>(QString::fromLatin1(shot.widget));
        if (!w) {
            std::printf("viewshots: skipped %s: this build has no widget named %s\n", qPrintable(path), shot.widget);
            continue;
        }
        reveal(w);
        // The ladder's span is the first connection's; the bulk's TCP_INFO is drawn whole.
        if (auto *tcpInfo = qobject_cast<TcpInfoView *>(w))
            tcpInfo->setVisibleRange(0, 0);
        waitUntil([] { return false; }, 300);
        if (!w->grab().save(path, "PNG")) {
            std::fprintf(stderr, "viewshots: %s could not be written\n", qPrintable(path));
            return 1;
        }
        std::printf("viewshots: wrote %s (%s, %d packets shown)\n", qPrintable(path), shot.widget, model->rowCount());
        ++written;
    }
    window.stopServer();
    return written > 0 ? 0 : 1;
}
