#include "packetring.h"

#include <QCoreApplication>

#include <cerrno>
#include <linux/if_packet.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcplab::wire {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }
} // namespace

PacketRing::~PacketRing()
{
    if (m_map)
        ::munmap(m_map, m_mapBytes);
}

Error PacketRing::open(int fd, quint32 frameBytes, quint32 frames)
{
    const int version = TPACKET_V2;
    if (::setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof version) != 0)
        return Error::fromErrno(errno, tr("the wire's relay: PACKET_VERSION"));
    // A slot holds the ring's header, the address (room for a link header of up to 16 bytes
    // before the aligned network header) and the frame.
    const quint32 frameSize = TPACKET_ALIGN(TPACKET2_HDRLEN + 16 + frameBytes);
    const long page = ::sysconf(_SC_PAGESIZE);
    // Blocks of 64 KiB (physically contiguous memory is what the kernel wants for a block);
    // a smaller ring where memory is short.
    for (quint32 count = frames; count >= 64; count /= 2) {
        tpacket_req req{};
        req.tp_block_size = quint32(qMax<long>(page, 65536));
        req.tp_frame_size = frameSize;
        const quint32 perBlock = req.tp_block_size / frameSize;
        req.tp_block_nr = (count + perBlock - 1) / perBlock;
        req.tp_frame_nr = req.tp_block_nr * perBlock;
        if (::setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) != 0) {
            if (errno == ENOMEM)
                continue;
            return Error::fromErrno(errno, tr("the wire's relay: PACKET_RX_RING"));
        }
        const size_t bytes = size_t(req.tp_block_size) * req.tp_block_nr;
        void *map = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (map == MAP_FAILED) {
            const int err = errno;
            tpacket_req none{};
            ::setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &none, sizeof none);
            return Error::fromErrno(err, tr("the wire's relay: mmap of the packet ring"));
        }
        m_map = static_cast<quint8 *>(map);
        m_mapBytes = bytes;
        m_frameSize = frameSize;
        m_blockSize = req.tp_block_size;
        m_perBlock = perBlock;
        m_frames = req.tp_frame_nr;
        m_head = 0;
        return {};
    }
    return Error::fromErrno(ENOMEM, tr("the wire's relay: PACKET_RX_RING"));
}

bool PacketRing::peek(RingFrame *frame) const
{
    if (!m_map)
        return false;
    auto *h = reinterpret_cast<tpacket2_hdr *>(slot(m_head));
    // Acquire: the frame's bytes the kernel wrote before it handed the slot over.
    if (!(__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER))
        return false;
    frame->data = slot(m_head) + h->tp_mac;
    frame->length = h->tp_len;
    frame->captured = h->tp_snaplen;
    frame->arrivalRealNs = qint64(h->tp_sec) * 1000000000 + h->tp_nsec;
    return true;
}

void PacketRing::release()
{
    auto *h = reinterpret_cast<tpacket2_hdr *>(slot(m_head));
    // Release: done reading the slot before the kernel may fill it again.
    __atomic_store_n(&h->tp_status, quint32(TP_STATUS_KERNEL), __ATOMIC_RELEASE);
    m_head = m_head + 1 == m_frames ? 0 : m_head + 1;
}

} // namespace tcplab::wire
