// Iterative and thread-per-connection serving with blocking sockets: the modes where
// SO_RCVTIMEO/SO_SNDTIMEO mean something, as in the recipe's socketserver classes.
#include "engine.h"
#include "sendall.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSemaphore>

#include <cerrno>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Server", text); }

// Send everything, or fail with the reason; SO_SNDTIMEO shows up as EAGAIN.
bool sendAll(ConnectionSession &session, const QByteArray &data)
{
    const SendResult sent = tcplab::sendAll(session.fd(), data);
    if (sent || sent.sent)
        session.onSent(sent.sent);
    if (sent)
        return true;
    const int err = sent.error.errnum();
    if (err == EAGAIN || err == EWOULDBLOCK)
        session.close(tr("send timeout (SO_SNDTIMEO expired with %1 of %2 bytes sent)").arg(sent.sent).arg(data.size()),
                      false, LogLevel::Warning);
    else
        session.close(sent.error.text(), false, LogLevel::Warning);
    return false;
}

void serveBlocking(const EngineContext &context, int fd, const QString &peer)
{
    ConnectionSession session(context, fd, peer);
    QByteArray buffer;
    FrameOutput out;
    for (;;) {
        buffer.resize(session.readSize());
        const ssize_t n = ::recv(fd, buffer.data(), size_t(buffer.size()), 0);
        out.clear();
        if (n > 0) {
            session.onData(buffer.constData(), n, out);
        } else if (n == 0) {
            session.onEof(out);
        } else {
            const int err = errno;
            if (err == EINTR)
                continue;
            if (err == EAGAIN || err == EWOULDBLOCK) {
                session.close(tr("receive timeout (SO_RCVTIMEO expired)"), false, LogLevel::Warning);
                return;
            }
            session.close(Error::fromErrno(err, tr("recv")).text(), false, LogLevel::Warning);
            return;
        }
        if (!out.reply.isEmpty() && !sendAll(session, out.reply))
            return;
        if (out.close) {
            session.close(out.closeWithError ? tr("closed after a protocol error")
                                             : (n == 0 ? tr("peer closed") : tr("closed after reply")),
                          false, out.closeWithError ? LogLevel::Warning : LogLevel::Info);
            return;
        }
    }
}

class BlockingEngine final : public Engine
{
public:
    BlockingEngine(const EngineContext &context, bool threaded)
        : Engine(context), m_threaded(threaded), m_slots(context.config.maxThreads())
    {
    }

    void run() override
    {
        while (!m_stopping.load()) {
            if (m_threaded && !acquireSlot())
                break;
            sockaddr_in addr{};
            socklen_t len = sizeof(addr);
            const int fd = ::accept4(m_context.listenFd, reinterpret_cast<sockaddr *>(&addr), &len, SOCK_CLOEXEC);
            if (fd < 0) {
                const int err = errno;
                if (m_threaded)
                    m_slots.release();
                if (m_stopping.load())
                    break;
                if (!handleAcceptError(err))
                    break;
                continue;
            }
            if (m_stopping.load()) {
                ::close(fd);
                if (m_threaded)
                    m_slots.release();
                break;
            }
            const QString peer = peerName(addr);
            if (!m_threaded) {
                serveBlocking(m_context, fd, peer);
                continue;
            }
            reapFinishedThreads();
            std::lock_guard lock(m_threadsMutex);
            m_threads.emplace_back();
            Worker &worker = m_threads.back();
            worker.thread = std::thread([this, fd, peer, &worker] {
                serveBlocking(m_context, fd, peer);
                worker.done.store(true);
                m_slots.release();
            });
        }
        std::lock_guard lock(m_threadsMutex);
        for (Worker &w : m_threads)
            w.thread.join();
        m_threads.clear();
    }

    void requestStop() override
    {
        m_stopping.store(true);
        // shutdown() on the listener wakes a blocked accept() with EINVAL; on each connection it
        // wakes a blocked recv()/send(). Nothing else can interrupt a blocking call portably.
        ::shutdown(m_context.listenFd, SHUT_RDWR);
        m_context.connections->shutdownAll();
        m_slots.release(); // wake an acceptor waiting for a thread slot
    }

private:
    struct Worker
    {
        std::thread thread;
        std::atomic<bool> done{false};
    };

    bool acquireSlot()
    {
        while (!m_stopping.load()) {
            if (m_slots.tryAcquire(1, 100))
                return !m_stopping.load();
        }
        return false;
    }

    void reapFinishedThreads()
    {
        std::lock_guard lock(m_threadsMutex);
        for (auto it = m_threads.begin(); it != m_threads.end();) {
            if (it->done.load()) {
                it->thread.join();
                it = m_threads.erase(it);
            } else {
                ++it;
            }
        }
    }

    // Returns false when accepting cannot go on.
    bool handleAcceptError(int err)
    {
        switch (err) {
        case EINTR:
        case ECONNABORTED:
        case EPROTO:
            return true;
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
            // SO_RCVTIMEO is set on the listener so that accepted sockets inherit it, and a
            // blocking accept() honours it too: no client within the timeout is not an error.
            return true;
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM: {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - m_lastLimitLog >= 1000) {
                m_lastLimitLog = now;
                m_context.events->post(LogLevel::Error, EventKind::Error, 0, {},
                                       Error::fromErrno(err, tr("accept (backing off 100 ms)")).text());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            return true;
        }
        default:
            m_context.events->post(LogLevel::Error, EventKind::Error, 0, {}, Error::fromErrno(err, tr("accept")).text());
            return false;
        }
    }

    bool m_threaded;
    std::atomic<bool> m_stopping{false};
    QSemaphore m_slots;
    std::mutex m_threadsMutex;
    std::list<Worker> m_threads;
    qint64 m_lastLimitLog = 0;
};

} // namespace

std::unique_ptr<Engine> createBlockingEngine(const EngineContext &context, bool threaded)
{
    return std::make_unique<BlockingEngine>(context, threaded);
}

} // namespace tcplab
