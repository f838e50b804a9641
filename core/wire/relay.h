// The wire's relay: one epoll loop on its own thread forwards Ethernet frames between the relay
// ends of the two sides' veths (AF_PACKET sockets) and applies each direction's impairments.
// A timer queue (min-heap by release time, a timerfd) holds delayed packets; a preallocated pool
// holds their bytes, so the hot path never allocates. No lock is shared with other threads:
// new specs arrive through an atomic mailbox and an eventfd, counters leave through atomics.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "packetsink.h"
#include "wirespec.h"

#include <atomic>
#include <memory>
#include <thread>

namespace tcplab::wire {

struct DirectionCounters
{
    quint64 packets = 0;          // taken from the sender's link
    quint64 bytes = 0;
    quint64 deliveredPackets = 0; // handed to the receiver's link (duplicates included)
    quint64 deliveredBytes = 0;
    quint64 droppedLoss = 0;
    quint64 droppedBurst = 0;
    quint64 droppedQueue = 0;     // rate limiter's queue full, or the relay's packet pool empty
    quint64 droppedCut = 0;
    quint64 droppedTargeted = 0;
    quint64 duplicated = 0;
    quint64 reordered = 0;
    quint64 queuedNow = 0;        // held by the relay at this moment
    quint64 kernelDrops = 0;      // frames the packet socket lost before the relay read them
    quint64 sendErrors = 0;       // frames the receiver's link refused

    quint64 dropped() const { return droppedLoss + droppedBurst + droppedQueue + droppedCut + droppedTargeted; }
};

struct WireCounters
{
    DirectionCounters c2s, s2c;
    const DirectionCounters &direction(Direction d) const { return d == Direction::ClientToServer ? c2s : s2c; }
};

class Relay
{
public:
    static constexpr int kMaxDrops = 16;     // targeted-drop rules per spec
    static constexpr int kPoolPackets = 8192; // frames the relay can hold at once (both directions)

    // links[0]: the client side's relay end, links[1]: the server side's. sink may be null.
    static Result<std::unique_ptr<Relay>> start(FileDescriptor clientLink, FileDescriptor serverLink,
                                                const WireSpec &spec, PacketSink *sink);
    ~Relay(); // stops and joins the thread; queued packets are discarded

    // From any thread; applied between two packets, queued packets kept.
    Error setSpec(const WireSpec &spec);
    WireCounters counters() const;

private:
    Relay() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tcplab::wire
