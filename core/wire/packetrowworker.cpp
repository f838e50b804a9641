#include "packetrowworker.h"

#include "threadpriority.h"

namespace tcplab::wire {

PacketRowWorker::PacketRowWorker(QObject *parent) : QObject(parent), m_timer(this)
{
    qRegisterMetaType<PacketBatchPointer>();
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &PacketRowWorker::tick);
}

void PacketRowWorker::start(std::shared_ptr<const CaptureRing> ring, quint64 generation)
{
    yieldCpuIfTransferThread(); // a refusal only costs priority
    m_generation = generation;
    m_reader = ring ? std::make_unique<PacketRowReader>(std::move(ring), false) : nullptr;
    updateTimer();
}

void PacketRowWorker::updateTimer()
{
    if (m_reader && !m_paused)
        m_timer.start();
    else
        m_timer.stop();
}

void PacketRowWorker::stop()
{
    m_timer.stop();
    m_reader.reset();
}

void PacketRowWorker::setPaused(bool paused)
{
    m_paused = paused;
    updateTimer();
}

PacketBatchPointer PacketRowWorker::readNow(int budgetMs)
{
    auto batch = std::make_shared<PacketBatch>();
    if (m_reader)
        m_reader->read(qint64(budgetMs) * 1000000, kMaxBatchRows, batch.get());
    return batch;
}

void PacketRowWorker::tick()
{
    const PacketBatchPointer batch = readNow(kTickBudgetMs);
    if (!batch->rows.empty() || !batch->connections.isEmpty() || batch->missed > 0)
        emit batchRead(m_generation, batch);
}

} // namespace tcplab::wire
