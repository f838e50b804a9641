// A packet socket's receive ring (TPACKET_V2, mmap'ed): the kernel copies each frame into a
// shared slot in softirq context and the relay reads it in place, so taking a frame costs no
// system call, no socket-buffer queueing and no skb freed on the relay's side.
#pragma once

#include "error.h"

#include <QtGlobal>

namespace tcplab::wire {

struct RingFrame
{
    const quint8 *data = nullptr;
    quint32 length = 0;       // the frame's length on the link
    quint32 captured = 0;     // bytes in the slot (less than length: the frame did not fit)
    qint64 arrivalRealNs = 0; // the kernel's time stamp (CLOCK_REALTIME) of the frame's arrival
};

class PacketRing
{
public:
    PacketRing() = default;
    ~PacketRing();
    PacketRing(const PacketRing &) = delete;
    PacketRing &operator=(const PacketRing &) = delete;

    // Sets up and maps a ring of at least frameBytes per slot on the packet socket fd.
    Error open(int fd, quint32 frameBytes, quint32 frames);

    // The oldest frame the kernel has filled, or false; give it back with release().
    bool peek(RingFrame *frame) const;
    void release();

    quint32 frames() const { return m_frames; }

private:
    // Frames never straddle a block: a block holds m_perBlock of them, the rest is unused.
    quint8 *slot(quint32 i) const { return m_map + size_t(i / m_perBlock) * m_blockSize + size_t(i % m_perBlock) * m_frameSize; }

    quint8 *m_map = nullptr;
    size_t m_mapBytes = 0;
    quint32 m_frameSize = 0;
    quint32 m_blockSize = 0;
    quint32 m_perBlock = 1;
    quint32 m_frames = 0;
    quint32 m_head = 0;
};

} // namespace tcplab::wire
