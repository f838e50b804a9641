// TCP_INFO of both endpoints of each connection over time, kept beside the packets: every 10 ms
// while anything moves (a sample is kept when either side's state, segment counts or bytes
// changed), every 200 ms once both sides are idle, so a stuck connection costs no CPU to speak of.
// Each connection's series is bounded; the oldest samples go first, and are counted.
//
// The descriptors are borrowed: the lab owns both sockets and must removeConnection() before it
// closes either (the sampler never dups them, which would keep a closed socket alive).
#pragma once

#include "connectiontracker.h"
#include "tcpinfo.h"

#include <QList>
#include <QObject>
#include <QTimer>

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

class TcpInfoSampler : public QObject
{
    Q_OBJECT

public:
    static constexpr int kActiveIntervalMs = 10;
    static constexpr int kIdleIntervalMs = 200;
    static constexpr int kIdleTicksBeforeSlowing = 5;
    static constexpr qsizetype kDefaultSamplesPerConnection = 30000; // 5 minutes at 10 ms: 7.9 MB (264 B each)

    explicit TcpInfoSampler(qsizetype samplesPerConnection = kDefaultSamplesPerConnection, QObject *parent = nullptr);

    // Both connected endpoints (borrowed). Returns the id the series is kept under; the key
    // (from the client socket's local and peer address) joins it to the captured packets.
    int addConnection(int clientFd, int serverFd);
    // Stops sampling that connection (before either descriptor closes); its series stays.
    void removeConnection(int id);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    int currentIntervalMs() const { return m_timer.interval(); }

    // One tick, by hand or by the timer: reads every connection's two sockets and keeps a
    // sample where something changed (always the first). Returns how many samples it kept.
    int sampleNow();

    QList<int> connectionIds() const;
    ConnectionKey key(int id) const;
    QList<TcpInfoSample> series(int id) const;
    quint64 droppedSamples(int id) const;

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

    const Entry *find(int id) const;

    qsizetype m_samplesPerConnection;
    QList<Entry> m_entries;
    int m_nextId = 1;
    int m_idleTicks = 0;
    QTimer m_timer;
};

} // namespace tcplab::wire
