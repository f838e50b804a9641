// Iterative and threaded (a pool of threads, one connection per thread at a time) serving with
// blocking sockets: the modes where SO_RCVTIMEO/SO_SNDTIMEO mean something, as in the recipe's
// socketserver classes.
#include "engine.h"
#include "sendall.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSemaphore>

#include <cerrno>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Server", text); }

// Threaded mode keeps the threads that served a connection for the next ones: creating and
// ending a thread (clone, its stack's mappings, exit, join) costs more system time than serving
// a short connection. At most this many wait at once, each at most this long.
constexpr int kMaxIdleWorkers = 16;
constexpr int kIdleWorkerLifeMs = 5000;

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
            out.close = true; // another recv() would return 0 again at once
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
                                             : (n == 0 ? peerClosedText() : closedAfterReplyText()),
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
        m_context.closeDescriptor = [this](int fd, quint64 id, const QString &peer) { lingerClose(fd, id, peer); };
    }

    Error run() override
    {
        while (!m_stopping.load()) {
            if (m_threaded && !acquireSlot())
                break;
            SocketEndpoint addr;
            socklen_t len = SocketEndpoint::capacity();
            const int fd = ::accept4(m_context.listenFd, addr.data(), &len, SOCK_CLOEXEC);
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
            if (!m_threaded) {
                serveBlocking(m_context, fd, addr.toString());
                continue;
            }
            dispatch(fd, addr.toString());
        }
        // After a failure nobody calls requestStop(): wake the threads blocked on their
        // connections here, or the joins below would wait for their peers.
        if (m_failure) {
            m_stopping.store(true); // also ends a lingering close's wait
            m_context.connections->shutdownAll();
        }
        closePool();
        for (Worker &w : m_workers)
            ::pthread_join(w.thread, nullptr);
        m_workers.clear();
        // Accepted while stopping, before a worker took them.
        for (const Pending &p : m_queue)
            ::close(p.fd);
        m_queue.clear();
        return m_failure;
    }

    void requestStop() override
    {
        m_stopping.store(true);
        // shutdown() on the listener wakes a blocked accept() with EINVAL; on each connection it
        // wakes a blocked recv()/send(). Nothing else can interrupt a blocking call portably.
        ::shutdown(m_context.listenFd, SHUT_RDWR);
        m_context.connections->shutdownAll();
        m_slots.release(); // wake an acceptor waiting for a thread slot
        closePool();
    }

private:
    // A thread of the pool. Only the acceptor thread creates, reaps and joins them.
    struct Worker
    {
        BlockingEngine *engine = nullptr;
        pthread_t thread{};
        std::atomic<bool> done{false};
    };
    // An accepted connection (its --max-threads slot taken) that no worker has taken yet.
    struct Pending
    {
        int fd;
        QString peer;
    };

    // Queue the connection for a waiting worker, or start one when every waiting worker
    // already has a connection on its way. One m_jobs token per queued connection: a waiting
    // worker sleeps in the semaphore, and waking it is one futex call (a condition variable would
    // have it take the queue's mutex in contended mode and pay another futex call to unlock).
    // pthread_create, not std::thread: its error is a value.
    void dispatch(int fd, QString peer)
    {
        bool claimed;
        {
            std::lock_guard lock(m_poolMutex);
            m_queue.push_back({fd, std::move(peer)});
            claimed = m_idleWorkers > 0;
            if (claimed)
                --m_idleWorkers;
        }
        if (!claimed) {
            if (const int err = startWorker()) {
                std::unique_lock lock(m_poolMutex);
                if (m_idleWorkers > 0) {
                    --m_idleWorkers; // one finished meanwhile
                } else {
                    // No thread for it: refuse the connection rather than leave it queued.
                    const Pending dropped = std::move(m_queue.back());
                    m_queue.pop_back();
                    lock.unlock();
                    ::close(dropped.fd);
                    m_slots.release();
                    m_context.events->post(LogLevel::Error, EventKind::Error, 0, dropped.peer,
                                           Error::fromErrno(err, tr("thread creation (connection closed)")).text());
                    return;
                }
            }
        }
        m_jobs.release();
    }

    int startWorker()
    {
        reapFinishedWorkers();
        Worker &worker = m_workers.emplace_back();
        worker.engine = this;
        ++m_liveWorkers;
        const int err = ::pthread_create(&worker.thread, nullptr, &BlockingEngine::workerMain, &worker);
        if (err != 0) {
            m_workers.pop_back();
            --m_liveWorkers;
        }
        return err;
    }

    static void *workerMain(void *arg)
    {
        Worker *worker = static_cast<Worker *>(arg);
        worker->engine->serveQueue();
        worker->done.store(true);
        return nullptr;
    }

    // One connection at a time, then wait for the next one; end when the pool closes, when
    // enough workers wait already, or after kIdleWorkerLifeMs without a connection. A worker is
    // started with its first connection's token already released.
    void serveQueue()
    {
        for (;;) {
            if (!m_jobs.tryAcquire(1, kIdleWorkerLifeMs)) {
                std::unique_lock lock(m_poolMutex);
                if (m_idleWorkers > 0 || m_poolClosed) {
                    // No connection is on its way to this worker (or the pool is closed).
                    if (m_idleWorkers > 0)
                        --m_idleWorkers;
                    --m_liveWorkers;
                    return;
                }
                lock.unlock();
                // Every waiting worker, this one too, has a connection on its way.
                m_jobs.acquire();
            }
            std::unique_lock lock(m_poolMutex);
            if (m_poolClosed) {
                --m_liveWorkers;
                return;
            }
            Pending job = std::move(m_queue.front());
            m_queue.erase(m_queue.begin());
            lock.unlock();
            serveBlocking(m_context, job.fd, job.peer);
            job.peer.clear();
            if (m_poolClosed.load()) {
                // Stopping: a thousand workers end at once; they need not queue for the lock.
                --m_liveWorkers;
                m_slots.release();
                return;
            }
            lock.lock();
            // Waiting before the slot is free, so that the acceptor finds this worker for the
            // connection the slot lets in.
            const bool stay = !m_poolClosed && m_idleWorkers < kMaxIdleWorkers;
            if (stay)
                ++m_idleWorkers;
            else
                --m_liveWorkers;
            lock.unlock();
            m_slots.release();
            if (!stay)
                return;
        }
    }

    // Wakes every waiting worker; they end instead of taking a connection.
    void closePool()
    {
        {
            std::lock_guard lock(m_poolMutex);
            m_poolClosed.store(true);
        }
        // A token for every worker that may wait; one started later brings its own.
        m_jobs.release(m_liveWorkers.load() + 1);
    }

    void reapFinishedWorkers()
    {
        for (auto it = m_workers.begin(); it != m_workers.end();) {
            if (it->done.load()) {
                ::pthread_join(it->thread, nullptr);
                it = m_workers.erase(it);
            } else {
                ++it;
            }
        }
    }

    // The connection's thread waits as a lingering close() would (in iterative mode the next
    // client waits too, as with the recipe's close()), but stop() can cut the wait short; a
    // close() that lingers cannot be interrupted, and stop() would wait the whole linger time.
    void lingerClose(int fd, quint64 id, const QString &peer)
    {
        const qint64 lingerMs = lingerWaitMs(fd);
        if (lingerMs == 0) {
            ::close(fd);
            return;
        }
        ::shutdown(fd, SHUT_WR);
        QElapsedTimer waited;
        waited.start();
        int left = unacknowledgedBytes(fd);
        // Nothing wakes this thread when the peer acknowledges, so it looks: often at first, then
        // at most every 160 ms (a long linger costs a few wake-ups a second).
        qint64 napMs = 10;
        while (left > 0 && waited.elapsed() < lingerMs && !m_stopping.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(napMs, lingerMs - waited.elapsed() + 1)));
            napMs = std::min<qint64>(napMs * 2, 160);
            left = unacknowledgedBytes(fd);
        }
        endLingeringClose(fd, m_context.events, id, peer, waited.elapsed(), left,
                          left == 0 ? LingerEnd::Acknowledged : m_stopping.load() ? LingerEnd::Stopped : LingerEnd::Expired);
    }

    // A thread for the next client. At the cap, clients wait in the accept queue where nobody
    // sees them: say so once per episode, with how many wait (the listener's TCP_INFO counts its
    // accept queue in tcpi_unacked), and say when the queue is empty again. The queue is read
    // only at the cap: serving below it costs nothing.
    bool acquireSlot()
    {
        if (m_slots.tryAcquire(1)) {
            if (m_capHolds)
                watchCap(false);
            return !m_stopping.load();
        }
        while (!m_stopping.load()) {
            watchCap(true);
            if (m_slots.tryAcquire(1, 100)) {
                if (m_capHolds)
                    watchCap(false);
                return !m_stopping.load();
            }
        }
        return false;
    }

    void watchCap(bool atCap)
    {
        const quint32 waiting = readTcpInfo(m_context.listenFd).unacked;
        if (!m_capHolds && atCap && waiting > 0) {
            m_capHolds = true;
            m_capSince.start();
            m_capMostWaiting = waiting;
            m_context.events->post(LogLevel::Warning, EventKind::Capacity, 0, {},
                                   tr("thread cap of %1 reached: %2 client(s) wait in the accept queue")
                                       .arg(m_context.config.maxThreads())
                                       .arg(waiting));
            return;
        }
        m_capMostWaiting = std::max(m_capMostWaiting, waiting);
        if (m_capHolds && waiting == 0 && !m_stopping.load()) {
            m_capHolds = false;
            m_context.events->post(LogLevel::Info, EventKind::Capacity, 0, {},
                                   tr("thread cap cleared: the accept queue is empty again after %1 ms (up to %2 client(s) waited)")
                                       .arg(m_capSince.elapsed())
                                       .arg(m_capMostWaiting));
        }
    }

    // Returns false when accepting cannot go on (m_failure says why).
    bool handleAcceptError(int err)
    {
        switch (classifyAcceptError(err, m_context.listenFd)) {
        case AcceptFailure::Retry:
            // Also EAGAIN: SO_RCVTIMEO is set on the listener so that accepted sockets inherit
            // it, and a blocking accept() honours it too: no client within the timeout.
            return true;
        case AcceptFailure::Resource: {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - m_lastLimitLog >= 1000) {
                m_lastLimitLog = now;
                m_context.events->post(LogLevel::Error, EventKind::Error, 0, {},
                                       Error::fromErrno(err, tr("accept (backing off 100 ms)")).text());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            return true;
        }
        case AcceptFailure::Fatal:
            break;
        }
        m_failure = Error::fromErrno(err, tr("accept"));
        return false;
    }

    bool m_threaded;
    std::atomic<bool> m_stopping{false};
    QSemaphore m_slots;
    // The pool (threaded mode): the queue and the count of waiting workers under m_poolMutex.
    std::mutex m_poolMutex;
    QSemaphore m_jobs; // a token per queued connection
    std::vector<Pending> m_queue; // a few entries at most: one per worker about to take one
    int m_idleWorkers = 0; // waiting for m_jobs without a connection on its way
    std::atomic<int> m_liveWorkers{0};
    std::atomic<bool> m_poolClosed{false}; // set under m_poolMutex
    std::list<Worker> m_workers; // the acceptor thread's only
    qint64 m_lastLimitLog = 0;
    Error m_failure; // the acceptor thread's only
    // The cap episode (acceptor thread only): clients wait in the accept queue for a thread.
    bool m_capHolds = false;
    QElapsedTimer m_capSince;
    quint32 m_capMostWaiting = 0;
};

} // namespace

std::unique_ptr<Engine> createBlockingEngine(const EngineContext &context, bool threaded)
{
    return std::make_unique<BlockingEngine>(context, threaded);
}

} // namespace tcplab
