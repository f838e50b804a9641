// The live capture's reader off the GUI thread: a worker object moved to a QThread of its own
// (PacketModel starts it) that takes the capture ring into PacketRows on a timer and hands them
// over in one batch per tick by a queued signal. Under a bulk transfer the relay captures some
// 160 000 packets a second; decoding and tracking them on the GUI thread cost it a tenth of a
// core and its ticks.
#pragma once

#include "packetrowreader.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tcplab::wire {

using PacketBatchPointer = std::shared_ptr<const PacketBatch>;

class PacketRowWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 100;
    static constexpr int kTickBudgetMs = 60;     // of reading per tick, at most
    static constexpr qsizetype kMaxBatchRows = 60000; // what the GUI thread appends in one go, at most

    explicit PacketRowWorker(QObject *parent = nullptr);

    // On the worker's thread (queued, or blocking from the GUI thread). start() lowers the
    // thread's priority where transfer threads yield (threadpriority.h): when the two cores are
    // saturated by the relay and the transfer, a late batch costs nothing, a late repaint is a
    // frozen window. A new capture starts a new reader; generation tags its batches, so that a
    // batch of an old capture still on its way is known as such.
    void start(std::shared_ptr<const CaptureRing> ring, quint64 generation);
    void stop();
    void setPaused(bool paused);
    // What the ring holds now (for about budgetMs), beside the timer's batches.
    PacketBatchPointer readNow(int budgetMs);

signals:
    void batchRead(quint64 generation, tcplab::wire::PacketBatchPointer batch);

private:
    void tick();
    void updateTimer();

    std::unique_ptr<PacketRowReader> m_reader;
    quint64 m_generation = 0;
    bool m_paused = false;
    QTimer m_timer;
};

} // namespace tcplab::wire

Q_DECLARE_METATYPE(tcplab::wire::PacketBatchPointer)
