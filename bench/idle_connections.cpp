// Issue 10, item 6: what the connections table costs with many idle connections. An event-mode
// server holds N idle connections (opened by a child process, so each side has its own
// descriptor limit) while the window's ConnectionsPanel refreshes once a second; meanwhile
//  - the GUI thread's lag is sampled by a 10 ms timer (a freeze of F ms counts as F ms of
//    lateness: every missed tick is a sample, not only the one that finally fired), and
//  - a client thread opens fresh connections back to back and times connect() -> first reply
//    byte, which includes the engine's accept and its registry add().
// Bounded: setup has a deadline, the measurement runs --seconds. Prints one key=value line.
//
//   build/bench/idle_connections [--connections 10000] [--seconds 10] [--no-table]
// --no-table measures the same without refreshing the table: the floor this machine gives.
#include "connectionspanel.h"
#include "server.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kSetupDeadlineMs = 90000;

sockaddr_in loopback(quint16 port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

// The child: open `count` idle connections to the port read from `in`, report how many are
// established on `out`, then hold them until `in` reaches end of file (the parent is done).
[[noreturn]] void runClients(int in, int out, int count)
{
    quint16 port = 0;
    if (::read(in, &port, sizeof(port)) != sizeof(port))
        ::_exit(2);
    const sockaddr_in addr = loopback(port);
    std::vector<int> open;
    open.reserve(size_t(count));
    std::vector<pollfd> pending;
    QElapsedTimer clock;
    clock.start();
    int started = 0;
    while ((started < count || !pending.empty()) && clock.elapsed() < kSetupDeadlineMs) {
        // At most 256 handshakes in flight: the listener's backlog never overflows.
        while (started < count && pending.size() < 256) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0)
                ::_exit(3);
            ++started;
            if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) == 0)
                open.push_back(fd);
            else if (errno == EINPROGRESS)
                pending.push_back(pollfd{fd, POLLOUT, 0});
            else
                ::close(fd);
        }
        if (::poll(pending.data(), nfds_t(pending.size()), 100) < 0 && errno != EINTR)
            ::_exit(4);
        for (size_t i = 0; i < pending.size();) {
            if (pending[i].revents) {
                int err = 0;
                socklen_t len = sizeof(err);
                ::getsockopt(pending[i].fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err == 0)
                    open.push_back(pending[i].fd);
                else
                    ::close(pending[i].fd);
                pending[i] = pending.back();
                pending.pop_back();
            } else {
                ++i;
            }
        }
    }
    const int established = int(open.size());
    if (::write(out, &established, sizeof(established)) != sizeof(established))
        ::_exit(5);
    char byte;
    while (::read(in, &byte, 1) > 0) {
    }
    ::_exit(0);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Connect, send a line, time until the reply's first byte; -1 on failure.
double timeOneConnection(quint16 port)
{
    QElapsedTimer t;
    t.start();
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    const sockaddr_in addr = loopback(port);
    double ms = -1;
    char reply[8];
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) == 0 && ::send(fd, "x\n", 2, MSG_NOSIGNAL) == 2
        && ::recv(fd, reply, sizeof(reply), 0) > 0)
        ms = double(t.nsecsElapsed()) / 1e6;
    ::close(fd);
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    // The server side holds N accepted descriptors: raise the soft limit up to the hard one.
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
    }
    int count = 10000;
    int seconds = 10;
    bool table = true;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--no-table") == 0)
            table = false;
    }
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--connections") == 0)
            count = std::max(1, atoi(argv[i + 1]));
        else if (qstrcmp(argv[i], "--seconds") == 0)
            seconds = std::clamp(atoi(argv[i + 1]), 1, 120);
    }
    if (rlim_t(count) + 200 > lim.rlim_cur) {
        std::fprintf(stderr, "idle_connections: %d connections need %d descriptors, RLIMIT_NOFILE allows %llu\n", count, count + 200,
                     static_cast<unsigned long long>(lim.rlim_cur));
        return 2;
    }

    // Fork before Qt starts any thread.
    int toChild[2], fromChild[2];
    if (::pipe2(toChild, O_CLOEXEC) != 0 || ::pipe2(fromChild, O_CLOEXEC) != 0)
        return 3;
    const pid_t child = ::fork();
    if (child < 0)
        return 3;
    if (child == 0) {
        ::close(toChild[1]);
        ::close(fromChild[0]);
        runClients(toChild[0], fromChild[1], count);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    auto finishChild = [&] {
        ::close(toChild[1]); // end of file: the child closes its connections and exits
        int status = 0;
        ::waitpid(child, &status, 0);
    };

    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);

    tcplab::Server server;
    tcplab::ServerConfig config = tcplab::ServerConfig::seedDefaults();
    config.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    config.setValue(QStringLiteral("port"), 0);
    config.setValue(QStringLiteral("mode"), QStringLiteral("event"));
    config.setValue(QStringLiteral("handler"), QStringLiteral("line"));
    config.setValue(QStringLiteral("persistent"), true);
    config.setValue(QStringLiteral("log-level"), QStringLiteral("error"));
    if (const tcplab::Error e = server.start(config)) {
        std::fprintf(stderr, "idle_connections: %s\n", qPrintable(e.text()));
        finishChild();
        return 1;
    }
    tcplab::ConnectionsPanel panel(&server);
    panel.resize(1200, 700);
    panel.show();

    const quint16 port = server.port();
    int established = 0;
    if (::write(toChild[1], &port, sizeof(port)) != sizeof(port) || ::read(fromChild[0], &established, sizeof(established)) != sizeof(established)) {
        std::fprintf(stderr, "idle_connections: the client process failed\n");
        finishChild();
        return 1;
    }
    QElapsedTimer setup;
    setup.start();
    while (server.connections()->count() < established && setup.elapsed() < kSetupDeadlineMs)
        QThread::msleep(20);
    const int held = server.connections()->count();
    if (held < count * 9 / 10) {
        std::fprintf(stderr, "idle_connections: only %d of %d connections reached the server\n", held, count);
        finishChild();
        return 1;
    }


    // GUI lag, time-weighted: a gap of G ms between ticks of a 10 ms timer is G/10 missed
    // deadlines, late by G-10, G-20, ... ms.
    constexpr int kTickMs = 10;
    std::vector<double> lateMs;
    QElapsedTimer lagClock;
    lagClock.start();
    qint64 lastNs = -1;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kTickMs);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = lagClock.nsecsElapsed();
        if (lastNs >= 0) {
            const double gap = double(now - lastNs) / 1e6;
            for (double late = gap - kTickMs; late > 0; late -= kTickMs)
                lateMs.push_back(late);
            if (gap <= kTickMs)
                lateMs.push_back(0);
        }
        lastNs = now;
    });
    tick.start();

    // The window's once-a-second refresh (what ConnectionsPanel's own timer does after
    // serverStarted()), driven here so that each call can be timed. The first one meets every
    // connection at once; the rest are the steady state.
    std::vector<double> refreshMs;
    QTimer refreshTimer;
    refreshTimer.setInterval(1000);
    QObject::connect(&refreshTimer, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        panel.refresh();
        refreshMs.push_back(double(t.nsecsElapsed()) / 1e6);
    });
    if (table)
        refreshTimer.start();

    std::atomic<bool> stop{false};
    std::vector<double> acceptMs;
    int acceptFailures = 0;
    QThread *prober = QThread::create([&] {
        while (!stop.load()) {
            const double ms = timeOneConnection(port);
            if (ms < 0)
                ++acceptFailures;
            else
                acceptMs.push_back(ms);
            QThread::msleep(2);
        }
    });
    prober->start();

    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();
    stop = true;
    prober->wait();
    delete prober;
    tick.stop();

    std::printf("connections=%d seconds=%d table=%s gui_lag_samples=%zu gui_lag_p50_ms=%.3f gui_lag_p99_ms=%.3f gui_lag_max_ms=%.3f "
                "refresh_samples=%zu refresh_first_ms=%.3f refresh_p50_ms=%.3f refresh_max_ms=%.3f "
                "accept_samples=%zu accept_failures=%d accept_p50_ms=%.3f accept_p99_ms=%.3f accept_max_ms=%.3f\n",
                held, seconds, table ? "refreshed" : "off", lateMs.size(), percentile(lateMs, 0.5), percentile(lateMs, 0.99),
                lateMs.empty() ? 0.0 : *std::max_element(lateMs.begin(), lateMs.end()), refreshMs.size(), refreshMs.empty() ? 0.0 : refreshMs.front(), percentile(refreshMs, 0.5),
                refreshMs.empty() ? 0.0 : *std::max_element(refreshMs.begin(), refreshMs.end()), acceptMs.size(), acceptFailures,
                percentile(acceptMs, 0.5), percentile(acceptMs, 0.99),
                acceptMs.empty() ? 0.0 : *std::max_element(acceptMs.begin(), acceptMs.end()));
    std::fflush(stdout);
    server.stop();
    finishChild();
    return 0;
}
