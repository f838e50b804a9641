#include "clientbatch.h"
#include "threadpriority.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>

namespace tcplab {

namespace {

qint64 percentile(const QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return -1;
    const qsizetype i = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size() - 1) + 0.5));
    return sorted[i];
}

QString ms(qint64 us)
{
    return QString::number(double(us) / 1000.0, 'f', 3);
}

} // namespace

QString BatchSummary::toText() const
{
    QString text = QCoreApplication::translate("ClientBatch", "%1 of %2 exchanges done: %3 ok, %4 failed in %5 ms")
                       .arg(completed)
                       .arg(requested)
                       .arg(succeeded)
                       .arg(failed)
                       .arg(elapsedMs);
    if (cancelled)
        text += QCoreApplication::translate("ClientBatch", " (cancelled)");
    if (medianRttUs >= 0)
        text += QCoreApplication::translate("ClientBatch", "; RTT min %1 / median %2 / p99 %3 / max %4 ms; connect mean %5 ms")
                    .arg(ms(minRttUs), ms(medianRttUs), ms(p99RttUs), ms(maxRttUs), ms(meanConnectUs));
    if (fastOpenUsed)
        text += QCoreApplication::translate("ClientBatch", "; %1 carried data in the SYN").arg(fastOpenUsed);
    if (!firstError.isEmpty())
        text += QCoreApplication::translate("ClientBatch", "; first error: %1").arg(firstError);
    return text;
}

BatchSummary summarizeResults(const QList<ClientResult> &results, int requested, qint64 elapsedMs, bool cancelled)
{
    BatchSummary s;
    s.requested = requested;
    s.completed = int(results.size());
    s.elapsedMs = elapsedMs;
    s.cancelled = cancelled;
    QList<qint64> rtts;
    qint64 connectSum = 0;
    int connectCount = 0;
    for (const ClientResult &r : results) {
        if (r.error) {
            ++s.failed;
            if (s.firstError.isEmpty())
                s.firstError = r.error.text();
            continue;
        }
        ++s.succeeded;
        if (r.fastOpenUsed)
            ++s.fastOpenUsed;
        if (r.firstByteUs >= 0)
            rtts << r.firstByteUs;
        if (r.connectUs >= 0) {
            connectSum += r.connectUs;
            ++connectCount;
        }
    }
    std::sort(rtts.begin(), rtts.end());
    if (!rtts.isEmpty()) {
        s.minRttUs = rtts.first();
        s.maxRttUs = rtts.last();
        s.medianRttUs = percentile(rtts, 0.5);
        s.p99RttUs = percentile(rtts, 0.99);
    }
    if (connectCount)
        s.meanConnectUs = connectSum / connectCount;
    return s;
}

ClientBatch::ClientBatch(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcplab::BatchItem>();
    qRegisterMetaType<tcplab::BatchSummary>();
    m_collectTimer.setInterval(50);
    connect(&m_collectTimer, &QTimer::timeout, this, &ClientBatch::collect);
}

ClientBatch::~ClientBatch()
{
    cancel();
    for (QThread *t : std::as_const(m_workers)) {
        t->wait();
        delete t;
    }
}

bool ClientBatch::start(const ClientRequest &request, int count, int concurrency)
{
    if (isRunning() || count < 1 || concurrency < 1)
        return false;
    m_request = request;
    m_count = count;
    m_next = 0;
    m_cancel = false;
    m_finished.clear();
    m_ready.clear();
    const int workers = std::min(count, concurrency);
    m_running = workers;
    m_clock.start();
    for (int i = 0; i < workers; ++i) {
        QThread *t = QThread::create([this] {
            yieldCpuIfTransferThread();
            workerLoop();
        });
        t->setObjectName(QStringLiteral("tcplab-client-%1").arg(i));
        m_workers << t;
        t->start();
    }
    m_collectTimer.start();
    emit progress(0, m_count);
    return true;
}

void ClientBatch::cancel()
{
    m_cancel = true;
}

void ClientBatch::workerLoop()
{
    for (;;) {
        if (m_cancel.load())
            break;
        const int index = m_next.fetch_add(1);
        if (index >= m_count)
            break;
        ClientResult result = runClientExchange(m_request);
        QMutexLocker lock(&m_mutex);
        m_ready.append(BatchItem{index, std::move(result)});
    }
    m_running.fetch_sub(1);
}

void ClientBatch::collect()
{
    const bool done = m_running.load() == 0; // read before draining: nothing can arrive after
    QList<BatchItem> items;
    {
        QMutexLocker lock(&m_mutex);
        items.swap(m_ready);
    }
    for (const BatchItem &item : std::as_const(items)) {
        ClientResult copy = item.result;
        copy.reply.clear(); // the summary needs timings, not payloads
        m_finished << copy;
    }
    if (!items.isEmpty()) {
        emit resultsReady(items);
        emit progress(int(m_finished.size()), m_count);
    }
    if (!done)
        return;
    m_collectTimer.stop();
    for (QThread *t : std::as_const(m_workers)) {
        t->wait();
        delete t;
    }
    m_workers.clear();
    const BatchSummary summary = summarizeResults(m_finished, m_count, m_clock.elapsed(), m_cancel.load());
    m_finished.clear();
    emit progress(summary.completed, m_count);
    emit finished(summary);
}

} // namespace tcplab
