#include "nagleexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "experimentwire.h"
#include "labclient.h"
#include "server.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cmath>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab {

using namespace tcplab::wire;

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

constexpr double kStallMs = 20; // half of the kernel's minimum delayed-ACK time (TCP_DELACK_MIN, 40 ms)

struct Measurement
{
    QList<double> rttMs;
    QString error;
    quint16 clientPort = 0;
    quint64 firstPosition = 0; // the capture ring's position when the combination started
};

// What the capture shows of one combination's connection: how long the writer's second piece
// left after its first (Nagle holding it), and how late the ACK that let it go came.
struct Held
{
    QList<double> holdMs;     // second data segment sent .. minus first, per exchange
    QList<double> ackDelayMs; // the receiver's ACK that released a held piece: since the data arrived
    int delayedAcks = 0;      // of those, sent >= 10 ms after the data (the ladder's mark)
};

Held heldOf(const lab::CapturedConnection *c, bool writerIsClient)
{
    Held h;
    if (!c)
        return h;
    qint64 firstPieceNs = -1;
    const lab::CapturedSegment *releasingAck = nullptr; // the receiver's latest pure ACK of new data
    for (const lab::CapturedSegment &s : c->segments) {
        if (s.fromClient() == writerIsClient && s.decoded.payloadLength > 0 && !s.annotation.retransmission) {
            // Pieces pair up: each exchange writes exactly two.
            if (firstPieceNs < 0) {
                firstPieceNs = s.packet.sentNs;
                releasingAck = nullptr;
            } else {
                h.holdMs << double(s.packet.sentNs - firstPieceNs) / 1e6;
                // The ACK that let the held piece go: the receiver's pure ACK that reached the
                // writer after its first piece left and before the second did.
                if (releasingAck && releasingAck->packet.deliveredNs <= s.packet.sentNs) {
                    h.ackDelayMs << double(releasingAck->annotation.ackDelayNs) / 1e6;
                    h.delayedAcks += releasingAck->annotation.delayedAck ? 1 : 0;
                }
                firstPieceNs = -1;
            }
        } else if (firstPieceNs >= 0 && s.fromClient() != writerIsClient && s.decoded.isPureAck() && s.annotation.ackDelayNs >= 0 && s.delivered()) {
            releasingAck = &s;
        }
    }
    return h;
}

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

Measurement measure(const Combination &combo, ExperimentWire &path, int exchanges, const ExperimentContext &context)
{
    Measurement m;
    m.firstPosition = path.position();
    // A stalled exchange costs a round trip plus the delayed-ACK timer (40 ms minimum) or more.
    const qint64 budgetMs = qint64(exchanges) * qint64(3 * path.addedRoundTripMs() + 200) + 1000;
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
    if (Error e = path.startServer(server, config)) {
        m.error = e.text();
        return m;
    }
    Result<FileDescriptor> client = path.connect(server.port(), 3000, [&](int fd) {
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
    sockaddr_in local{};
    socklen_t len = sizeof(local);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len);
    m.clientPort = ntohs(local.sin_port);
    QElapsedTimer budget;
    budget.start();
    for (int i = 0; i < exchanges && !context.cancelled() && budget.elapsed() < budgetMs; ++i) {
        if (replySplit) {
            const QByteArray request = QByteArrayLiteral("item") + QByteArray::number(1000 + i % 9000);
            QElapsedTimer rtt;
            rtt.start();
            if (!lab::sendAll(fd, request)) {
                m.error = tr("send failed");
                break;
            }
            QString error;
            if (readExactly(fd, request.size(), 3000, combo.clientQuickAck, &error).isEmpty()) {
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
        const QByteArray reply = lab::readLine(fd, 3000, &error);
        if (reply.isEmpty()) {
            m.error = error;
            break;
        }
        m.rttMs << double(rtt.nsecsElapsed()) / 1e6;
        if (combo.clientQuickAck)
            rearmQuickAck(fd);
    }
    client.value().reset();
    server.stop();
    return m;
}

QString onOff(bool v) { return v ? QStringLiteral("on") : QStringLiteral("off"); }

} // namespace

QString NagleExperiment::title() const
{
    return tr("Nagle and delayed ACK");
}

WireSpec NagleExperiment::defaultProfile()
{
    WireSpec spec;
    spec.c2s.delayMs = 20;
    spec.s2c.delayMs = 20;
    return spec;
}

QString NagleExperiment::explanation() const
{
    return tr("Across the wire (%1 ms each way by default; --wire '' for a clean wire, like loopback) the client writes each request in two small pieces, then waits for the reply, %2 times per combination of TCP_NODELAY and TCP_QUICKACK.\n"
              "With Nagle on at the client, the second piece waits for the ACK of the first, which the server delays (~40 ms): the capture shows the held piece and the late ACK. "
              "The last rows turn it around: the server writes each reply in two pieces with Nagle on, and the client's delayed ACK holds the second piece unless the client re-arms TCP_QUICKACK after every read.")
        .arg(defaultProfile().c2s.delayMs)
        .arg(exchanges);
}

ExperimentResult NagleExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultProfile(), result);
    if (!path)
        return result;
    const double wireRtt = path->addedRoundTripMs();
    // A stall: the exchange took the wire's round trip plus at least half the delayed-ACK minimum.
    const double stallMs = wireRtt + kStallMs;

    ResultTable table;
    table.title = tr("Round trip per combination");
    table.columns = QStringList{tr("combination"), tr("split writes"), tr("client NODELAY"), tr("server NODELAY"), tr("server QUICKACK"),
                                tr("client QUICKACK"), tr("exchanges"), tr("min ms"), tr("median ms"), tr("p90 ms"),
                                tr("max ms"), tr("stalls >= %1 ms").arg(stallMs), tr("2nd piece held ms (capture, median)"),
                                tr("releasing ACK's delay ms (capture, median)"), tr("delayed releasing ACKs (capture)")};
    ResultTable samples;
    samples.title = tr("Every round trip (ms)");
    samples.columns = QStringList{tr("combination"), tr("exchange"), tr("round trip ms")};

    ChartData chart;
    chart.kind = ChartKind::Bar;
    chart.title = tr("Request round trip: two small writes, then read (wire round trip %1 ms)").arg(wireRtt);
    chart.xLabel = tr("combination");
    chart.yLabel = tr("round trip (ms)");
    ChartSeries median{tr("median"), {}, {}};
    ChartSeries ninety{tr("90th percentile"), {}, {}};
    ChartSeries worst{tr("max"), {}, {}};
    ChartSeries held{tr("2nd piece held (capture, median)"), {}, {}};

    const int count = int(std::size(kCombinations));
    QList<Measurement> measured;
    for (int c = 0; c < count; ++c) {
        const Combination &combo = kCombinations[c];
        const QString label = QCoreApplication::translate("Experiment", combo.label);
        context.progress(5 + 85 * c / count, label);
        const Measurement m = measure(combo, *path, exchanges, context);
        if (context.cancelled())
            return cancelledResult();
        if (!m.error.isEmpty() && m.rttMs.isEmpty())
            return failedResult(tr("%1: %2").arg(label, m.error));
        if (!m.error.isEmpty())
            result.notes << tr("%1: stopped after %2 exchanges: %3").arg(label).arg(m.rttMs.size()).arg(m.error);
        measured << m;
        if (QLatin1String(combo.key) == QLatin1String("nagle_both"))
            path->requestLadder(m.firstPosition, 24); // the handshake and the first stalled exchanges
    }
    context.progress(92, tr("reading the capture"));
    path->finish(result);
    const QList<lab::CapturedConnection> captured = lab::capturedConnections(path->packets());

    QMap<QString, double> medians;
    QMap<QString, double> holds;
    for (int c = 0; c < count; ++c) {
        const Combination &combo = kCombinations[c];
        const Measurement &m = measured[c];
        const QString label = QCoreApplication::translate("Experiment", combo.label);
        int stalls = 0;
        for (double v : m.rttMs)
            stalls += v >= stallMs ? 1 : 0;
        const double med = lab::percentile(m.rttMs, 50);
        const double p90 = lab::percentile(m.rttMs, 90);
        const double mx = lab::percentile(m.rttMs, 100);
        const double mn = lab::percentile(m.rttMs, 0);
        const Held h = heldOf(lab::connectionOfClientPort(captured, m.clientPort), combo.split == Split::Request);
        const double holdMed = lab::percentile(h.holdMs, 50);
        const double ackMed = lab::percentile(h.ackDelayMs, 50);
        table.addRow({label, combo.split == Split::Reply ? tr("server's reply") : tr("client's request"), onOff(combo.clientNodelay), onOff(combo.serverNodelay), onOff(combo.serverQuickAck),
                      onOff(combo.clientQuickAck), int(m.rttMs.size()), mn, med, p90, mx, stalls, holdMed, ackMed, h.delayedAcks});
        for (int i = 0; i < m.rttMs.size(); ++i)
            samples.addRow({label, i + 1, m.rttMs[i]});
        chart.categories << label;
        median.values << med;
        ninety.values << p90;
        worst.values << mx;
        held.values << (std::isnan(holdMed) ? 0.0 : holdMed);
        const QString key = QString::fromLatin1(combo.key);
        medians[key] = med;
        holds[key] = holdMed;
        result.metrics[key + QStringLiteral(".median_ms")] = med;
        result.metrics[key + QStringLiteral(".p90_ms")] = p90;
        result.metrics[key + QStringLiteral(".max_ms")] = mx;
        result.metrics[key + QStringLiteral(".min_ms")] = mn;
        result.metrics[key + QStringLiteral(".stalls")] = stalls;
        result.metrics[key + QStringLiteral(".exchanges")] = int(m.rttMs.size());
        result.metrics[key + QStringLiteral(".hold_median_ms")] = h.holdMs.isEmpty() ? QVariant() : QVariant(holdMed);
        result.metrics[key + QStringLiteral(".held_pieces")] = int(h.holdMs.size());
        result.metrics[key + QStringLiteral(".ack_delay_median_ms")] = h.ackDelayMs.isEmpty() ? QVariant() : QVariant(ackMed);
        result.metrics[key + QStringLiteral(".delayed_acks")] = h.delayedAcks;
    }
    chart.series << median << ninety << worst << held;
    result.chart = chart;
    result.tables << table << samples;
    result.metrics[QStringLiteral("wire_round_trip_ms")] = wireRtt;
    result.metrics[QStringLiteral("stall_threshold_ms")] = stallMs;

    auto ms = [](double v) { return QString::number(v, 'f', v >= 1 ? 1 : 3); };
    const double stalled = medians.value(QStringLiteral("nagle_both"));
    const double fixed = medians.value(QStringLiteral("client_nodelay"));
    const double heldStalled = holds.value(QStringLiteral("nagle_both"));
    const double heldFixed = holds.value(QStringLiteral("client_nodelay"));
    const bool stallSeen = stalled >= fixed + kStallMs;
    if (stallSeen)
        result.findings << tr("With Nagle on at the client, each request waited for the server's delayed ACK: median %1 ms against %2 ms with client TCP_NODELAY, over a wire round trip of %3 ms. "
                              "The capture shows the second piece held %4 ms after the first (median; %5 ms with TCP_NODELAY), released by the server's ACK %6 ms after the first piece reached it.")
                               .arg(ms(stalled), ms(fixed), ms(wireRtt), ms(heldStalled), ms(heldFixed))
                               .arg(ms(result.metrics.value(QStringLiteral("nagle_both.ack_delay_median_ms")).toDouble()));
    else
        result.findings << tr("No delayed-ACK stall showed this time (median %1 ms with Nagle, %2 ms with client TCP_NODELAY, wire round trip %3 ms; the second piece held %4 ms): "
                              "the server acknowledged the first piece at once.")
                               .arg(ms(stalled), ms(fixed), ms(wireRtt), ms(heldStalled));
    const double replyStalled = medians.value(QStringLiteral("reply_delayed_ack"));
    const double replyRearmed = medians.value(QStringLiteral("reply_client_quickack"));
    const bool replyStallSeen = replyStalled >= replyRearmed + kStallMs;
    if (replyStallSeen)
        result.findings << tr("With the server's reply in two writes and Nagle on at the server, the second write waited for the client's delayed ACK: median %1 ms with TCP_QUICKACK set once before connect(); "
                              "with the client re-arming TCP_QUICKACK after every read: %2 ms (the server's second piece held %3 ms against %4 ms).")
                               .arg(ms(replyStalled), ms(replyRearmed), ms(holds.value(QStringLiteral("reply_delayed_ack"))), ms(holds.value(QStringLiteral("reply_client_quickack"))));
    else
        result.findings << tr("No reply stall showed this time (median %1 ms with the client delaying its ACKs, %2 ms with TCP_QUICKACK re-armed at the client).")
                               .arg(ms(replyStalled), ms(replyRearmed));
    // One sentence per remaining combination, with the verdict taken from its own numbers.
    for (const Combination &combo : kCombinations) {
        const QString key = QString::fromLatin1(combo.key);
        if (key == QLatin1String("nagle_both") || key == QLatin1String("client_nodelay") || key == QLatin1String("reply_delayed_ack")
            || key == QLatin1String("reply_client_quickack"))
            continue;
        const double med = medians.value(key);
        result.findings << tr("%1: median %2 ms, %3 of %4 round trips stalled, second piece held %5 ms.")
                               .arg(QCoreApplication::translate("Experiment", combo.label))
                               .arg(ms(med))
                               .arg(result.metrics.value(key + QStringLiteral(".stalls")).toInt())
                               .arg(result.metrics.value(key + QStringLiteral(".exchanges")).toInt())
                               .arg(ms(holds.value(key)));
    }
    result.metrics[QStringLiteral("stall_seen")] = stallSeen;
    result.metrics[QStringLiteral("reply_stall_seen")] = replyStallSeen;
    result.notes << tr("Why: Nagle holds a small segment while an earlier small one is unacknowledged; the server delays its ACK (at least 40 ms) hoping to piggy-back it on a reply, "
                       "and it has no reply until the second piece arrives. Across the wire the held piece waits a whole round trip even with an immediate ACK; the delayed ACK adds its timer on top. "
                       "TCP_NODELAY at the client, or an immediate ACK at the server (TCP_QUICKACK re-armed after every read), breaks the wait; "
                       "TCP_NODELAY at the server and TCP_QUICKACK at the client act on the other direction: the server's reply in two writes.");
    result.notes << tr("TCP_QUICKACK is not sticky: the kernel returns to delayed ACKs as soon as the client sends soon after receiving, so setting it once before connect() "
                       "changes nothing after the first exchange; the lab's client sets it again after every read.");
    result.notes << tr("Each combination uses one persistent connection in threaded mode across the wire (a Line server; for the reply rows a Byte server reading 4 bytes per recv()); "
                       "a stall is a round trip of %1 ms or more (the wire's %2 ms + %3 ms). The ladder below shows the first exchanges of \"%4\".")
                        .arg(ms(stallMs), ms(wireRtt), ms(kStallMs), QCoreApplication::translate("Experiment", kCombinations[0].label));
    return result;
}

} // namespace tcplab
