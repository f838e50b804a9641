// TCP_INFO of both endpoints of each connection over time, kept beside the packets: every 10 ms
// while anything moves (a sample is kept when either side's state, segment counts or bytes
// changed), every 200 ms once both sides are idle, so a stuck connection costs no CPU to speak of.
// Each connection's series is bounded; the oldest samples go first, and are counted.
//
// Two ways to name the connections. addConnection(): the descriptors are borrowed, the lab owns
// both sockets and must removeConnection() before it closes either (the sampler never dups them,
// which would keep a closed socket alive). watchNamespaces(): every connection of the wire, found
// each tick in the kernel's socket lists of the two sides (sock_diag), no descriptor held at all.
//
// Threads: the sampling (start/stop, the timer, sampleNow, addConnection, watchNamespaces) is
// one thread's at a time, the one the sampler lives in (TcpInfoSamplerThread gives it one of its
// own); the series are read from any thread. A mutex guards the entries, held only to merge a
// tick's samples in and to copy series out: the kernel is never asked anything under it.
#pragma once

#include "connectiontracker.h"
#include "filedescriptor.h"
#include "tcpinfo.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <mutex>

namespace tcplab::wire {

struct TcpInfoSample
{
    qint64 timeNs = 0; // CLOCK_REALTIME, like CapturedPacket's times
    TcpInfoSnapshot client;
    TcpInfoSnapshot server;
};

// A bounded series of samples (the oldest dropped first).
class TcpInfoSeries
{
public:
    explicit TcpInfoSeries(qsizetype capacity);
    void append(const TcpInfoSample &sample);
    QList<TcpInfoSample> samples() const; // oldest first
    qsizetype size() const { return m_samples.size(); }
    qsizetype capacity() const { return m_capacity; }
    quint64 dropped() const { return m_dropped; }
    const TcpInfoSample *last() const;

private:
    qsizetype m_capacity;
    qsizetype m_head = 0; // the oldest sample once the series is full
    QList<TcpInfoSample> m_samples;
    quint64 m_dropped = 0;
};

// One connection's series, as the sampler hands it out (e.g. into an experiment's result).
struct TcpInfoConnectionSeries
{
    ConnectionKey key;
    QList<TcpInfoSample> samples;
};

class TcpInfoSampler : public QObject
{
    Q_OBJECT

public:
    static constexpr int kActiveIntervalMs = 10;
    static constexpr int kIdleIntervalMs = 200;
    static constexpr int kIdleTicksBeforeSlowing = 5;
    // Watching the namespaces, a quiet spell is often just a round trip (the wire's delay): keep
    // the active rate for a second after the last packet, so a slow handshake is sampled whole.
    static constexpr int kIdleTicksBeforeSlowingWatched = 100;
    static constexpr qsizetype kDefaultSamplesPerConnection = 30000; // 5 minutes at 10 ms: 7.9 MB (264 B each)

    explicit TcpInfoSampler(qsizetype samplesPerConnection = kDefaultSamplesPerConnection, QObject *parent = nullptr);

    // Both connected endpoints (borrowed). Returns the id the series is kept under; the key
    // (from the client socket's local and peer address) joins it to the captured packets.
    int addConnection(int clientFd, int serverFd);
    // Stops sampling that connection (before either descriptor closes); its series stays.
    void removeConnection(int id);

    // Every TCP connection between the two sides: each tick lists the connected sockets of the
    // client side's and the server side's namespace (NETLINK_SOCK_DIAG sockets made in them) and
    // joins the two ends by address and port. A connection gone from both lists ends its series;
    // the same addresses and ports used again start a new one. At most kMaxWatched series (the
    // oldest go first), holding at most kMaxWatchedSamples samples together (105 MB; the oldest
    // ended series go first, then the oldest).
    static constexpr int kMaxWatched = 1024;
    static constexpr qsizetype kMaxWatchedSamples = 400000;
    void watchNamespaces(FileDescriptor clientNetlink, FileDescriptor serverNetlink);
    bool watchesNamespaces() const { return m_clientNetlink.isValid(); }
    // A count that grows whenever packets move (the capture ring's written()): a tick that finds
    // it unchanged reads nothing, since TCP_INFO only changes when a packet is sent or received.
    void setActivityCounter(std::function<quint64()> counter) { m_activity = std::move(counter); }
    // Why the last namespace listing failed (empty: it did not).
    QString lastError() const;

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    int currentIntervalMs() const { return m_timer.interval(); }

    // One tick, by hand or by the timer: reads every connection's two sockets and keeps a
    // sample where something changed (always the first). Returns how many samples it kept.
    int sampleNow();
    // The thread that ran the last sampleNow() (nullptr: none yet).
    Qt::HANDLE lastSamplingThread() const { return m_lastSamplingThread.load(std::memory_order_relaxed); }

    QList<int> connectionIds() const;
    ConnectionKey key(int id) const;
    QList<TcpInfoSample> series(int id) const;
    quint64 droppedSamples(int id) const;
    // The newest series kept under that key (0: none).
    int idOf(const ConnectionKey &key) const;
    // The newest series kept under that key (empty: none), in one look (no id to go stale between).
    QList<TcpInfoSample> seriesOf(const ConnectionKey &key) const;
    QList<TcpInfoConnectionSeries> allSeries() const;

private:
    struct Entry
    {
        int id = 0;
        int clientFd = -1;
        int serverFd = -1;
        bool active = true;
        ConnectionKey key;
        TcpInfoSeries series;
    };

    const Entry *find(int id) const; // under m_mutex
    int sampleNamespaces(qint64 now);
    int sampleDescriptors(qint64 now);
    void trimWatched(); // under m_mutex

    qsizetype m_samplesPerConnection;
    // std::mutex, not QMutex: ThreadSanitizer sees pthread's locks, not QMutex's futex slow path.
    mutable std::mutex m_mutex; // guards m_entries, m_nextId and m_lastError
    QList<Entry> m_entries;
    int m_nextId = 1;
    std::atomic<Qt::HANDLE> m_lastSamplingThread{nullptr};
    int m_idleTicks = 0;
    FileDescriptor m_clientNetlink;
    FileDescriptor m_serverNetlink;
    std::function<quint64()> m_activity;
    quint64 m_lastActivity = 0;
    bool m_activitySeen = false;
    QString m_lastError;
    QTimer m_timer; // a child of the sampler, so that moveToThread() takes it along
};

} // namespace tcplab::wire
