// Many client exchanges at once, for accept-queue and Nagle experiments: N exchanges over at most
// M simultaneous connections, each on its own worker thread so that the caller's (GUI) thread
// never blocks. Results are collected by the workers and handed over in batches on a timer.
#pragma once

#include "labclient.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>

class QThread;

namespace tcplab {

struct BatchItem
{
    int index = 0;         // 0-based number of the exchange
    ClientResult result;
};

struct BatchSummary
{
    int requested = 0;
    int completed = 0;
    int succeeded = 0;
    int failed = 0;
    int fastOpenUsed = 0;
    bool cancelled = false;
    qint64 elapsedMs = 0;
    // First byte sent until first reply byte, over the successful exchanges (-1: none).
    qint64 minRttUs = -1;
    qint64 medianRttUs = -1;
    qint64 p99RttUs = -1;
    qint64 maxRttUs = -1;
    qint64 meanConnectUs = -1;
    QString firstError;

    QString toText() const;
};

// Percentiles and counts over finished exchanges (pure; also used by the tests).
BatchSummary summarizeResults(const QList<ClientResult> &results, int requested, qint64 elapsedMs, bool cancelled);

class ClientBatch : public QObject
{
    Q_OBJECT
public:
    explicit ClientBatch(QObject *parent = nullptr);
    ~ClientBatch() override; // cancels and joins the workers

    // False when a batch is already running. count >= 1, concurrency >= 1 (capped at count).
    bool start(const ClientRequest &request, int count, int concurrency);
    // Exchanges not yet begun are skipped; running ones end at their own timeouts.
    void cancel();
    bool isRunning() const { return !m_workers.isEmpty(); }

signals:
    void progress(int done, int total);
    void resultsReady(const QList<tcplab::BatchItem> &items);
    void finished(const tcplab::BatchSummary &summary);

private:
    void workerLoop();
    void collect();

    ClientRequest m_request;
    int m_count = 0;
    QList<QThread *> m_workers;
    std::atomic<int> m_next{0};
    std::atomic<int> m_running{0};
    std::atomic<bool> m_cancel{false};
    QMutex m_mutex;
    QList<BatchItem> m_ready;
    QList<ClientResult> m_finished; // GUI-thread copy for the summary (replies dropped)
    QElapsedTimer m_clock;
    QTimer m_collectTimer;
};

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::BatchItem)
Q_DECLARE_METATYPE(tcplab::BatchSummary)
