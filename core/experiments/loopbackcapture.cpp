#include "loopbackcapture.h"

#include "experiment.h"
#include "experimentresult.h"
#include "experimentwire.h"
#include "wire/packetdecoder.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr qsizetype kWholeRunLadderLines = 5000;
constexpr int kBatch = 32;
constexpr int kFrameBuffer = 256; // more than the snap length: the rest of a frame is cut off

} // namespace

Result<std::unique_ptr<LoopbackCapture>> LoopbackCapture::start(const ExperimentContext &context)
{
    std::unique_ptr<LoopbackCapture> c(new LoopbackCapture);
    c->m_pcapPath = context.pcapPath();
    if (context.wireRequest().ladder)
        c->requestLadder(0, kWholeRunLadderLines);
    c->m_socket.reset(::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL)));
    if (!c->m_socket.isValid())
        return Error::fromErrno(errno, tr("capture on lo: socket(AF_PACKET) (needs CAP_NET_RAW in the network namespace)"));
    sockaddr_ll addr{};
    addr.sll_family = AF_PACKET;
    addr.sll_protocol = htons(ETH_P_ALL);
    addr.sll_ifindex = int(::if_nametoindex("lo"));
    if (addr.sll_ifindex == 0 || ::bind(c->m_socket.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0)
        return Error::fromErrno(errno, tr("capture on lo: bind"));
    const int on = 1;
    ::setsockopt(c->m_socket.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on));
    // Only the headers and the first bytes are kept: the filter returns the snap length, and the
    // kernel trims each copy to it.
    sock_filter snap[] = {{BPF_RET | BPF_K, 0, 0, CapturedPacket::kSnapLength}};
    sock_fprog program{1, snap};
    ::setsockopt(c->m_socket.get(), SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program));
    // A bulk transfer on lo sends tens of thousands of frames a second, and a queued copy still
    // counts its whole 64 KiB segment against the buffer: room for bursts. The namespace's own
    // CAP_NET_ADMIN allows more than net.core.rmem_max; elsewhere the capped size is what there is.
    const int buffer = 64 << 20;
    if (::setsockopt(c->m_socket.get(), SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof(buffer)) != 0)
        ::setsockopt(c->m_socket.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    c->m_wake.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!c->m_wake.isValid())
        return Error::fromErrno(errno, tr("capture on lo: eventfd"));
    LoopbackCapture *self = c.get();
    c->m_reader = std::thread([self] { self->readLoop(); });
    return c;
}

LoopbackCapture::~LoopbackCapture()
{
    if (m_reader.joinable()) {
        const quint64 one = 1;
        (void)!::write(m_wake.get(), &one, sizeof(one));
        m_reader.join();
    }
}

QString LoopbackCapture::unavailableNote(const Error &error)
{
    return tr("No packets were captured: %1.").arg(error.text());
}

void LoopbackCapture::readLoop()
{
    quint8 frames[kBatch][kFrameBuffer];
    sockaddr_ll from[kBatch];
    iovec iov[kBatch];
    alignas(cmsghdr) char control[kBatch][CMSG_SPACE(sizeof(timespec))];
    mmsghdr msgs[kBatch];
    quint64 index = 0;
    pollfd fds[2] = {{m_socket.get(), POLLIN, 0}, {m_wake.get(), POLLIN, 0}};
    for (;;) {
        // No timeout: an idle capture sleeps until a packet or the stop.
        if (::poll(fds, 2, -1) < 0 && errno != EINTR)
            return;
        if (fds[1].revents)
            return;
        for (;;) {
            for (int i = 0; i < kBatch; ++i) {
                iov[i] = {frames[i], kFrameBuffer};
                msgs[i].msg_hdr = msghdr{};
                msgs[i].msg_hdr.msg_name = &from[i];
                msgs[i].msg_hdr.msg_namelen = sizeof(from[i]);
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
                msgs[i].msg_hdr.msg_control = control[i];
                msgs[i].msg_hdr.msg_controllen = sizeof(control[i]);
            }
            const int n = ::recvmmsg(m_socket.get(), msgs, kBatch, MSG_DONTWAIT | MSG_TRUNC, nullptr);
            if (n <= 0)
                break;
            for (int i = 0; i < n; ++i) {
                // lo shows each packet twice, as sent and as received: keep one copy.
                if (from[i].sll_pkttype != PACKET_OUTGOING)
                    continue;
                CapturedPacket p;
                p.index = index++;
                for (cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c; c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                        timespec ts{};
                        std::memcpy(&ts, CMSG_DATA(c), sizeof(ts));
                        p.sentNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
                    }
                }
                p.deliveredNs = p.sentNs; // lo delivers in the same instant
                const int length = int(std::min<unsigned>(msgs[i].msg_len, 65535));
                p.setFrame(frames[i], std::min(length, kFrameBuffer));
                p.wireLength = quint16(length);
                m_ring.push(p);
            }
        }
    }
}

void LoopbackCapture::addServerPort(quint16 port)
{
    QMutexLocker lock(&m_portsMutex);
    m_serverPorts.insert(port);
}

void LoopbackCapture::requestLadder(quint64 from, qsizetype maxLines)
{
    if (m_ladder && m_ladderFrom == 0 && m_ladderMaxLines == kWholeRunLadderLines)
        return;
    m_ladder = true;
    m_ladderFrom = from;
    m_ladderMaxLines = maxLines;
}

QList<CapturedPacket> LoopbackCapture::packets() const
{
    QList<CapturedPacket> all = m_ring.snapshot();
    QSet<quint16> ports;
    {
        QMutexLocker lock(&m_portsMutex);
        ports = m_serverPorts;
    }
    for (CapturedPacket &p : all) {
        const DecodedPacket d = decodePacket(p);
        p.direction = d.isTcp() && ports.contains(d.sourcePort) && !ports.contains(d.destinationPort) ? Direction::ServerToClient
                                                                                                       : Direction::ClientToServer;
    }
    return all;
}

void LoopbackCapture::finish(ExperimentResult &result)
{
    // The last FINs and ACKs are sent within microseconds; give the reader a moment.
    QThread::msleep(50);
    quint64 missed = 0;
    m_ring.snapshot(&missed);
    const QList<CapturedPacket> all = packets();
    CaptureDirection c2s;
    CaptureDirection s2c;
    for (const CapturedPacket &p : all) {
        CaptureDirection &d = p.direction == Direction::ClientToServer ? c2s : s2c;
        ++d.packets;
        ++d.delivered;
    }
    tpacket_stats stats{};
    socklen_t len = sizeof(stats);
    if (::getsockopt(m_socket.get(), SOL_PACKET, PACKET_STATISTICS, &stats, &len) == 0 && stats.tp_drops > 0)
        result.notes << tr("The capture on lo lost %1 packets that came faster than it could read them (the pcap lacks them).").arg(stats.tp_drops);
    lab::CaptureReport report;
    report.path = QStringLiteral("loopback");
    report.pcapPath = m_pcapPath;
    report.ladder = m_ladder;
    report.ladderFrom = m_ladderFrom;
    report.ladderMaxLines = m_ladderMaxLines;
    report.tcpInfoMissing = tr("TCP_INFO is sampled on the wire only; this run used a private loopback");
    lab::reportCapture(result, all, missed, c2s, s2c, report);
}

} // namespace tcplab
