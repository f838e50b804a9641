#include "keepaliveexperiment.h"

#include "experimentsupport.h"
#include "server.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr int kSampleMs = 250;
constexpr int kProcShare = 4; // /proc/net/tcp may take at most 1/kProcShare of the sampling time
constexpr int kMinIdlePhaseMs = 2500;
constexpr int kMaxIdlePhaseMs = 6000;
constexpr int kCutPhaseLimitMs = 9000;

struct Sample
{
    double seconds = 0;
    QString phase;
    bool serverOpen = false;
    TcpInfoSnapshot server;
    ProcTcpSocket proc;
    bool procFound = false;
    TcpInfoSnapshot client;
};

class KeepAliveRun
{
public:
    KeepAliveRun(const KeepAliveExperiment &spec, const ExperimentContext &context, bool canCut)
        : m_spec(spec), m_context(context), m_canCut(canCut)
    {
    }

    ExperimentResult result;
    bool cancelled = false;
    QString failure;

    void run()
    {
        ServerConfig config = lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("keepalive"), true);
        config.setValue(QStringLiteral("keepidle"), m_spec.keepIdle);
        config.setValue(QStringLiteral("keepintvl"), m_spec.keepIntvl);
        config.setValue(QStringLiteral("keepcnt"), m_spec.keepCnt);
        // Warnings carry the reason the engine closed the connection (recv: ETIMEDOUT).
        config.setValue(QStringLiteral("log-level"), QStringLiteral("warning"));
        Server server;
        QObject::connect(server.events(), &EventHub::eventsReady, server.events(), [this](const EventBatch &batch) {
            for (const ServerEvent &e : batch) {
                if (e.kind == EventKind::Closed || e.kind == EventKind::Error)
                    m_closeReasons << e.text;
            }
        });
        if (Error e = server.start(config)) {
            failure = e.text();
            return;
        }
        Result<FileDescriptor> client = lab::connectLoopback(server.port());
        if (!client) {
            failure = client.error().text();
            return;
        }
        const int clientFd = client.value().get();
        sockaddr_in local{};
        socklen_t len = sizeof(local);
        ::getsockname(clientFd, reinterpret_cast<sockaddr *>(&local), &len);
        m_clientPort = ntohs(local.sin_port);
        m_serverPort = server.port();

        QElapsedTimer wait;
        wait.start();
        while (server.connectionSnapshot(false).isEmpty() && wait.elapsed() < 2000)
            m_context.sleep(5);
        const QList<ConnectionInfo> open = server.connectionSnapshot(false);
        if (open.isEmpty()) {
            failure = tr("the server did not accept the connection");
            return;
        }
        const quint64 id = open.first().id;

        m_clientKeepAlive = lab::socketIntOption(clientFd, SOL_SOCKET, SO_KEEPALIVE);
        readProcRow(nullptr); // what one read costs here, before the sampling starts
        m_clock.start();
        m_context.progress(10, tr("idle connection, peer answering the probes"));
        m_countersBefore = readNetCounters();
        // Long enough for the first probe (KEEPIDLE) and one more (KEEPINTVL).
        const int idleMs = std::clamp((m_spec.keepIdle + m_spec.keepIntvl) * 1000 + 500, kMinIdlePhaseMs, kMaxIdlePhaseMs);
        if (!samplePhase(server, id, clientFd, tr("idle, peer present"), idleMs, false))
            return;
        m_countersIdleEnd = readNetCounters();

        if (!m_canCut) {
            finish(server);
            return;
        }
        m_context.progress(40, tr("cutting the path to the peer (lo down)"));
        if (Error e = netns::setInterfaceUp("lo", false)) {
            failure = e.text();
            return;
        }
        m_cutAt = seconds();
        const bool went = samplePhase(server, id, clientFd, tr("peer vanished"), kCutPhaseLimitMs, true);
        if (Error e = netns::setInterfaceUp("lo", true))
            result.notes << e.text();
        if (!went)
            return;

        m_context.progress(85, tr("path restored: the client writes on its half-open connection"));
        // The client never heard of the end: it still believes the connection is established.
        m_clientStateAfter = readTcpInfo(clientFd).stateName();
        if (lab::sendAll(clientFd, QByteArrayLiteral("still there?\n"))) {
            pollfd p{clientFd, POLLIN, 0};
            ::poll(&p, 1, 1000);
            char buf[64];
            const ssize_t n = ::recv(clientFd, buf, sizeof(buf), MSG_DONTWAIT);
            m_clientWriteOutcome = n < 0 ? (errno == ECONNRESET ? QStringLiteral("ECONNRESET") : errnoName(errno))
                                         : (n == 0 ? tr("closed") : tr("reply"));
        } else {
            m_clientWriteOutcome = errnoName(errno);
        }
        finish(server);
    }

private:
    double seconds() const { return double(m_clock.elapsed()) / 1000.0; }

    // Samples until the phase time passes, or (stopWhenClosed) the server's socket is gone.
    bool samplePhase(Server &server, quint64 id, int clientFd, const QString &phase, int limitMs, bool stopWhenClosed)
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
            // /proc/net/tcp lists every socket of the namespace: on a busy machine one read takes
            // longer than a sample period, so it is read only while it costs at most 1/kProcShare
            // of the time; TCP_INFO keeps the sample period.
            if (!m_procClock.isValid() || m_procClock.elapsed() >= (kProcShare - 1) * m_procCostMs)
                readProcRow(&s);
            else
                ++m_procSkipped;
            m_samples.append(s);
            server.events()->flush();
            if (stopWhenClosed && !s.serverOpen) {
                if (m_closedAt < 0)
                    m_closedAt = s.seconds;
                break;
            }
            if (!m_context.sleep(int(std::max<qint64>(10, kSampleMs - tick.elapsed())))) {
                cancelled = true;
                return false;
            }
        }
        return true;
    }

    void readProcRow(Sample *s)
    {
        QElapsedTimer cost;
        cost.start();
        const QList<ProcTcpSocket> table = readProcTcp();
        for (const ProcTcpSocket &p : table) {
            if (p.localPort == m_serverPort && p.remotePort == m_clientPort) {
                if (s) {
                    s->proc = p;
                    s->procFound = true;
                }
            }
        }
        m_procCostMs = cost.elapsed();
        if (m_procCostMs > kSampleMs / 2 && m_procCostMs > m_procSlowMs) {
            m_procSlowMs = m_procCostMs;
            m_procSockets = int(table.size());
        }
        m_procClock.start();
    }

    void finish(Server &server)
    {
        server.stop();
        server.events()->flush();
        build();
    }

    // What the idle phase (peer present) measured on the server's socket and the client's.
    struct IdleFigures
    {
        double seconds = 0;
        qint64 probesSent = 0;     // server tcpi_segs_out: nothing else to send while idle
        qint64 answers = 0;        // server tcpi_segs_in
        qint64 clientReceived = 0; // client tcpi_segs_in
        qint64 clientSent = 0;     // client tcpi_segs_out
        int ackResets = 0;         // server tcpi_last_ack_recv fell back while no data arrived
        quint32 lastDataRecvMs = 0;
        int maxUnanswered = 0;     // server tcpi_probes
        int timerSamples = 0;      // /proc/net/tcp showed timer 2 (keep-alive)
        int timerRestarts = 0;     // its countdown jumped back up: the timer fired and was re-armed
        int samples = 0;
        int procSamples = 0;       // samples with /proc/net/tcp read
    };

    IdleFigures idleFigures() const
    {
        IdleFigures f;
        const Sample *first = nullptr;
        const Sample *previous = nullptr;
        const Sample *previousProc = nullptr;
        for (const Sample &s : m_samples) {
            if ((m_cutAt >= 0 && s.seconds >= m_cutAt) || !s.serverOpen || !s.server.valid)
                break;
            ++f.samples;
            if (!first)
                first = &s;
            f.seconds = s.seconds - first->seconds;
            f.probesSent = qint64(s.server.segsOut) - first->server.segsOut;
            f.answers = qint64(s.server.segsIn) - first->server.segsIn;
            f.clientReceived = qint64(s.client.segsIn) - first->client.segsIn;
            f.clientSent = qint64(s.client.segsOut) - first->client.segsOut;
            f.lastDataRecvMs = s.server.lastDataRecvMs;
            f.maxUnanswered = std::max(f.maxUnanswered, int(s.server.probes));
            if (s.procFound) {
                ++f.procSamples;
                f.timerSamples += s.proc.timer == 2 ? 1 : 0;
                if (previousProc && s.proc.timer == 2 && previousProc->proc.timer == 2 && s.proc.timerMs > previousProc->proc.timerMs)
                    ++f.timerRestarts;
                previousProc = &s;
            }
            if (previous && s.server.lastAckRecvMs < previous->server.lastAckRecvMs && s.server.lastDataRecvMs >= previous->server.lastDataRecvMs)
                ++f.ackResets;
            previous = &s;
        }
        return f;
    }

    void build()
    {
        ResultTable table;
        table.title = tr("Server socket over time (TCP_INFO and /proc/net/tcp)");
        table.columns = QStringList{tr("time s"), tr("phase"), tr("server state"), tr("segments sent (tcpi_segs_out)"),
                                    tr("segments received (tcpi_segs_in)"), tr("last ACK received ms ago"),
                                    tr("unanswered probes (tcpi_probes)"), tr("kernel timer"), tr("timer fires in ms"),
                                    tr("client state")};
        ChartSeries sent{tr("probes sent (server tcpi_segs_out since the start)"), {}, {}};
        ChartSeries answered{tr("answers received (server tcpi_segs_in since the start)"), {}, {}};
        ChartSeries probes{tr("unanswered probes (tcpi_probes)"), {}, {}};
        ChartSeries alive{tr("server socket open (1) / gone (0)"), {}, {}};
        ChartSeries reachable{tr("peer reachable (1) / cut off (0)"), {}, {}};
        int maxCutProbes = 0;
        qint64 cutSegsOut = -1; // server tcpi_segs_out at the first sample after the cut
        qint64 cutSegsIn = -1;
        qint64 cutProbesSent = 0;
        qint64 cutAnswers = 0;
        const Sample *firstOpen = nullptr;
        const Sample *lastIdle = nullptr;
        for (const Sample &s : std::as_const(m_samples)) {
            const bool open = s.serverOpen && s.server.valid;
            if (open && !firstOpen)
                firstOpen = &s;
            table.addRow({s.seconds, s.phase, open ? s.server.stateName() : tr("closed"),
                          open ? QVariant(qlonglong(s.server.segsOut)) : QVariant(), open ? QVariant(qlonglong(s.server.segsIn)) : QVariant(),
                          open ? QVariant(qlonglong(s.server.lastAckRecvMs)) : QVariant(), open ? QVariant(int(s.server.probes)) : QVariant(),
                          s.procFound ? procTimerName(s.proc.timer) : QStringLiteral("-"),
                          s.procFound && s.proc.timer ? QVariant(s.proc.timerMs) : QVariant(), s.client.stateName()});
            auto hold = [](const ChartSeries &series) { return series.values.isEmpty() ? 0.0 : series.values.last(); };
            sent.xs << s.seconds;
            sent.values << (open && firstOpen ? double(s.server.segsOut) - firstOpen->server.segsOut : hold(sent));
            answered.xs << s.seconds;
            answered.values << (open && firstOpen ? double(s.server.segsIn) - firstOpen->server.segsIn : hold(answered));
            probes.xs << s.seconds;
            probes.values << (open ? double(s.server.probes) : hold(probes));
            alive.xs << s.seconds;
            alive.values << (open ? 1.0 : 0.0);
            reachable.xs << s.seconds;
            reachable.values << (m_cutAt >= 0 && s.seconds >= m_cutAt ? 0.0 : 1.0);
            const bool afterCut = m_cutAt >= 0 && s.seconds >= m_cutAt;
            if (open && !afterCut)
                lastIdle = &s;
            if (open && afterCut) {
                maxCutProbes = std::max(maxCutProbes, int(s.server.probes));
                if (cutSegsOut < 0) {
                    // Counted from the last sample before the cut: a probe may leave right after it.
                    cutSegsOut = lastIdle ? lastIdle->server.segsOut : s.server.segsOut;
                    cutSegsIn = lastIdle ? lastIdle->server.segsIn : s.server.segsIn;
                }
                cutProbesSent = qint64(s.server.segsOut) - cutSegsOut;
                cutAnswers = qint64(s.server.segsIn) - cutSegsIn;
            }
        }
        result.tables << table;
        result.chart.kind = ChartKind::Line;
        result.chart.title = tr("Keep-alive %1/%2/%3 (idle s / interval s / count)").arg(m_spec.keepIdle).arg(m_spec.keepIntvl).arg(m_spec.keepCnt);
        result.chart.xLabel = tr("time (s)");
        result.chart.yLabel = tr("segments / probes / open");
        result.chart.series << sent << answered << probes << alive;
        if (m_cutAt >= 0)
            result.chart.series << reachable;

        const IdleFigures idle = idleFigures();
        const QString keepAliveKey = QStringLiteral("TcpExt.TCPKeepAlive");
        const bool counterKnown = m_countersBefore.contains(keepAliveKey) && m_countersIdleEnd.contains(keepAliveKey);
        const qint64 keepAliveCounter = counterDelta(m_countersBefore, m_countersIdleEnd, keepAliveKey);
        result.metrics = QVariantMap{{"keepidle_s", m_spec.keepIdle},
                                     {"keepintvl_s", m_spec.keepIntvl},
                                     {"keepcnt", m_spec.keepCnt},
                                     {"samples", int(m_samples.size())},
                                     {"idle_seconds", idle.seconds},
                                     {"probes_sent_peer_present", idle.probesSent},
                                     {"answers_received_peer_present", idle.answers},
                                     {"client_segments_received_peer_present", idle.clientReceived},
                                     {"client_segments_sent_peer_present", idle.clientSent},
                                     {"last_ack_recv_resets", idle.ackResets},
                                     {"last_data_recv_ms", qlonglong(idle.lastDataRecvMs)},
                                     {"keepalive_timer_samples", idle.timerSamples},
                                     {"proc_tcp_samples", idle.procSamples},
                                     {"keepalive_timer_restarts", idle.timerRestarts},
                                     {"tcpkeepalive_counter_delta", counterKnown ? QVariant(keepAliveCounter) : QVariant()},
                                     {"tcpkeepalive_counter_scope", m_canCut ? QStringLiteral("namespace") : QStringLiteral("machine")},
                                     {"client_so_keepalive", m_clientKeepAlive},
                                     {"max_probes_peer_present", idle.maxUnanswered},
                                     {"peer_cut", m_cutAt >= 0}};

        if (idle.samples < 2) {
            result.findings << tr("The idle phase gave %1 sample(s) of the server's socket: too few to tell whether the keep-alive timer ran.").arg(idle.samples);
        } else if (idle.probesSent <= 0) {
            result.findings << tr("With the peer present no keep-alive probe left the server in %1 s of silence (tcpi_segs_out unchanged, KEEPIDLE %2 s): the keep-alive timer did not fire.")
                                   .arg(idle.seconds, 0, 'f', 1)
                                   .arg(m_spec.keepIdle);
        } else {
            result.findings << tr("With the peer present, over %1 s of sampling with no data either way (the server's tcpi_last_data_recv reached %2 ms), the server's socket sent %3 segment(s) "
                                  "(tcpi_segs_out): with nothing to send or acknowledge, each was a keep-alive probe. The client's socket received %4 and sent %5 in that time (its TCP_INFO).")
                                   .arg(idle.seconds, 0, 'f', 1)
                                   .arg(idle.lastDataRecvMs)
                                   .arg(idle.probesSent)
                                   .arg(idle.clientReceived)
                                   .arg(idle.clientSent);
            result.findings << tr("%1 of %2 probes were answered: the server received %3 segment(s) (tcpi_segs_in), its tcpi_last_ack_recv fell back %4 time(s) while no data arrived, "
                                  "and the unanswered-probe count (tcpi_probes) %5.")
                                   .arg(std::min(idle.answers, idle.probesSent))
                                   .arg(idle.probesSent)
                                   .arg(idle.answers)
                                   .arg(idle.ackResets)
                                   .arg(idle.maxUnanswered == 0 ? tr("stayed at 0") : tr("reached %1 between a probe and its answer").arg(idle.maxUnanswered));
        }
        if (idle.samples >= 2) {
            const QString counter = !counterKnown ? tr("TcpExt.TCPKeepAlive was not readable from /proc/net/netstat")
                                    : m_canCut    ? tr("the namespace's TcpExt.TCPKeepAlive counter (probes sent) went up by %1").arg(keepAliveCounter)
                                                  : tr("this machine's TcpExt.TCPKeepAlive counter went up by %1 (other programs' probes count too: no private namespace)").arg(keepAliveCounter);
            if (idle.procSamples > 0)
                result.findings << tr("/proc/net/tcp showed the keep-alive timer (timer 2) in %1 of the %2 samples that read it, its countdown restarting %3 time(s); %4.")
                                       .arg(idle.timerSamples)
                                       .arg(idle.procSamples)
                                       .arg(idle.timerRestarts)
                                       .arg(counter);
            else
                result.findings << tr("/proc/net/tcp was not read while the peer was present (too slow here, see the notes); %1.").arg(counter);
        }
        if (m_procSlowMs > 0)
            result.notes << tr("Reading /proc/net/tcp took up to %1 ms (%2 sockets on this machine), longer than half a sample period, so its timer column was left out of %3 of %4 samples.")
                                .arg(m_procSlowMs)
                                .arg(m_procSockets)
                                .arg(m_procSkipped)
                                .arg(m_samples.size());
        if (m_cutAt >= 0) {
            const bool closed = m_closedAt >= 0;
            const QString reason = m_closeReasons.isEmpty() ? QString() : m_closeReasons.first();
            // The first unanswered probe goes out at most KEEPIDLE after the last answer; then
            // KEEPCNT probes KEEPINTVL apart; sampling adds up to one sample period.
            const double low = double(m_spec.keepCnt * m_spec.keepIntvl);
            const double high = double(m_spec.keepIdle + m_spec.keepCnt * m_spec.keepIntvl) + kSampleMs / 1000.0;
            const double took = closed ? m_closedAt - m_cutAt : -1.0;
            result.metrics[QStringLiteral("max_probes_peer_gone")] = maxCutProbes;
            result.metrics[QStringLiteral("probes_sent_peer_gone")] = cutProbesSent;
            result.metrics[QStringLiteral("answers_received_peer_gone")] = cutAnswers;
            result.metrics[QStringLiteral("server_closed")] = closed;
            result.metrics[QStringLiteral("seconds_to_close")] = took;
            result.metrics[QStringLiteral("expected_close_from_s")] = low;
            result.metrics[QStringLiteral("expected_close_to_s")] = high;
            result.metrics[QStringLiteral("close_reason")] = reason;
            result.metrics[QStringLiteral("client_state_after")] = m_clientStateAfter;
            result.metrics[QStringLiteral("client_write_after")] = m_clientWriteOutcome;
            if (closed)
                result.findings << tr("After the path was cut the server sent %1 more segment(s) and received %2; the unanswered-probe count reached %3 and the kernel dropped the connection "
                                      "%4 s after the cut (sampled every %5 ms): %6 the %7-%8 s that KEEPCNT unanswered probes KEEPINTVL apart take, the first at most KEEPIDLE after the last answer. "
                                      "The server's log gave: %9.")
                                       .arg(cutProbesSent)
                                       .arg(cutAnswers)
                                       .arg(maxCutProbes)
                                       .arg(took, 0, 'f', 2)
                                       .arg(kSampleMs)
                                       .arg(took >= low && took <= high ? tr("inside") : tr("outside"))
                                       .arg(low, 0, 'f', 0)
                                       .arg(high, 0, 'f', 2)
                                       .arg(reason.isEmpty() ? tr("no close reason") : reason);
            else
                result.findings << tr("After the path was cut the server's connection was still open %1 s later (segments sent since the cut: %2, unanswered probes counted: %3).")
                                       .arg(kCutPhaseLimitMs / 1000)
                                       .arg(cutProbesSent)
                                       .arg(maxCutProbes);
            result.findings << tr("The client (SO_KEEPALIVE read back: %1) saw its connection as %2 (TCP_INFO) %3; its next write, once the path was back, got: %4.")
                                   .arg(m_clientKeepAlive < 0 ? tr("unreadable") : m_clientKeepAlive ? tr("on") : tr("off"))
                                   .arg(m_clientStateAfter)
                                   .arg(closed ? tr("after the server had dropped it") : tr("at the end"))
                                   .arg(m_clientWriteOutcome);
        }
    }

    const KeepAliveExperiment &m_spec;
    const ExperimentContext &m_context;
    bool m_canCut;
    QElapsedTimer m_clock;
    QList<Sample> m_samples;
    QStringList m_closeReasons;
    quint16 m_serverPort = 0;
    quint16 m_clientPort = 0;
    double m_cutAt = -1;
    double m_closedAt = -1;
    QString m_clientStateAfter;
    QString m_clientWriteOutcome;
    int m_clientKeepAlive = -1;
    QElapsedTimer m_procClock; // since the last /proc/net/tcp read ended
    qint64 m_procCostMs = 0;   // how long the last read took
    qint64 m_procSlowMs = 0;   // the slowest read, when one took longer than half a sample period
    int m_procSockets = 0;
    int m_procSkipped = 0;     // samples taken without reading it
    QMap<QString, qint64> m_countersBefore;  // at the start of the idle phase
    QMap<QString, qint64> m_countersIdleEnd; // at its end
};

} // namespace

QString KeepAliveExperiment::title() const
{
    return tr("Keep-alive");
}

QString KeepAliveExperiment::explanation() const
{
    return tr("An idle connection with KEEPIDLE %1 s, KEEPINTVL %2 s, KEEPCNT %3: watch the probes the server's socket sends to the silent peer and the answers it gets (TCP_INFO segment counts).\n"
              "Then the path to the peer is cut (lo down in a private network namespace): watch the unanswered probes count up until the kernel drops the connection.")
        .arg(keepIdle)
        .arg(keepIntvl)
        .arg(keepCnt);
}

ExperimentResult KeepAliveExperiment::run(const ExperimentContext &context)
{
    std::unique_ptr<KeepAliveRun> run = std::make_unique<KeepAliveRun>(*this, context, true);
    const Error nsError = netns::runInPrivateNetworkNamespace([&] { run->run(); });
    if (nsError) {
        // No namespace: the idle part still runs on 127.0.0.1, but the path cannot be cut
        // without taking the machine's own loopback down.
        run = std::make_unique<KeepAliveRun>(*this, context, false);
        run->run();
        run->result.notes << tr("The peer-vanishes part was skipped: %1. Cutting the path needs a private network namespace, where lo can be taken down without disturbing this machine.")
                                 .arg(nsError.text());
    } else {
        run->result.notes << tr("Ran in a private network namespace; the peer vanished by taking its lo down, so no FIN or RST could reach the server.");
    }
    if (run->cancelled || context.cancelled())
        return cancelledResult();
    if (!run->failure.isEmpty())
        return failedResult(run->failure);
    ExperimentResult result = run->result;
    result.name = name();
    result.title = title();
    return result;
}

} // namespace tcplab
