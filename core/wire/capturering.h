// The capture's bounded memory: a ring of fixed-size packet slots written by one thread (the
// relay, through PacketSink::push) and read by any number of others, with no lock at all. The
// oldest packets are overwritten when the ring is full, and counted.
//
// Memory: capacity x (sizeof(CapturedPacket) + 8) bytes = 200 000 x 168 B = 33.6 MB by
// default (32 MB of packets and 1.6 MB of slot sequence words), allocated zeroed by the kernel
// on first touch, so a short run costs only the pages it filled.
//
// Each slot is a seqlock: the writer marks it odd, stores the packet as 64-bit words (release),
// then marks it 2 x position + 2 (release). A reader checks the mark before and after copying; the copy
// counts only if both show that packet, so a slot overwritten mid-copy is skipped, never torn.
// Every word is accessed atomically (std::atomic_ref), so there is no data race in the C++
// memory model even while the writer overwrites a slot being read.
#pragma once

#include "capturedpacket.h"
#include "packetsink.h"

#include <QList>

#include <atomic>
#include <type_traits>

namespace tcplab::wire {

class CaptureRing final : public PacketSink
{
public:
    static constexpr qsizetype kDefaultCapacity = 200000;
    static constexpr size_t kWordsPerPacket = sizeof(CapturedPacket) / sizeof(quint64);
    static constexpr size_t kSlotBytes = (kWordsPerPacket + 1) * sizeof(quint64);
    static_assert(std::is_trivially_copyable_v<CapturedPacket>);
    static_assert(sizeof(CapturedPacket) % sizeof(quint64) == 0);

    explicit CaptureRing(qsizetype capacity = kDefaultCapacity);
    ~CaptureRing() override;
    CaptureRing(const CaptureRing &) = delete;
    CaptureRing &operator=(const CaptureRing &) = delete;

    // Only ever from one thread at a time (the relay's). No allocation, no lock, no system call.
    void push(const CapturedPacket &packet) noexcept override;

    qsizetype capacity() const { return m_capacity; }
    static constexpr size_t memoryBytes(qsizetype capacity) { return size_t(capacity) * kSlotBytes; }
    // Packets pushed since the ring was made; positions run 0 .. written() - 1.
    quint64 written() const { return m_written.load(std::memory_order_acquire); }
    // Packets overwritten before anyone could be sure to read them: written() - capacity().
    quint64 overwritten() const;

    // The packet at one position, if it is still in the ring (and was not overwritten meanwhile).
    bool read(quint64 position, CapturedPacket *out) const;

    struct ReadResult
    {
        quint64 next = 0;   // where the next readFrom() should start
        quint64 missed = 0; // positions from `from` on that were overwritten before they were read
    };
    // Appends the packets from position `from` on (at most max; -1: all there are) to out.
    ReadResult readFrom(quint64 from, QList<CapturedPacket> *out, qsizetype max = -1) const;
    // Everything still in the ring, oldest first.
    QList<CapturedPacket> snapshot(quint64 *missed = nullptr) const;

private:
    quint64 *slot(quint64 position) const { return m_words + (position % quint64(m_capacity)) * (kWordsPerPacket + 1); }

    qsizetype m_capacity;
    quint64 *m_words = nullptr; // capacity x (sequence word + packet words)
    std::atomic<quint64> m_written{0};
};

} // namespace tcplab::wire
