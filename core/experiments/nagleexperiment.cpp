#include "nagleexperiment.h"

#include "experimentsupport.h"
#include "labclient.h"
#include "server.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

// Which side writes in two small pieces, and so whose delayed ACK can stall the exchange.
enum class Split {
    Request, // the client writes "GET " and "/item/N\n": the server's delayed ACK holds the second
    Reply,   // the server answers an 8-byte request with two 4-byte writes (Byte handler, recv-size
             // 4): the client's delayed ACK holds the second
};

struct Combination
{
    const char *label;
    const char *key;
    Split split;
    bool clientNodelay;
    bool serverNodelay;
    bool serverQuickAck; // set on accept and re-armed after every read
    bool clientQuickAck; // set before connect() and re-armed after every read, as the lab client does
};

// Every combination runs on its own persistent connection, so that the receiver has left its
// initial quick-ack phase and delays ACKs the way a long-lived connection does.
const Combination kCombinations[] = {
    {QT_TRANSLATE_NOOP("Experiment", "Nagle on, delayed ACK"), "nagle_both", Split::Request, false, false, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "client TCP_NODELAY"), "client_nodelay", Split::Request, true, false, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "server TCP_NODELAY only"), "server_nodelay", Split::Request, false, true, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "TCP_NODELAY both sides"), "both_nodelay", Split::Request, true, true, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "client Nagle, server QUICKACK re-armed"), "server_quickack", Split::Request, false, false, true, false},
    {QT_TRANSLATE_NOOP("Experiment", "reply in two writes, client QUICKACK set once before connect"), "reply_delayed_ack", Split::Reply, true, false, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "reply in two writes, server TCP_NODELAY"), "reply_server_nodelay", Split::Reply, true, true, false, false},
    {QT_TRANSLATE_NOOP("Experiment", "reply in two writes, client QUICKACK re-armed"), "reply_client_quickack", Split::Reply, true, false, false, true},
};

constexpr int kExchanges = 20;
constexpr int kComboBudgetMs = 2000; // a stalled combination costs ~40 ms per exchange
constexpr double kStallMs = 20;      // half of the kernel's minimum delayed-ACK time (TCP_DELACK_MIN, 40 ms)

struct Measurement
{
    QList<double> rttMs;
    QString error;
};

// Read exactly n bytes; with rearm, TCP_QUICKACK is set again after every recv(), because the
// kernel drops it each time this side sends soon after receiving.
QByteArray readExactly(int fd, qsizetype n, int timeoutMs, bool rearm, QString *error)
{
    QByteArray data;
    QElapsedTimer clock;
    clock.start();
    char buf[256];
    while (data.size() < n) {
        const qint64 left = timeoutMs - clock.elapsed();
        pollfd p{fd, POLLIN, 0};
        const int ready = left > 0 ? ::poll(&p, 1, int(left)) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            *error = ready == 0 ? QCoreApplication::translate("Experiment", "no complete reply within %1 ms").arg(timeoutMs)
                                : Error::fromErrno(errno, QStringLiteral("poll")).text();
            return {};
        }
        const ssize_t got = ::recv(fd, buf, size_t(std::min<qsizetype>(qsizetype(sizeof(buf)), n - data.size())), 0);
        if (got <= 0) {
            *error = got == 0 ? QCoreApplication::translate("Experiment", "the server closed the connection")
                              : Error::fromErrno(errno, QStringLiteral("recv")).text();
            return {};
        }
        data.append(buf, got);
        if (rearm)
            rearmQuickAck(fd);
    }
    return data;
}

Measurement measure(const Combination &combo, const ExperimentContext &context)
{
    Measurement m;
    const bool replySplit = combo.split == Split::Reply;
    ServerConfig config = lab::experimentConfig(QStringLiteral("threaded"), replySplit ? QStringLiteral("byte") : QStringLiteral("line"), true);
    if (replySplit)
        config.setValue(QStringLiteral("recv-size"), 4); // one reply write per 4 bytes read
    config.setValue(QStringLiteral("nodelay"), combo.serverNodelay);
    // QUICKACK off (0) puts the accepted socket straight into delayed-ACK mode, as a busy
    // connection would be; on, re-armed after every read, it acknowledges each piece at once.
    config.setValue(QStringLiteral("quickack"), combo.serverQuickAck);
    config.setValue(QStringLiteral("quickack-rearm"), combo.serverQuickAck);
    Server server;
    if (Error e = server.start(config)) {
        m.error = e.text();
        return m;
    }
    Result<FileDescriptor> client = lab::connectLoopback(server.port(), 2000, [&](int fd) {
        const int nodelay = combo.clientNodelay ? 1 : 0;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof(nodelay));
        // The reply rows all set TCP_QUICKACK before connect(), as the lab's client once did
        // and nothing more: only the re-armed row keeps it.
        if (replySplit || combo.clientQuickAck)
            rearmQuickAck(fd);
    });
    if (!client) {
        m.error = client.error().text();
        return m;
    }
    const int fd = client.value().get();
    QElapsedTimer budget;
    budget.start();
    for (int i = 0; i < kExchanges && !context.cancelled() && budget.elapsed() < kComboBudgetMs; ++i) {
        if (replySplit) {
            const QByteArray request = QByteArrayLiteral("item") + QByteArray::number(1000 + i % 9000);
            QElapsedTimer rtt;
            rtt.start();
            if (!lab::sendAll(fd, request)) {
                m.error = tr("send failed");
                break;
            }
            QString error;
            if (readExactly(fd, request.size(), 2000, combo.clientQuickAck, &error).isEmpty()) {
                m.error = error;
                break;
            }
            m.rttMs << double(rtt.nsecsElapsed()) / 1e6;
            continue;
        }
        const QByteArray first = QByteArrayLiteral("GET ");
        const QByteArray second = QByteArray("/item/") + QByteArray::number(i) + '\n';
        QElapsedTimer rtt;
        rtt.start();
        // Two writes, then a read: the second small write is what Nagle holds back while the
        // first is unacknowledged, and the server has no reply to piggy-back its ACK on yet.
        if (!lab::sendAll(fd, first) || !lab::sendAll(fd, second)) {
            m.error = tr("send failed");
            break;
        }
        QString error;
        const QByteArray reply = lab::readLine(fd, 2000, &error);
        if (reply.isEmpty()) {
            m.error = error;
            break;
        }
        m.rttMs << double(rtt.nsecsElapsed()) / 1e6;
        if (combo.clientQuickAck)
            rearmQuickAck(fd);
    }
    server.stop();
    return m;
}

QString onOff(bool v) { return v ? QStringLiteral("on") : QStringLiteral("off"); }

} // namespace

QString NagleExperiment::title() const
{
    return tr("Nagle and delayed ACK");
}

QString NagleExperiment::explanation() const
{
    return tr("The client writes each request in two small pieces, then waits for the reply, %1 times per combination of TCP_NODELAY and TCP_QUICKACK.\n"
              "With Nagle on at the client, the second piece waits for the ACK of the first, which the server delays (~40 ms): look at the max and median round trip. "
              "The last rows turn it around: the server writes each reply in two pieces with Nagle on, and the client's delayed ACK holds the second piece unless the client re-arms TCP_QUICKACK after every read.")
        .arg(kExchanges);
}

ExperimentResult NagleExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    ResultTable table;
    table.title = tr("Round trip per combination");
    table.columns = QStringList{tr("combination"), tr("split writes"), tr("client NODELAY"), tr("server NODELAY"), tr("server QUICKACK"),
                                tr("client QUICKACK"), tr("exchanges"), tr("min ms"), tr("median ms"), tr("p90 ms"),
                                tr("max ms"), tr("stalls >= %1 ms").arg(kStallMs)};
    ResultTable samples;
    samples.title = tr("Every round trip (ms)");
    samples.columns = QStringList{tr("combination"), tr("exchange"), tr("round trip ms")};

    ChartData chart;
    chart.kind = ChartKind::Bar;
    chart.title = tr("Request round trip: two small writes, then read");
    chart.xLabel = tr("combination");
    chart.yLabel = tr("round trip (ms)");
    ChartSeries median{tr("median"), {}, {}};
    ChartSeries ninety{tr("90th percentile"), {}, {}};
    ChartSeries worst{tr("max"), {}, {}};

    const int count = int(std::size(kCombinations));
    QMap<QString, double> medians;
    for (int c = 0; c < count; ++c) {
        const Combination &combo = kCombinations[c];
        const QString label = QCoreApplication::translate("Experiment", combo.label);
        context.progress(5 + 90 * c / count, label);
        const Measurement m = measure(combo, context);
        if (context.cancelled())
            return cancelledResult();
        if (!m.error.isEmpty() && m.rttMs.isEmpty())
            return failedResult(tr("%1: %2").arg(label, m.error));
        if (!m.error.isEmpty())
            result.notes << tr("%1: stopped after %2 exchanges: %3").arg(label).arg(m.rttMs.size()).arg(m.error);
        int stalls = 0;
        for (double v : m.rttMs)
            stalls += v >= kStallMs ? 1 : 0;
        const double med = lab::percentile(m.rttMs, 50);
        const double p90 = lab::percentile(m.rttMs, 90);
        const double mx = lab::percentile(m.rttMs, 100);
        const double mn = lab::percentile(m.rttMs, 0);
        table.addRow({label, combo.split == Split::Reply ? tr("server's reply") : tr("client's request"), onOff(combo.clientNodelay), onOff(combo.serverNodelay), onOff(combo.serverQuickAck),
                      onOff(combo.clientQuickAck), int(m.rttMs.size()), mn, med, p90, mx, stalls});
        for (int i = 0; i < m.rttMs.size(); ++i)
            samples.addRow({label, i + 1, m.rttMs[i]});
        chart.categories << label;
        median.values << med;
        ninety.values << p90;
        worst.values << mx;
        const QString key = QString::fromLatin1(combo.key);
        medians[key] = med;
        result.metrics[key + QStringLiteral(".median_ms")] = med;
        result.metrics[key + QStringLiteral(".p90_ms")] = p90;
        result.metrics[key + QStringLiteral(".max_ms")] = mx;
        result.metrics[key + QStringLiteral(".min_ms")] = mn;
        result.metrics[key + QStringLiteral(".stalls")] = stalls;
        result.metrics[key + QStringLiteral(".exchanges")] = int(m.rttMs.size());
    }
    chart.series << median << ninety << worst;
    result.chart = chart;
    result.tables << table << samples;

    const double stalled = medians.value(QStringLiteral("nagle_both"));
    const double fixed = medians.value(QStringLiteral("client_nodelay"));
    const bool stallSeen = stalled >= kStallMs && stalled > 4 * fixed;
    if (stallSeen)
        result.findings << tr("With Nagle on at the client, each request waited for the server's delayed ACK: median %1 ms against %2 ms with client TCP_NODELAY.")
                               .arg(stalled, 0, 'f', 1)
                               .arg(fixed, 0, 'f', 3);
    else
        result.findings << tr("No delayed-ACK stall showed this time (median %1 ms with Nagle, %2 ms with client TCP_NODELAY): the server acknowledged the first piece at once.")
                               .arg(stalled, 0, 'f', 3)
                               .arg(fixed, 0, 'f', 3);
    const double replyStalled = medians.value(QStringLiteral("reply_delayed_ack"));
    const double replyRearmed = medians.value(QStringLiteral("reply_client_quickack"));
    const bool replyStallSeen = replyStalled >= kStallMs && replyStalled > 4 * replyRearmed;
    if (replyStallSeen)
        result.findings << tr("With the server's reply in two writes and Nagle on at the server, the second write waited for the client's delayed ACK: median %1 ms with TCP_QUICKACK set once before connect(); "
                              "with the client re-arming TCP_QUICKACK after every read: %2 ms.")
                               .arg(replyStalled, 0, 'f', 1)
                               .arg(replyRearmed, 0, 'f', 3);
    else
        result.findings << tr("No reply stall showed this time (median %1 ms with the client delaying its ACKs, %2 ms with TCP_QUICKACK re-armed at the client).")
                               .arg(replyStalled, 0, 'f', 3)
                               .arg(replyRearmed, 0, 'f', 3);
    // One sentence per remaining combination, with the verdict taken from its own numbers.
    for (const Combination &combo : kCombinations) {
        const QString key = QString::fromLatin1(combo.key);
        if (key == QLatin1String("nagle_both") || key == QLatin1String("client_nodelay") || key == QLatin1String("reply_delayed_ack")
            || key == QLatin1String("reply_client_quickack"))
            continue;
        const double med = medians.value(key);
        result.findings << tr("%1: median %2 ms, %3 of %4 round trips stalled.")
                               .arg(QCoreApplication::translate("Experiment", combo.label))
                               .arg(med, 0, 'f', med >= 1 ? 1 : 3)
                               .arg(result.metrics.value(key + QStringLiteral(".stalls")).toInt())
                               .arg(result.metrics.value(key + QStringLiteral(".exchanges")).toInt());
    }
    result.metrics[QStringLiteral("stall_seen")] = stallSeen;
    result.metrics[QStringLiteral("reply_stall_seen")] = replyStallSeen;
    result.notes << tr("Why: Nagle holds a small segment while an earlier small one is unacknowledged; the server delays its ACK (at least 40 ms) hoping to piggy-back it on a reply, "
                       "and it has no reply until the second piece arrives. TCP_NODELAY at the client, or an immediate ACK at the server (TCP_QUICKACK re-armed after every read), breaks the wait; "
                       "TCP_NODELAY at the server and TCP_QUICKACK at the client act on the other direction: the server's reply in two writes.");
    result.notes << tr("TCP_QUICKACK is not sticky: the kernel returns to delayed ACKs as soon as the client sends soon after receiving, so setting it once before connect() "
                       "changes nothing after the first exchange; the lab's client sets it again after every read.");
    result.notes << tr("Each combination uses one persistent connection in threaded mode on 127.0.0.1 (a Line server; for the reply rows a Byte server reading 4 bytes per recv()); "
                       "a stall is a round trip of %1 ms or more.").arg(kStallMs);
    return result;
}

} // namespace tcplab
