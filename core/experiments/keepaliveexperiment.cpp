#include "keepaliveexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "experimentwire.h"
#include "server.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

#include <arpa/inet.h>
#include <cerrno>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr int kSampleMs = 100;
constexpr int kMinIdlePhaseMs = 2500;
constexpr int kMaxIdlePhaseMs = 6000;
constexpr int kCutPhaseLimitMs = 9000;

qint64 realtimeNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

quint16 localPortOf(int fd)
{
    sockaddr_in local{};
    socklen_t len = sizeof(local);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len);
    return ntohs(local.sin_port);
}

WireSpec cutBothWays(WireSpec spec)
{
    spec.c2s.cut = true;
    spec.s2c.cut = true;
    return spec;
}

struct Sample
{
    double seconds = 0;
    QString phase;
    bool serverOpen = false;
    TcpInfoSnapshot server;
    TcpInfoSnapshot client;
};

// What the capture shows of one connection's keep-alive probes around a cut.
struct ProbeFigures
{
    int probesBefore = 0;   // delivered while the wire was whole
    int answersBefore = 0;  // the client's ACKs that followed a delivered probe
    int probesAfter = 0;    // sent after the cut (the wire dropped them)
    int answersAfter = 0;   // any client segment delivered after the cut
    QList<double> spacingAfterS; // between consecutive probes after the cut
    QList<double> spacingBeforeS;
    double firstProbeAfterCutS = -1; // cut .. first unanswered probe
    double lastProbeToRstS = -1;     // last probe .. the server's RST (when it sent one)
    bool rstAfterCut = false;
    QList<double> probeTimesS;       // every probe, seconds since the run's clock origin
};

// Only packets sent between the cut and the restore count as "after the cut".
ProbeFigures probeFigures(const lab::CapturedConnection *c, qint64 cutNs, qint64 restoredNs, qint64 originNs)
{
    ProbeFigures f;
    if (!c)
        return f;
    qint64 previousBefore = -1;
    qint64 previousAfter = -1;
    qint64 lastProbeAfter = -1;
    bool awaitingAnswer = false;
    for (const lab::CapturedSegment &s : c->segments) {
        if (s.packet.sentNs >= restoredNs)
            break;
        const bool after = s.packet.sentNs >= cutNs;
        if (!s.fromClient() && s.annotation.keepAlive) {
            f.probeTimesS << double(s.packet.sentNs - originNs) / 1e9;
            if (after) {
                ++f.probesAfter;
                if (previousAfter >= 0)
                    f.spacingAfterS << double(s.packet.sentNs - previousAfter) / 1e9;
                else
                    f.firstProbeAfterCutS = double(s.packet.sentNs - cutNs) / 1e9;
                previousAfter = s.packet.sentNs;
                lastProbeAfter = s.packet.sentNs;
            } else if (s.delivered()) {
                ++f.probesBefore;
                if (previousBefore >= 0)
                    f.spacingBeforeS << double(s.packet.sentNs - previousBefore) / 1e9;
                previousBefore = s.packet.sentNs;
                awaitingAnswer = true;
            }
            continue;
        }
        if (s.fromClient() && after && s.delivered())
            ++f.answersAfter;
        if (s.fromClient() && !after && awaitingAnswer && s.decoded.isPureAck() && s.delivered()) {
            ++f.answersBefore;
            awaitingAnswer = false;
        }
        if (!s.fromClient() && after && s.has(tcpflag::Rst) && !f.rstAfterCut) {
            f.rstAfterCut = true;
            if (lastProbeAfter >= 0)
                f.lastProbeToRstS = double(s.packet.sentNs - lastProbeAfter) / 1e9;
        }
    }
    return f;
}

class KeepAliveRun
{
public:
    KeepAliveRun(const KeepAliveExperiment &spec, const ExperimentContext &context, ExperimentWire &path)
        : m_spec(spec), m_context(context), m_path(path)
    {
    }

    ExperimentResult result;
    bool cancelled = false;
    QString failure;

    void run()
    {
        m_originNs = realtimeNs();
        m_clock.start();
        if (!runKeepCnt())
            return;
        if (m_spec.userTimeoutMs > 0 && !runUserTimeout())
            return;
        m_context.progress(95, tr("reading the capture"));
        m_path.finish(result);
        build();
    }

private:
    double seconds() const { return double(m_clock.elapsed()) / 1000.0; }

    ServerConfig config(int keepCnt, int userTimeoutMs) const
    {
        ServerConfig c = lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
        c.setValue(QStringLiteral("keepalive"), true);
        c.setValue(QStringLiteral("keepidle"), m_spec.keepIdle);
        c.setValue(QStringLiteral("keepintvl"), m_spec.keepIntvl);
        c.setValue(QStringLiteral("keepcnt"), keepCnt);
        if (userTimeoutMs > 0)
            c.setValue(QStringLiteral("user-timeout"), userTimeoutMs);
        // Warnings carry the reason the engine closed the connection (recv: ETIMEDOUT).
        c.setValue(QStringLiteral("log-level"), QStringLiteral("warning"));
        return c;
    }

    bool startServer(Server &server, QStringList *closeReasons, int keepCnt, int userTimeoutMs)
    {
        QObject::connect(server.events(), &EventHub::eventsReady, server.events(), [closeReasons](const EventBatch &batch) {
            for (const ServerEvent &e : batch) {
                if (e.kind == EventKind::Closed || e.kind == EventKind::Error)
                    closeReasons->append(e.text);
            }
        });
        if (Error e = m_path.startServer(server, config(keepCnt, userTimeoutMs))) {
            failure = e.text();
            return false;
        }
        return true;
    }

    // The accepted connection's id once the server has it, else 0 (failure set).
    quint64 acceptedId(Server &server)
    {
        QElapsedTimer wait;
        wait.start();
        while (server.connectionSnapshot(false).isEmpty() && wait.elapsed() < 3000)
            m_context.sleep(5);
        const QList<ConnectionInfo> open = server.connectionSnapshot(false);
        if (open.isEmpty()) {
            failure = tr("the server did not accept the connection");
            return 0;
        }
        return open.first().id;
    }

    // A client connected across the wire to server, its local port in *clientPort and the
    // server's id of the connection in *id; invalid (failure says why) when either failed.
    FileDescriptor connectClient(Server &server, quint16 *clientPort, quint64 *id)
    {
        Result<FileDescriptor> client = m_path.connect(server.port());
        if (!client) {
            failure = client.error().text();
            return {};
        }
        *clientPort = localPortOf(client.value().get());
        *id = acceptedId(server);
        if (!*id)
            return {};
        return client.take();
    }

    // Samples until the phase time passes, or (stopWhenClosed) the server's socket is gone.
    // Returns the seconds at which it was seen gone (-1: still open).
    double samplePhase(Server &server, quint64 id, int clientFd, const QString &phase, int limitMs, bool stopWhenClosed)
    {
        QElapsedTimer phaseClock;
        phaseClock.start();
        while (phaseClock.elapsed() < limitMs) {
            QElapsedTimer tick;
            tick.start();
            Sample s;
            s.seconds = seconds();
            s.phase = phase;
            s.serverOpen = server.connections()->withDescriptor(id, [&](int fd) { s.server = readTcpInfo(fd); });
            s.client = readTcpInfo(clientFd);
            m_samples.append(s);
            server.events()->flush();
            if (stopWhenClosed && !s.serverOpen)
                return s.seconds;
            if (!m_context.sleep(int(std::max<qint64>(10, kSampleMs - tick.elapsed())))) {
                cancelled = true;
                return -1;
            }
        }
        return -1;
    }

    bool runKeepCnt()
    {
        Server server;
        if (!startServer(server, &m_closeReasons, m_spec.keepCnt, 0))
            return false;
        quint64 id = 0;
        FileDescriptor client = connectClient(server, &m_clientPort, &id);
        if (!client.isValid())
            return false;
        const int clientFd = client.get();
        m_clientKeepAlive = lab::socketIntOption(clientFd, SOL_SOCKET, SO_KEEPALIVE);

        m_context.progress(5, tr("idle connection, peer answering the probes"));
        // Long enough for the first probe (KEEPIDLE) and one more (KEEPINTVL).
        const int idleMs = std::clamp((m_spec.keepIdle + m_spec.keepIntvl) * 1000 + 500, kMinIdlePhaseMs, kMaxIdlePhaseMs);
        samplePhase(server, id, clientFd, tr("idle, peer present"), idleMs, false);
        if (cancelled)
            return false;

        m_context.progress(30, tr("cutting the wire both ways"));
        m_cutNs = realtimeNs();
        m_cutAt = seconds();
        m_path.requestLadder(0, 60); // the whole run is a few dozen packets: probes, answers, the cut, the RSTs
        if (Error e = m_path.setSpec(cutBothWays(m_path.spec()))) {
            failure = e.text();
            return false;
        }
        const WireSpec whole = m_path.spec();
        m_closedAt = samplePhase(server, id, clientFd, tr("wire cut"), kCutPhaseLimitMs, true);
        if (cancelled)
            return false;
        WireSpec restored = whole;
        restored.c2s.cut = restored.s2c.cut = false;
        m_restoredNs = realtimeNs();
        if (Error e = m_path.setSpec(restored))
            result.notes << e.text();

        m_context.progress(55, tr("wire restored: the client writes on its half-open connection"));
        // The client never heard of the end: it still believes the connection is established.
        m_clientStateAfter = readTcpInfo(clientFd).stateName();
        if (lab::sendAll(clientFd, QByteArrayLiteral("still there?\n"))) {
            pollfd p{clientFd, POLLIN, 0};
            ::poll(&p, 1, 1000);
            char buf[64];
            const ssize_t n = ::recv(clientFd, buf, sizeof(buf), MSG_DONTWAIT);
            m_clientWriteOutcome = n < 0 ? errnoName(errno) : (n == 0 ? tr("closed") : tr("reply"));
        } else {
            m_clientWriteOutcome = errnoName(errno);
        }
        client.reset();
        server.stop();
        server.events()->flush();
        return true;
    }

    bool runUserTimeout()
    {
        m_context.progress(60, tr("TCP_USER_TIMEOUT %1 ms with KEEPCNT %2: cut right after the handshake").arg(m_spec.userTimeoutMs).arg(m_spec.userTimeoutKeepCnt));
        Server server;
        if (!startServer(server, &m_utCloseReasons, m_spec.userTimeoutKeepCnt, m_spec.userTimeoutMs))
            return false;
        quint64 id = 0;
        FileDescriptor client = connectClient(server, &m_utClientPort, &id);
        if (!client.isValid())
            return false;
        const int clientFd = client.get();
        m_utCutNs = realtimeNs();
        const double cutAt = seconds();
        if (Error e = m_path.setSpec(cutBothWays(m_path.spec()))) {
            failure = e.text();
            return false;
        }
        const int limitMs = std::min(kCutPhaseLimitMs, m_spec.keepIdle * 1000 + m_spec.userTimeoutMs + 2 * m_spec.keepIntvl * 1000 + 1000);
        const double closedAt = samplePhase(server, id, clientFd, tr("wire cut, TCP_USER_TIMEOUT"), limitMs, true);
        if (cancelled)
            return false;
        m_utSecondsToClose = closedAt >= 0 ? closedAt - cutAt : -1.0;
        WireSpec restored = m_path.spec();
        restored.c2s.cut = restored.s2c.cut = false;
        m_utRestoredNs = realtimeNs();
        if (Error e = m_path.setSpec(restored))
            result.notes << e.text();
        client.reset();
        server.stop();
        server.events()->flush();
        return true;
    }

    void build()
    {
        const QList<lab::CapturedConnection> captured = lab::capturedConnections(m_path.packets());
        const ProbeFigures f = probeFigures(lab::connectionOfClientPort(captured, m_clientPort), m_cutNs, m_restoredNs, m_originNs);
        const ProbeFigures ut = probeFigures(lab::connectionOfClientPort(captured, m_utClientPort), m_utCutNs, m_utRestoredNs, m_originNs);

        ResultTable probes;
        probes.title = tr("Keep-alive probes in the capture (server -> client)");
        probes.columns = QStringList{tr("connection"), tr("phase"), tr("probes"), tr("answered"), tr("spacing min s"), tr("spacing median s"), tr("spacing max s")};
        auto spacing = [](const QList<double> &v, double p) { return v.isEmpty() ? QVariant() : QVariant(lab::percentile(v, p)); };
        probes.addRow({1, tr("wire whole"), f.probesBefore, f.answersBefore, spacing(f.spacingBeforeS, 0), spacing(f.spacingBeforeS, 50), spacing(f.spacingBeforeS, 100)});
        probes.addRow({1, tr("wire cut"), f.probesAfter, f.answersAfter, spacing(f.spacingAfterS, 0), spacing(f.spacingAfterS, 50), spacing(f.spacingAfterS, 100)});
        if (m_spec.userTimeoutMs > 0)
            probes.addRow({2, tr("wire cut, TCP_USER_TIMEOUT %1 ms").arg(m_spec.userTimeoutMs), ut.probesAfter, ut.answersAfter, spacing(ut.spacingAfterS, 0),
                           spacing(ut.spacingAfterS, 50), spacing(ut.spacingAfterS, 100)});

        ResultTable table;
        table.title = tr("Server socket over time (TCP_INFO)");
        table.columns = QStringList{tr("time s"), tr("phase"), tr("server state"), tr("segments sent (tcpi_segs_out)"), tr("segments received (tcpi_segs_in)"),
                                    tr("unanswered probes (tcpi_probes)"), tr("client state")};
        ChartSeries unanswered{tr("unanswered probes (server tcpi_probes)"), {}, {}};
        ChartSeries alive{tr("server socket open (1) / gone (0)"), {}, {}};
        ChartSeries reachable{tr("wire whole (1) / cut (0)"), {}, {}};
        for (const Sample &s : std::as_const(m_samples)) {
            const bool open = s.serverOpen && s.server.valid;
            table.addRow({s.seconds, s.phase, open ? s.server.stateName() : tr("closed"), open ? QVariant(qlonglong(s.server.segsOut)) : QVariant(),
                          open ? QVariant(qlonglong(s.server.segsIn)) : QVariant(), open ? QVariant(int(s.server.probes)) : QVariant(), s.client.stateName()});
            unanswered.xs << s.seconds;
            unanswered.values << (open ? double(s.server.probes) : 0.0);
            alive.xs << s.seconds;
            alive.values << (open ? 1.0 : 0.0);
            reachable.xs << s.seconds;
            reachable.values << (s.phase.startsWith(tr("wire cut")) ? 0.0 : 1.0);
        }
        ChartSeries sent{tr("keep-alive probes sent (capture, running count)"), {}, {}};
        for (int i = 0; i < f.probeTimesS.size(); ++i) {
            sent.xs << f.probeTimesS[i];
            sent.values << double(i + 1);
        }
        result.tables << probes << table;
        result.chart.kind = ChartKind::Line;
        result.chart.title = tr("Keep-alive %1/%2/%3 (idle s / interval s / count) across the wire").arg(m_spec.keepIdle).arg(m_spec.keepIntvl).arg(m_spec.keepCnt);
        result.chart.xLabel = tr("time (s)");
        result.chart.yLabel = tr("probes / open");
        result.chart.series << sent << unanswered << alive << reachable;

        const bool closed = m_closedAt >= 0;
        const double took = closed ? m_closedAt - m_cutAt : -1.0;
        const QString reason = m_closeReasons.isEmpty() ? QString() : m_closeReasons.first();
        const QString utReason = m_utCloseReasons.isEmpty() ? QString() : m_utCloseReasons.first();
        const double spacingMedian = f.spacingAfterS.isEmpty() ? -1.0 : lab::percentile(f.spacingAfterS, 50);
        result.metrics = QVariantMap{{"keepidle_s", m_spec.keepIdle},
                                     {"keepintvl_s", m_spec.keepIntvl},
                                     {"keepcnt", m_spec.keepCnt},
                                     {"samples", int(m_samples.size())},
                                     {"probes_peer_present", f.probesBefore},
                                     {"answered_peer_present", f.answersBefore},
                                     {"probes_after_cut", f.probesAfter},
                                     {"answers_after_cut", f.answersAfter},
                                     {"probe_spacing_median_s", spacingMedian},
                                     {"probe_spacing_min_s", f.spacingAfterS.isEmpty() ? -1.0 : lab::percentile(f.spacingAfterS, 0)},
                                     {"probe_spacing_max_s", f.spacingAfterS.isEmpty() ? -1.0 : lab::percentile(f.spacingAfterS, 100)},
                                     {"first_probe_after_cut_s", f.firstProbeAfterCutS},
                                     {"rst_after_cut", f.rstAfterCut},
                                     {"last_probe_to_rst_s", f.lastProbeToRstS},
                                     {"server_closed", closed},
                                     {"seconds_to_close", took},
                                     {"close_reason", reason},
                                     {"client_so_keepalive", m_clientKeepAlive},
                                     {"client_state_after", m_clientStateAfter},
                                     {"client_write_after", m_clientWriteOutcome}};

        if (f.probesBefore > 0)
            result.findings << tr("With the wire whole, the capture shows %1 keep-alive probe(s) from the server (a segment one byte below what it had sent, no data) %2; the client answered %3 with an ACK.")
                                   .arg(f.probesBefore)
                                   .arg(f.spacingBeforeS.isEmpty() ? tr("in the idle time") : tr("%1 s apart (median)").arg(lab::percentile(f.spacingBeforeS, 50), 0, 'f', 2))
                                   .arg(f.answersBefore);
        else
            result.findings << tr("With the wire whole, no keep-alive probe crossed in %1 s of silence (KEEPIDLE %2 s).").arg(m_cutAt, 0, 'f', 1).arg(m_spec.keepIdle);
        result.findings << tr("After the cut the server sent %1 unanswered probe(s) (KEEPCNT %2), the first %3 s after the cut, then %4 s apart (median; KEEPINTVL %5 s)%6.")
                               .arg(f.probesAfter)
                               .arg(m_spec.keepCnt)
                               .arg(f.firstProbeAfterCutS, 0, 'f', 2)
                               .arg(spacingMedian, 0, 'f', 2)
                               .arg(m_spec.keepIntvl)
                               .arg(f.rstAfterCut ? tr("; %1 s after the last one it sent an RST, which the cut wire dropped").arg(f.lastProbeToRstS, 0, 'f', 2) : QString());
        if (closed)
            result.findings << tr("The kernel dropped the server's connection %1 s after the cut (sampled every %2 ms); the server's log gave: %3.")
                                   .arg(took, 0, 'f', 2)
                                   .arg(kSampleMs)
                                   .arg(reason.isEmpty() ? tr("no close reason") : reason);
        else
            result.findings << tr("The server's connection was still open %1 s after the cut.").arg(kCutPhaseLimitMs / 1000);
        result.findings << tr("The client (SO_KEEPALIVE read back: %1) still saw its connection as %2 (TCP_INFO); its write once the wire was back got: %3.")
                               .arg(m_clientKeepAlive < 0 ? tr("unreadable") : m_clientKeepAlive ? tr("on") : tr("off"))
                               .arg(m_clientStateAfter)
                               .arg(m_clientWriteOutcome);

        if (m_spec.userTimeoutMs > 0) {
            const double keepCntWouldTake = double(m_spec.keepIdle + m_spec.userTimeoutKeepCnt * m_spec.keepIntvl);
            result.metrics[QStringLiteral("ut.user_timeout_ms")] = m_spec.userTimeoutMs;
            result.metrics[QStringLiteral("ut.keepcnt")] = m_spec.userTimeoutKeepCnt;
            result.metrics[QStringLiteral("ut.probes_after_cut")] = ut.probesAfter;
            result.metrics[QStringLiteral("ut.seconds_to_close")] = m_utSecondsToClose;
            result.metrics[QStringLiteral("ut.close_reason")] = utReason;
            result.metrics[QStringLiteral("ut.keepcnt_would_take_s")] = keepCntWouldTake;
            if (m_utSecondsToClose >= 0)
                result.findings << tr("With TCP_USER_TIMEOUT %1 ms and KEEPCNT %2, the second connection, cut right after its handshake, sent %3 probe(s) and was dropped %4 s after the cut "
                                      "(log: %5): the user timeout ended it, not KEEPCNT, whose %2 probes would have taken %6 s.")
                                       .arg(m_spec.userTimeoutMs)
                                       .arg(m_spec.userTimeoutKeepCnt)
                                       .arg(ut.probesAfter)
                                       .arg(m_utSecondsToClose, 0, 'f', 2)
                                       .arg(utReason.isEmpty() ? tr("no close reason") : utReason)
                                       .arg(keepCntWouldTake, 0, 'f', 0);
            else
                result.findings << tr("With TCP_USER_TIMEOUT %1 ms and KEEPCNT %2, the second connection was still open at the end (%3 probes sent).")
                                       .arg(m_spec.userTimeoutMs)
                                       .arg(m_spec.userTimeoutKeepCnt)
                                       .arg(ut.probesAfter);
        }
        result.notes << tr("The wire was cut both ways (cut in its spec): every packet, the probes and the server's final RST included, was dropped, so neither side heard of the other; "
                           "the probes were picked from the capture (a server segment whose sequence number is one below what it had sent, carrying at most one byte).");
        result.notes << tr("Why: with TCP_USER_TIMEOUT set, the keep-alive timer gives up once that long has passed since the last thing heard from the peer (and at least one probe is out), "
                           "whatever KEEPCNT says.");
    }

    const KeepAliveExperiment &m_spec;
    const ExperimentContext &m_context;
    ExperimentWire &m_path;
    QElapsedTimer m_clock;
    qint64 m_originNs = 0;
    QList<Sample> m_samples;
    QStringList m_closeReasons;
    QStringList m_utCloseReasons;
    quint16 m_clientPort = 0;
    quint16 m_utClientPort = 0;
    qint64 m_cutNs = 0;
    qint64 m_restoredNs = 0;
    qint64 m_utCutNs = 0;
    qint64 m_utRestoredNs = 0;
    double m_cutAt = -1;
    double m_closedAt = -1;
    double m_utSecondsToClose = -1;
    QString m_clientStateAfter;
    QString m_clientWriteOutcome;
    int m_clientKeepAlive = -1;
};

} // namespace

WireSpec KeepAliveExperiment::defaultProfile()
{
    WireSpec spec;
    spec.c2s.delayMs = 5;
    spec.s2c.delayMs = 5;
    return spec;
}

QString KeepAliveExperiment::title() const
{
    return tr("Keep-alive");
}

QString KeepAliveExperiment::explanation() const
{
    return tr("An idle connection across the wire with KEEPIDLE %1 s, KEEPINTVL %2 s, KEEPCNT %3: watch the probes the server sends to the silent peer and the ACKs that answer them (capture).\n"
              "Then the wire is cut: count the unanswered probes and their spacing until the kernel drops the connection with ETIMEDOUT; last, TCP_USER_TIMEOUT %4 ms ends a connection before KEEPCNT %5 would.")
        .arg(keepIdle)
        .arg(keepIntvl)
        .arg(keepCnt)
        .arg(userTimeoutMs)
        .arg(userTimeoutKeepCnt);
}

ExperimentResult KeepAliveExperiment::run(const ExperimentContext &context)
{
    ExperimentResult unavailable;
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultProfile(), unavailable);
    if (!path)
        return unavailable;
    KeepAliveRun run(*this, context, *path);
    run.run();
    if (run.cancelled || context.cancelled())
        return cancelledResult();
    if (!run.failure.isEmpty())
        return failedResult(run.failure);
    ExperimentResult result = run.result;
    result.name = name();
    result.title = title();
    return result;
}

} // namespace tcplab
