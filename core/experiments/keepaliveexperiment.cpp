#include "keepaliveexperiment.h"

#include "experimentsupport.h"
#include "server.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>

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
constexpr int kIdlePhaseMs = 2500;
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

        m_clock.start();
        m_context.progress(10, tr("idle connection, peer answering the probes"));
        if (!samplePhase(server, id, clientFd, tr("idle, peer present"), kIdlePhaseMs, false))
            return;

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
            Sample s;
            s.seconds = seconds();
            s.phase = phase;
            s.serverOpen = server.connections()->withDescriptor(id, [&](int fd) { s.server = readTcpInfo(fd); });
            s.client = readTcpInfo(clientFd);
            for (const ProcTcpSocket &p : readProcTcp()) {
                if (p.localPort == m_serverPort && p.remotePort == m_clientPort) {
                    s.proc = p;
                    s.procFound = true;
                }
            }
            m_samples.append(s);
            server.events()->flush();
            if (stopWhenClosed && !s.serverOpen) {
                if (m_closedAt < 0)
                    m_closedAt = s.seconds;
                break;
            }
            if (!m_context.sleep(kSampleMs)) {
                cancelled = true;
                return false;
            }
        }
        return true;
    }

    void finish(Server &server)
    {
        server.stop();
        server.events()->flush();
        build();
    }

    void build()
    {
        ResultTable table;
        table.title = tr("Server socket over time (TCP_INFO and /proc/net/tcp)");
        table.columns = QStringList{tr("time s"), tr("phase"), tr("server state"), tr("unanswered probes (tcpi_probes)"),
                                    tr("kernel timer"), tr("timer fires in ms"), tr("client state")};
        ChartSeries probes{tr("unanswered probes"), {}, {}};
        ChartSeries alive{tr("server socket open (1) / gone (0)"), {}, {}};
        ChartSeries reachable{tr("peer reachable (1) / cut off (0)"), {}, {}};
        int maxIdleProbes = 0;
        int maxCutProbes = 0;
        for (const Sample &s : std::as_const(m_samples)) {
            const bool open = s.serverOpen && s.server.valid;
            table.addRow({s.seconds, s.phase, open ? s.server.stateName() : tr("closed"),
                          open ? QVariant(int(s.server.probes)) : QVariant(),
                          s.procFound ? procTimerName(s.proc.timer) : QStringLiteral("-"),
                          s.procFound && s.proc.timer ? QVariant(s.proc.timerMs) : QVariant(), s.client.stateName()});
            probes.xs << s.seconds;
            probes.values << (open ? double(s.server.probes) : (probes.values.isEmpty() ? 0 : probes.values.last()));
            alive.xs << s.seconds;
            alive.values << (open ? 1.0 : 0.0);
            reachable.xs << s.seconds;
            reachable.values << (m_cutAt >= 0 && s.seconds >= m_cutAt ? 0.0 : 1.0);
            if (open && m_cutAt < 0)
                maxIdleProbes = std::max(maxIdleProbes, int(s.server.probes));
            if (open && m_cutAt >= 0 && s.seconds >= m_cutAt)
                maxCutProbes = std::max(maxCutProbes, int(s.server.probes));
        }
        result.tables << table;
        result.chart.kind = ChartKind::Line;
        result.chart.title = tr("Keep-alive %1/%2/%3 (idle s / interval s / count)").arg(m_spec.keepIdle).arg(m_spec.keepIntvl).arg(m_spec.keepCnt);
        result.chart.xLabel = tr("time (s)");
        result.chart.yLabel = tr("probes / open");
        result.chart.series << probes << alive;
        if (m_cutAt >= 0)
            result.chart.series << reachable;

        result.metrics = QVariantMap{{"keepidle_s", m_spec.keepIdle},
                                     {"keepintvl_s", m_spec.keepIntvl},
                                     {"keepcnt", m_spec.keepCnt},
                                     {"samples", int(m_samples.size())},
                                     {"max_probes_peer_present", maxIdleProbes},
                                     {"peer_cut", m_cutAt >= 0}};
        if (maxIdleProbes == 0)
            result.findings << tr("With the peer present the kernel probed the idle connection (keep-alive timer in /proc/net/tcp) and every probe was answered: unanswered probes stayed at 0.");
        else
            result.findings << tr("Even with the peer present up to %1 probe(s) went unanswered for a while: the machine was busy or the peer slow to answer.")
                                   .arg(maxIdleProbes);
        if (m_cutAt >= 0) {
            const bool closed = m_closedAt >= 0;
            const QString reason = m_closeReasons.isEmpty() ? QString() : m_closeReasons.first();
            result.metrics[QStringLiteral("max_probes_peer_gone")] = maxCutProbes;
            result.metrics[QStringLiteral("server_closed")] = closed;
            result.metrics[QStringLiteral("seconds_to_close")] = closed ? m_closedAt - m_cutAt : -1.0;
            result.metrics[QStringLiteral("close_reason")] = reason;
            result.metrics[QStringLiteral("client_state_after")] = m_clientStateAfter;
            result.metrics[QStringLiteral("client_write_after")] = m_clientWriteOutcome;
            if (closed)
                result.findings << tr("After the path was cut, the probes went unanswered (%1 counted) and the kernel dropped the server's connection %2 s later "
                                      "(between KEEPCNT x KEEPINTVL = %3 s and %4 s: KEEPCNT unanswered probes KEEPINTVL apart, the first at the next timer): %5.")
                                       .arg(maxCutProbes)
                                       .arg(m_closedAt - m_cutAt, 0, 'f', 1)
                                       .arg(m_spec.keepCnt * m_spec.keepIntvl)
                                       .arg((m_spec.keepCnt + 1) * m_spec.keepIntvl)
                                       .arg(reason.isEmpty() ? tr("closed") : reason);
            else
                result.findings << tr("After the path was cut the server's connection was still open %1 s later (probes counted: %2).")
                                       .arg(kCutPhaseLimitMs / 1000)
                                       .arg(maxCutProbes);
            result.findings << tr("The client, without keep-alive, still believed its connection was %1; its next write, once the path was back, got: %2.")
                                   .arg(m_clientStateAfter, m_clientWriteOutcome);
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
};

} // namespace

QString KeepAliveExperiment::title() const
{
    return tr("Keep-alive");
}

QString KeepAliveExperiment::explanation() const
{
    return tr("An idle connection with KEEPIDLE %1 s, KEEPINTVL %2 s, KEEPCNT %3: the kernel probes the silent peer, and the probes are answered.\n"
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
