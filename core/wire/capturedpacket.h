// One packet that crossed the wire, as the relay saw it: the raw bytes (Ethernet frame) with the
// times it left its sender and reached its receiver, or the rule that dropped it. Fixed size, so
// that the capture ring never allocates on the relay's hot path.
#pragma once

#include "wirespec.h"

#include <QtGlobal>

#include <array>
#include <cstring>

namespace tcplab::wire {

enum class PacketFate : quint8 {
    Delivered,
    DroppedLoss,      // random loss
    DroppedBurst,     // Gilbert-Elliott
    DroppedQueue,     // rate limiter's drop-tail queue full
    DroppedCut,
    DroppedTargeted,  // a TargetedDrop rule; dropRule says which
    Duplicate,        // the extra copy made by `duplicate` (also delivered)
    Reordered,        // delivered ahead of the packet before it
};
QString packetFateName(PacketFate fate);

struct CapturedPacket
{
    static constexpr int kSnapLength = 128; // Ethernet + IPv4 + TCP with options + first bytes

    quint64 index = 0;          // 0, 1, 2 ... in the order the relay received them
    qint64 sentNs = 0;          // CLOCK_REALTIME, when the relay took it from the sender's link
    qint64 deliveredNs = -1;    // when it was handed to the receiver's link; -1: dropped
    Direction direction = Direction::ClientToServer;
    PacketFate fate = PacketFate::Delivered;
    qint16 dropRule = -1;       // index into WireSpec::drops for DroppedTargeted
    quint16 wireLength = 0;     // the frame's full length
    quint16 capturedLength = 0; // bytes kept in data (<= kSnapLength)
    std::array<quint8, kSnapLength> data{};

    void setFrame(const quint8 *frame, int length)
    {
        wireLength = quint16(length);
        capturedLength = quint16(qMin(length, kSnapLength));
        std::memcpy(data.data(), frame, capturedLength);
    }
};

} // namespace tcplab::wire
