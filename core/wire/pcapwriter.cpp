#include "pcapwriter.h"

#include <QFile>

#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>

namespace tcplab::wire {

namespace {

struct PcapClose
{
    void operator()(pcap_t *p) const { pcap_close(p); }
};
struct DumperClose
{
    void operator()(pcap_dumper_t *d) const { pcap_dump_close(d); }
};

bool leftFrom(const CapturedPacket &p, Direction side)
{
    // The wire's extra copy never left the sender.
    return p.direction == side && p.fate != PacketFate::Duplicate;
}

bool reached(const CapturedPacket &p, Direction towards)
{
    return p.direction == towards && p.deliveredNs >= 0;
}

} // namespace

QList<PcapRecord> PcapWriter::view(const QList<CapturedPacket> &packets, CaptureView view)
{
    const Direction sent = view == CaptureView::Client ? Direction::ClientToServer : Direction::ServerToClient;
    const Direction received = view == CaptureView::Client ? Direction::ServerToClient : Direction::ClientToServer;
    QList<PcapRecord> out;
    out.reserve(packets.size());
    for (const CapturedPacket &p : packets) {
        if (leftFrom(p, sent))
            out.append({p.sentNs, &p});
        else if (reached(p, received))
            out.append({p.deliveredNs, &p});
    }
    std::stable_sort(out.begin(), out.end(), [](const PcapRecord &a, const PcapRecord &b) { return a.timeNs < b.timeNs; });
    return out;
}

QString PcapWriter::serverSidePath(const QString &clientPath)
{
    QString base = clientPath;
    if (base.endsWith(QLatin1String(".pcap"), Qt::CaseInsensitive))
        base.chop(5);
    return base + QLatin1String(".server.pcap");
}

Error PcapWriter::write(const QString &path, const QList<CapturedPacket> &packets, CaptureView which)
{
    const QString context = QStringLiteral("pcap %1").arg(path);
    std::unique_ptr<pcap_t, PcapClose> dead(pcap_open_dead(DLT_EN10MB, CapturedPacket::kSnapLength));
    if (!dead)
        return Error::message(context + QLatin1String(": libpcap could not start a capture handle"));
    errno = 0;
    std::unique_ptr<pcap_dumper_t, DumperClose> dumper(pcap_dump_open(dead.get(), QFile::encodeName(path).constData()));
    if (!dumper) {
        const int err = errno;
        return Error(err, context + QLatin1String(": ") + QString::fromLocal8Bit(pcap_geterr(dead.get())));
    }
    for (const PcapRecord &r : view(packets, which)) {
        pcap_pkthdr header{};
        header.ts.tv_sec = time_t(r.timeNs / 1000000000LL);
        header.ts.tv_usec = suseconds_t((r.timeNs % 1000000000LL) / 1000);
        header.caplen = qMin<quint32>(r.packet->capturedLength, CapturedPacket::kSnapLength);
        header.len = qMax<quint32>(r.packet->wireLength, header.caplen);
        pcap_dump(reinterpret_cast<u_char *>(dumper.get()), &header, r.packet->data.data());
    }
    // pcap_dump() reports nothing: a full disk shows only in the stream's state.
    FILE *file = pcap_dump_file(dumper.get());
    if (pcap_dump_flush(dumper.get()) != 0 || std::ferror(file)) {
        const int err = errno ? errno : EIO;
        return Error::fromErrno(err, context);
    }
    return {};
}

} // namespace tcplab::wire
