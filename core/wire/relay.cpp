#include "relay.h"
#include "threadpriority.h"

#include "packetring.h"

#include <QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <linux/if_packet.h>
#include <linux/net_tstamp.h>
#include <pthread.h>
#include <random>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <time.h>
#include <vector>

namespace tcplab::wire {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }

constexpr int kFrameBytes = 2048; // MTU 1500 frames; offloads are off, so nothing larger arrives
constexpr int kBatch = 32;
// Frames due now wait here and leave in one sendmmsg per run of one direction: a received batch
// (each frame perhaps duplicated) or a batch of releases.
constexpr int kOutbox = 2 * kBatch;
constexpr quint32 kNoSlot = ~0u;
// A timer wakes a sleeping thread some 50-800 us late (VM exits, CPU idle states). So the timer
// is set this much before a release, and the relay polls its sockets without sleeping for the
// last stretch: the release leaves on time, at the cost of at most this much CPU per release.
constexpr qint64 kSpinNs = 150000;
// Only while few packets are held (an exchange's packets, a handshake): with a queue (a bulk
// transfer across a delay) a release is always due soon and polling would cost a whole CPU.
constexpr size_t kSpinMaxHeld = 16;

qint64 clockNs(clockid_t id)
{
    timespec ts;
    ::clock_gettime(id, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Slot
{
    quint64 index;
    qint64 sentRealNs;
    quint16 length;
    Direction direction;
    PacketFate fate;
    alignas(16) quint8 data[kFrameBytes];
};

struct Timed
{
    qint64 releaseNs;
    qint64 seq; // ties: lower first (a reordered packet takes the one before it's seq - 2)
    quint32 slot;
};

struct Later
{
    bool operator()(const Timed &a, const Timed &b) const
    {
        return a.releaseNs != b.releaseNs ? a.releaseNs > b.releaseNs : a.seq > b.seq;
    }
};

// xoshiro256**: fast, no allocation, good enough for loss decisions and jitter.
class Random
{
public:
    void seed(quint64 s)
    {
        for (quint64 &x : m_state) { // splitmix64
            s += 0x9e3779b97f4a7c15ULL;
            quint64 z = s;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            x = z ^ (z >> 31);
        }
    }
    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    bool percent(double p) { return p > 0 && uniform() * 100.0 < p; }
    double normal() // Box-Muller
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0)
            u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2 * M_PI * u2);
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_state[4] = {};
    double m_spare = 0;
    bool m_hasSpare = false;
};

// The few header fields the targeted drops match on (the capture's decoder is for display).
struct TcpView
{
    bool tcp = false;
    quint8 flags = 0;
    int payload = 0;
    quint32 src = 0, dst = 0, seq = 0, ack = 0;
    quint16 sport = 0, dport = 0;
};

constexpr quint8 kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;

quint16 be16(const quint8 *p) { return quint16(p[0] << 8 | p[1]); }
quint32 be32(const quint8 *p) { return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3]; }

TcpView parseTcp(const quint8 *f, int len)
{
    TcpView t;
    if (len < 14 + 20 || be16(f + 12) != 0x0800)
        return t;
    const quint8 *ip = f + 14;
    const int ihl = (ip[0] & 0x0f) * 4;
    if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != 6 || (be16(ip + 6) & 0x1fff) != 0 || len < 14 + ihl + 20)
        return t;
    const quint8 *tcp = ip + ihl;
    const int doff = (tcp[12] >> 4) * 4;
    const int total = be16(ip + 2);
    t.tcp = true;
    t.src = be32(ip + 12);
    t.dst = be32(ip + 16);
    t.sport = be16(tcp);
    t.dport = be16(tcp + 2);
    t.seq = be32(tcp + 4);
    t.ack = be32(tcp + 8);
    t.flags = tcp[13];
    t.payload = std::max(0, total - ihl - doff);
    return t;
}

struct AtomicCounters
{
    std::atomic<quint64> packets{0}, bytes{0}, deliveredPackets{0}, deliveredBytes{0};
    std::atomic<quint64> droppedLoss{0}, droppedBurst{0}, droppedQueue{0}, droppedCut{0}, droppedTargeted{0};
    std::atomic<quint64> duplicated{0}, reordered{0}, queuedNow{0}, kernelDrops{0}, sendErrors{0};
};

// The relay thread is the only writer (kernelDrops aside): a plain load+store is enough.
void bump(std::atomic<quint64> &a, quint64 by = 1)
{
    a.store(a.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

struct DirectionState
{
    DirectionImpairment imp;
    qint64 cutStartNs = 0, cutEndNs = 0; // a scheduled cut, CLOCK_MONOTONIC; empty when equal
    bool burstBad = false;
    // The rate limiter's queue: when each admitted frame finishes serialising (monotonic order).
    std::vector<qint64> txEnds;
    size_t txHead = 0, txCount = 0;
    qint64 lastTxEnd = 0;
    qint64 lastRelease = 0;
    qint64 lastSeq = 0;
    bool lastOvertook = false;
    int queued = 0; // frames of this direction in the timer queue
    int inFd = -1, outFd = -1;
};

struct HandshakeEntry
{
    quint32 client = 0, server = 0;
    quint16 cport = 0, sport = 0;
    quint32 ack = 0;
    Direction ackDirection = Direction::ClientToServer;
    bool armed = false;
};

} // namespace

struct Relay::Impl
{
    FileDescriptor links[2]; // [0]: client side's relay end, [1]: server side's
    PacketRing rings[2];     // their receive rings
    FileDescriptor epoll, timer, wake;
    PacketSink *sink = nullptr;
    std::atomic<bool> stop{false};
    std::atomic<WireSpec *> mailbox{nullptr};
    std::thread thread;

    std::unique_ptr<Slot[]> pool;
    std::vector<quint32> freeSlots;
    Slot scratch;
    std::vector<Timed> heap;
    qint64 armedFor = -1;
    DirectionState dirs[2];
    AtomicCounters counters[2];
    struct Rule
    {
        TargetedDrop drop;
        quint64 seen = 0;
    } rules[kMaxDrops];
    int ruleCount = 0;
    WireSpec applied;
    bool appliedOnce = false;
    HandshakeEntry handshakes[64];
    int nextHandshake = 0;
    Random random;
    quint64 nextIndex = 0;
    qint64 nextSeq = 0;

    ~Impl()
    {
        delete mailbox.exchange(nullptr);
    }

    void run();
    void apply(const WireSpec &spec, qint64 now);
    void receive(int dir);
    void admit(int dir, quint32 slot, qint64 now);
    bool handshakeAck(const TcpView &t, Direction d);
    bool matches(DropMatch m, const TcpView &t, bool isHandshakeAck) const;
    void drop(int dir, quint32 slot, PacketFate fate, qint16 rule);
    void schedule(int dir, quint32 slot, qint64 release, qint64 seq, qint64 now);
    void deliver(quint32 slot);
    void flush();
    void releaseDue();
    void armTimer();
    void capture(const Slot &s, qint64 deliveredNs, PacketFate fate, qint16 rule);
    void release(quint32 slot) { freeSlots.push_back(slot); }
    bool spinning(qint64 now) const
    {
        return !heap.empty() && heap.size() <= kSpinMaxHeld && heap.front().releaseNs - now <= kSpinNs;
    }
    quint32 outbox[kOutbox];
    int outboxCount = 0;
};

Result<std::unique_ptr<Relay>> Relay::start(FileDescriptor clientLink, FileDescriptor serverLink,
                                            const WireSpec &spec, PacketSink *sink)
{
    if (spec.drops.size() > kMaxDrops)
        return Error(EINVAL, tr("at most %1 targeted drops per wire").arg(kMaxDrops));
    std::unique_ptr<Relay> relay(new Relay);
    relay->m_impl = std::make_unique<Impl>();
    Impl &d = *relay->m_impl;
    d.links[0] = std::move(clientLink);
    d.links[1] = std::move(serverLink);
    d.sink = sink;
    d.epoll.reset(::epoll_create1(EPOLL_CLOEXEC));
    d.timer.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    d.wake.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!d.epoll.isValid() || !d.timer.isValid() || !d.wake.isValid())
        return Error::fromErrno(errno, tr("the wire's relay: epoll/timerfd/eventfd"));
    const int fds[4] = {d.links[0].get(), d.links[1].get(), d.timer.get(), d.wake.get()};
    for (int i = 0; i < 4; ++i) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = quint32(i);
        if (::epoll_ctl(d.epoll.get(), EPOLL_CTL_ADD, fds[i], &ev) != 0)
            return Error::fromErrno(errno, tr("the wire's relay: epoll_ctl"));
    }
    for (int i = 0; i < 2; ++i) {
        // Each frame's arrival time: the time stamp the kernel gave the frame when it reached
        // the relay's end (SO_TIMESTAMPNS has the kernel take it), in the ring's header.
        const int on = 1;
        const int stamp = SOF_TIMESTAMPING_SOFTWARE;
        ::setsockopt(fds[i], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
        ::setsockopt(fds[i], SOL_PACKET, PACKET_TIMESTAMP, &stamp, sizeof stamp);
        // A bulk transfer arrives in bursts; room for them: 2048 frames of ring.
        if (Error e = d.rings[i].open(fds[i], kFrameBytes, 2048))
            return e;
        char junk[64];
        while (::recv(fds[i], junk, sizeof junk, MSG_DONTWAIT | MSG_TRUNC) >= 0) {
            // frames queued before the ring was set up (none are expected): not part of the wire
        }
        const int bytes = 4 << 20;
        if (::setsockopt(fds[i], SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) != 0)
            ::setsockopt(fds[i], SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
    }
    d.dirs[0].inFd = d.links[0].get(); // client -> server
    d.dirs[0].outFd = d.links[1].get();
    d.dirs[1].inFd = d.links[1].get();
    d.dirs[1].outFd = d.links[0].get();
    // Everything the hot path touches is allocated here, once.
    d.pool.reset(new Slot[kPoolPackets]);
    d.freeSlots.reserve(kPoolPackets);
    for (quint32 i = kPoolPackets; i > 0; --i)
        d.freeSlots.push_back(i - 1);
    d.heap.reserve(kPoolPackets);
    for (DirectionState &s : d.dirs)
        s.txEnds.assign(kPoolPackets, 0);
    std::random_device seed;
    d.random.seed(quint64(seed()) << 32 | seed());
    d.apply(spec, clockNs(CLOCK_MONOTONIC));
    d.thread = std::thread([&d] { d.run(); });
    return relay;
}

Relay::~Relay()
{
    if (!m_impl)
        return;
    m_impl->stop.store(true, std::memory_order_release);
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_impl->wake.get(), &one, sizeof one);
    if (m_impl->thread.joinable())
        m_impl->thread.join();
}

Error Relay::setSpec(const WireSpec &spec)
{
    if (spec.drops.size() > kMaxDrops)
        return Error(EINVAL, tr("at most %1 targeted drops per wire").arg(kMaxDrops));
    // The newest spec wins; one the relay has not taken yet is simply replaced.
    delete m_impl->mailbox.exchange(new WireSpec(spec), std::memory_order_acq_rel);
    const quint64 one = 1;
    if (::write(m_impl->wake.get(), &one, sizeof one) < 0 && errno != EAGAIN)
        return Error::fromErrno(errno, tr("the wire's relay: eventfd"));
    return {};
}

WireCounters Relay::counters() const
{
    WireCounters out;
    for (int i = 0; i < 2; ++i) {
        // PACKET_STATISTICS resets on read: every reader adds what it took.
        tpacket_stats stats{};
        socklen_t len = sizeof stats;
        if (::getsockopt(m_impl->dirs[i].inFd, SOL_PACKET, PACKET_STATISTICS, &stats, &len) == 0 && stats.tp_drops)
            m_impl->counters[i].kernelDrops.fetch_add(stats.tp_drops, std::memory_order_relaxed);
        const AtomicCounters &a = m_impl->counters[i];
        DirectionCounters &c = i == 0 ? out.c2s : out.s2c;
        const auto r = std::memory_order_relaxed;
        c.packets = a.packets.load(r);
        c.bytes = a.bytes.load(r);
        c.deliveredPackets = a.deliveredPackets.load(r);
        c.deliveredBytes = a.deliveredBytes.load(r);
        c.droppedLoss = a.droppedLoss.load(r);
        c.droppedBurst = a.droppedBurst.load(r);
        c.droppedQueue = a.droppedQueue.load(r);
        c.droppedCut = a.droppedCut.load(r);
        c.droppedTargeted = a.droppedTargeted.load(r);
        c.duplicated = a.duplicated.load(r);
        c.reordered = a.reordered.load(r);
        c.queuedNow = a.queuedNow.load(r);
        c.kernelDrops = a.kernelDrops.load(r);
        c.sendErrors = a.sendErrors.load(r);
    }
    return out;
}

void Relay::Impl::apply(const WireSpec &spec, qint64 now)
{
    for (int i = 0; i < 2; ++i) {
        DirectionState &s = dirs[i];
        const DirectionImpairment &next = spec.direction(Direction(i));
        const DirectionImpairment &prev = applied.direction(Direction(i));
        // A part of the spec that did not change keeps running (its schedule, its counts).
        const bool sameSchedule = appliedOnce && next.cutAfterMs == prev.cutAfterMs && next.cutForMs == prev.cutForMs;
        if (!sameSchedule) {
            s.cutStartNs = now + qint64(next.cutAfterMs * 1e6);
            s.cutEndNs = next.cutForMs > 0 ? s.cutStartNs + qint64(next.cutForMs * 1e6) : s.cutStartNs;
        }
        if (!next.burst.enabled)
            s.burstBad = false;
        s.imp = next;
    }
    Rule nextRules[kMaxDrops];
    const int count = int(std::min<qsizetype>(spec.drops.size(), kMaxDrops));
    for (int i = 0; i < count; ++i) {
        nextRules[i].drop = spec.drops[i];
        nextRules[i].seen = i < ruleCount && rules[i].drop == spec.drops[i] ? rules[i].seen : 0;
    }
    for (int i = 0; i < count; ++i)
        rules[i] = nextRules[i];
    ruleCount = count;
    applied = spec;
    appliedOnce = true;
}

void Relay::Impl::run()
{
    ::pthread_setname_np(::pthread_self(), "tcplab-wire");
    ::prctl(PR_SET_TIMERSLACK, 1UL); // a delay is a promise to the microsecond, not to 50 us
    // The relay plays the part of netem, which runs in softirq context ahead of every process:
    // a delayed packet must leave on time on a busy machine. Where allowed (root, or an
    // RLIMIT_RTPRIO), the lowest real-time priority; it blocks in epoll_wait between packets.
    // Not in the window (transfer threads yield there, threadpriority.h): at full speed a
    // real-time relay keeps a core to itself and the GUI thread fought the transfer for the
    // other one (window-manager ping p99 34-44 ms, 9-11 ms without). Else a short EEVDF slice
    // (Linux 6.12+, no privilege needed) so the woken relay is picked sooner; older kernels
    // refuse it and the relay runs as any thread.
    const sched_param rt{1};
    const bool realTime = transferThreadNice() == 0 && ::pthread_setschedparam(::pthread_self(), SCHED_FIFO | SCHED_RESET_ON_FORK, &rt) == 0;
    if (!realTime && ::sched_getscheduler(0) == SCHED_OTHER) {
        struct
        {
            quint32 size, policy;
            quint64 flags;
            qint32 nice;
            quint32 priority;
            quint64 runtime, deadline, period;
        } attr{48, SCHED_OTHER, 0, 0, 0, 100000, 0, 0};
        ::syscall(SYS_sched_setattr, 0, &attr, 0);
        yieldCpuIfTransferThread(); // its short slice keeps it prompt, the nice keeps it fair
    }
    epoll_event events[4];
    while (!stop.load(std::memory_order_acquire)) {
        // The last stretch before a release: poll instead of sleeping (see kSpinNs).
        const int n = ::epoll_wait(epoll.get(), events, 4, spinning(clockNs(CLOCK_MONOTONIC)) ? 0 : -1);
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < n; ++i) {
            switch (events[i].data.u32) {
            case 0:
            case 1:
                receive(int(events[i].data.u32));
                break;
            case 2: {
                quint64 expirations;
                [[maybe_unused]] const ssize_t r = ::read(timer.get(), &expirations, sizeof expirations);
                armedFor = -1;
                break;
            }
            case 3: {
                quint64 value;
                [[maybe_unused]] const ssize_t r = ::read(wake.get(), &value, sizeof value);
                if (WireSpec *spec = mailbox.exchange(nullptr, std::memory_order_acq_rel)) {
                    apply(*spec, clockNs(CLOCK_MONOTONIC));
                    delete spec;
                }
                break;
            }
            }
        }
        releaseDue();
        armTimer();
    }
}

// The link socket's direction: 0 reads what the client side sent (c2s), 1 the server side's.
void Relay::Impl::receive(int dir)
{
    PacketRing &ring = rings[dir];
    // The real-time clock first: the monotonic reading after it makes the arrival's conversion
    // err late by the gap between the two (never early: a delay is a minimum).
    qint64 realNow = clockNs(CLOCK_REALTIME);
    qint64 now = clockNs(CLOCK_MONOTONIC);
    RingFrame f;
    // A bounded share per wake-up, so the other direction and the releases are not starved.
    for (int taken = 0; taken < 4 * kBatch && ring.peek(&f); ++taken) {
        if (taken > 0 && taken % kBatch == 0)
            flush();
        if (f.arrivalRealNs > realNow) { // it came after the clocks were read
            realNow = clockNs(CLOCK_REALTIME);
            now = clockNs(CLOCK_MONOTONIC);
        }
        // The delay runs from when the frame reached the relay's end of the link (the kernel's
        // time stamp), not from when this thread woke to read it; a stamp that is not plausible
        // (a clock step) counts as now.
        const qint64 arrivalReal = f.arrivalRealNs <= realNow && realNow - f.arrivalRealNs < 1000000000 ? f.arrivalRealNs : realNow;
        quint32 index = kNoSlot;
        Slot *s = &scratch; // the pool is full: the frame is taken anyway (the ring must drain) and dropped
        if (!freeSlots.empty()) {
            index = freeSlots.back();
            freeSlots.pop_back();
            s = &pool[index];
        }
        const quint32 copied = std::min<quint32>(f.captured, kFrameBytes);
        std::memcpy(s->data, f.data, copied);
        ring.release();
        s->length = quint16(copied);
        s->sentRealNs = arrivalReal;
        s->direction = Direction(dir);
        if (index == kNoSlot || copied < f.length) { // no room, or larger than any frame the veths pass
            if (index == kNoSlot)
                flush(); // the capture keeps the order the frames arrived in
            s->index = nextIndex++;
            bump(counters[dir].packets);
            bump(counters[dir].bytes, f.length);
            if (index == kNoSlot) {
                bump(counters[dir].droppedQueue);
                capture(*s, -1, PacketFate::DroppedQueue, -1);
            } else {
                drop(dir, index, PacketFate::DroppedQueue, -1);
            }
            continue;
        }
        admit(dir, index, now - (realNow - arrivalReal));
    }
    flush();
}

bool Relay::Impl::handshakeAck(const TcpView &t, Direction d)
{
    if (!t.tcp)
        return false;
    if ((t.flags & (kSyn | kAck)) == (kSyn | kAck)) {
        // A (re)transmitted SYN-ACK: its acknowledgement is expected the other way.
        HandshakeEntry *slot = nullptr;
        for (HandshakeEntry &e : handshakes) {
            if (e.client == t.dst && e.server == t.src && e.cport == t.dport && e.sport == t.sport) {
                slot = &e;
                break;
            }
        }
        if (!slot) {
            slot = &handshakes[nextHandshake];
            nextHandshake = (nextHandshake + 1) % int(std::size(handshakes));
        }
        *slot = {t.dst, t.src, t.dport, t.sport, t.seq + 1,
                 d == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer, true};
        return false;
    }
    if (!(t.flags & kAck) || (t.flags & (kSyn | kRst)))
        return false;
    for (HandshakeEntry &e : handshakes) {
        if (e.armed && e.ackDirection == d && e.client == t.src && e.server == t.dst && e.cport == t.sport && e.sport == t.dport) {
            e.armed = false; // the first ACK after the SYN-ACK is the handshake's, whatever it is
            return t.ack == e.ack && t.payload == 0 && !(t.flags & kFin);
        }
    }
    return false;
}

bool Relay::Impl::matches(DropMatch m, const TcpView &t, bool isHandshakeAck) const
{
    if (!t.tcp)
        return false;
    switch (m) {
    case DropMatch::Syn: return (t.flags & kSyn) && !(t.flags & kAck);
    case DropMatch::SynAck: return (t.flags & (kSyn | kAck)) == (kSyn | kAck);
    case DropMatch::AckOfHandshake: return isHandshakeAck;
    case DropMatch::Data: return t.payload > 0;
    case DropMatch::PureAck: return (t.flags & kAck) && t.payload == 0 && !(t.flags & (kSyn | kFin | kRst));
    case DropMatch::Fin: return t.flags & kFin;
    case DropMatch::Rst: return t.flags & kRst;
    }
    return false;
}

void Relay::Impl::admit(int dir, quint32 slotIndex, qint64 now)
{
    DirectionState &d = dirs[dir];
    AtomicCounters &c = counters[dir];
    Slot &s = pool[slotIndex];
    s.index = nextIndex++;
    bump(c.packets);
    bump(c.bytes, s.length);

    const Direction direction = Direction(dir);
    const TcpView tcp = parseTcp(s.data, s.length);
    const bool isHandshakeAck = handshakeAck(tcp, direction);

    if (d.imp.cut || (now >= d.cutStartNs && now < d.cutEndNs))
        return drop(dir, slotIndex, PacketFate::DroppedCut, -1);
    // Every rule counts the packet, whichever drops it: each rule's Nth is the Nth it saw.
    qint16 targeted = -1;
    for (int i = 0; i < ruleCount; ++i) {
        Rule &r = rules[i];
        if (r.drop.direction != direction || !matches(r.drop.match, tcp, isHandshakeAck))
            continue;
        ++r.seen;
        if (targeted < 0 && r.seen >= quint64(r.drop.first) && r.seen < quint64(r.drop.first) + quint64(r.drop.count))
            targeted = qint16(i);
    }
    if (targeted >= 0)
        return drop(dir, slotIndex, PacketFate::DroppedTargeted, targeted);
    if (random.percent(d.imp.lossPercent))
        return drop(dir, slotIndex, PacketFate::DroppedLoss, -1);
    if (d.imp.burst.enabled) {
        // netem's gemodel: the state's loss chance, then (maybe) the transition.
        const BurstLoss &b = d.imp.burst;
        bool lost;
        if (!d.burstBad) {
            if (random.percent(b.p))
                d.burstBad = true;
            lost = random.percent(b.lossInGood);
        } else {
            if (random.percent(b.r))
                d.burstBad = false;
            lost = random.percent(b.lossInBad);
        }
        if (lost)
            return drop(dir, slotIndex, PacketFate::DroppedBurst, -1);
    }

    // Serialisation at the link's rate, behind a drop-tail queue of `limit` frames.
    qint64 base = now;
    if (d.imp.rateBitsPerSecond > 0) {
        const size_t cap = d.txEnds.size();
        while (d.txCount > 0 && d.txEnds[d.txHead] <= now) {
            d.txHead = (d.txHead + 1) % cap;
            --d.txCount;
        }
        if (d.txCount >= size_t(std::max(1, d.imp.limitPackets)) || d.txCount >= cap)
            return drop(dir, slotIndex, PacketFate::DroppedQueue, -1);
        const qint64 start = std::max(now, d.lastTxEnd);
        const qint64 txEnd = start + qint64(double(s.length) * 8e9 / double(d.imp.rateBitsPerSecond));
        d.txEnds[(d.txHead + d.txCount) % cap] = txEnd;
        ++d.txCount;
        d.lastTxEnd = txEnd;
        base = txEnd;
    } else {
        d.txCount = 0;
        d.lastTxEnd = now;
    }

    qint64 release = base + qint64(d.imp.delayMs * 1e6);
    if (d.imp.jitterMs > 0) {
        const double j = d.imp.jitterDistribution == JitterDistribution::Normal ? random.normal()
                                                                                 : random.uniform() * 2 - 1;
        release = std::max(base, release + qint64(j * d.imp.jitterMs * 1e6));
    }

    nextSeq += 4;
    qint64 seq = nextSeq;
    s.fate = PacketFate::Delivered;
    const bool mayOvertake = d.queued > 0 && d.lastRelease > now && !d.lastOvertook;
    d.lastOvertook = false;
    if (mayOvertake && random.percent(d.imp.reorderPercent)) {
        // Overtake the packet before it: released at its time, ahead of it. The next one may
        // not overtake the same packet again (it would pass two).
        release = d.lastRelease;
        seq = d.lastSeq - 2;
        s.fate = PacketFate::Reordered;
        d.lastOvertook = true;
    } else if (d.imp.keepOrder || release >= d.lastRelease) {
        release = std::max(release, d.lastRelease); // never before the previous one
        d.lastRelease = release;
        d.lastSeq = seq;
    } else if (d.queued > 0) {
        s.fate = PacketFate::Reordered; // jitter without keepOrder let it pass
    }
    if (s.fate == PacketFate::Reordered)
        bump(c.reordered);

    if (random.percent(d.imp.duplicatePercent) && !freeSlots.empty()) {
        const quint32 copyIndex = freeSlots.back();
        freeSlots.pop_back();
        Slot &copy = pool[copyIndex];
        copy.index = nextIndex++;
        copy.sentRealNs = s.sentRealNs;
        copy.length = s.length;
        copy.direction = s.direction;
        copy.fate = PacketFate::Duplicate;
        std::memcpy(copy.data, s.data, s.length);
        bump(c.duplicated);
        schedule(dir, slotIndex, release, seq, now);
        schedule(dir, copyIndex, release, seq + 1, now);
        return;
    }
    schedule(dir, slotIndex, release, seq, now);
}

void Relay::Impl::drop(int dir, quint32 slot, PacketFate fate, qint16 rule)
{
    flush(); // the capture keeps the order the frames arrived in
    AtomicCounters &c = counters[dir];
    switch (fate) {
    case PacketFate::DroppedLoss: bump(c.droppedLoss); break;
    case PacketFate::DroppedBurst: bump(c.droppedBurst); break;
    case PacketFate::DroppedQueue: bump(c.droppedQueue); break;
    case PacketFate::DroppedCut: bump(c.droppedCut); break;
    case PacketFate::DroppedTargeted: bump(c.droppedTargeted); break;
    default: break;
    }
    capture(pool[slot], -1, fate, rule);
    release(slot);
}

void Relay::Impl::schedule(int dir, quint32 slot, qint64 releaseNs, qint64 seq, qint64 now)
{
    DirectionState &d = dirs[dir];
    if (releaseNs <= now && d.queued == 0) {
        deliver(slot);
        return;
    }
    heap.push_back({releaseNs, seq, slot});
    std::push_heap(heap.begin(), heap.end(), Later{});
    ++d.queued;
    counters[dir].queuedNow.store(quint64(d.queued), std::memory_order_relaxed);
}

void Relay::Impl::deliver(quint32 slotIndex)
{
    if (outboxCount == kOutbox)
        flush();
    outbox[outboxCount++] = slotIndex;
}

// One sendmmsg per run of frames bound for the same link: the syscall's fixed cost is paid once
// per batch, not per frame. Captured in the order they were taken, as one send each would.
void Relay::Impl::flush()
{
    if (outboxCount == 0)
        return;
    const qint64 realNow = clockNs(CLOCK_REALTIME);
    mmsghdr msgs[kOutbox];
    iovec iov[kOutbox];
    for (int i = 0; i < outboxCount; ++i) {
        Slot &s = pool[outbox[i]];
        iov[i] = {s.data, s.length};
        msgs[i] = {};
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    for (int begin = 0; begin < outboxCount;) {
        const Direction direction = pool[outbox[begin]].direction;
        int end = begin + 1;
        while (end < outboxCount && pool[outbox[end]].direction == direction)
            ++end;
        const int dir = int(direction);
        AtomicCounters &c = counters[dir];
        for (int i = begin; i < end;) {
            const int sent = ::sendmmsg(dirs[dir].outFd, msgs + i, unsigned(end - i), MSG_DONTWAIT);
            // Sent frames first; when none went, the first one is refused and the rest retried.
            const int done = sent > 0 ? sent : 1;
            for (int k = i; k < i + done; ++k) {
                Slot &s = pool[outbox[k]];
                if (sent > 0 && msgs[k].msg_len == s.length) {
                    bump(c.deliveredPackets);
                    bump(c.deliveredBytes, s.length);
                    capture(s, realNow, s.fate, -1);
                } else {
                    bump(c.sendErrors);
                    capture(s, -1, PacketFate::DroppedQueue, -1);
                }
                release(outbox[k]);
            }
            i += done;
        }
        begin = end;
    }
    outboxCount = 0;
}

void Relay::Impl::releaseDue()
{
    if (heap.empty())
        return;
    const qint64 now = clockNs(CLOCK_MONOTONIC);
    while (!heap.empty() && heap.front().releaseNs <= now) {
        std::pop_heap(heap.begin(), heap.end(), Later{});
        const Timed t = heap.back();
        heap.pop_back();
        const int dir = int(pool[t.slot].direction);
        --dirs[dir].queued;
        counters[dir].queuedNow.store(quint64(dirs[dir].queued), std::memory_order_relaxed);
        deliver(t.slot);
    }
    flush();
}

void Relay::Impl::armTimer()
{
    qint64 next = heap.empty() ? -1 : heap.front().releaseNs;
    if (next >= 0 && heap.size() <= kSpinMaxHeld) {
        next -= kSpinNs; // woken early; polled from there to the release
        if (next <= clockNs(CLOCK_MONOTONIC))
            next = -1;   // polling already: no timer to fire in the way
    }
    if (next == armedFor)
        return;
    itimerspec its{};
    if (next >= 0) {
        its.it_value.tv_sec = next / 1000000000;
        its.it_value.tv_nsec = next % 1000000000;
        if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
            its.it_value.tv_nsec = 1;
    }
    ::timerfd_settime(timer.get(), TFD_TIMER_ABSTIME, &its, nullptr);
    armedFor = next;
}

void Relay::Impl::capture(const Slot &s, qint64 deliveredNs, PacketFate fate, qint16 rule)
{
    if (!sink)
        return;
    CapturedPacket p;
    p.index = s.index;
    p.sentNs = s.sentRealNs;
    p.deliveredNs = deliveredNs;
    p.direction = s.direction;
    p.fate = fate;
    p.dropRule = rule;
    p.setFrame(s.data, s.length);
    sink->push(p);
}

} // namespace tcplab::wire
