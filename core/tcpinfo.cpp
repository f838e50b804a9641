#include "tcpinfo.h"

#include <algorithm>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
// The kernel's own struct: glibc's netinet/tcp.h stops before the pacing and delivery rates.
#include <linux/tcp.h>

namespace tcplab {

QString tcpStateName(int state)
{
    static const char *const names[] = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
                                        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};
    if (state >= 0 && state < int(sizeof(names) / sizeof(names[0])))
        return QString::fromLatin1(names[state]);
    return QString::number(state);
}

QString TcpInfoSnapshot::stateName() const
{
    return valid ? tcpStateName(state) : QStringLiteral("-");
}

QString TcpInfoSnapshot::toText() const
{
    if (!valid)
        return QStringLiteral("tcp_info unavailable");
    return QStringLiteral("state=%1 rtt=%2us rttvar=%3us snd_cwnd=%4 retransmits=%5 total_retrans=%6")
        .arg(stateName())
        .arg(rttUs)
        .arg(rttVarUs)
        .arg(sndCwnd)
        .arg(retransmits)
        .arg(totalRetrans);
}

TcpInfoSnapshot readTcpInfo(int fd)
{
    struct tcp_info info = {};
    socklen_t len = sizeof(info);
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0)
        return {};
    return tcpInfoFromBytes(&info, len);
}

TcpInfoSnapshot tcpInfoFromBytes(const void *data, size_t length)
{
    TcpInfoSnapshot s;
    if (!data || length == 0)
        return s;
    // An older kernel sends less of the struct (the rest stays zero), a newer one more.
    struct tcp_info info = {};
    std::memcpy(&info, data, std::min(length, sizeof(info)));
    s.valid = true;
    s.state = info.tcpi_state;
    s.rttUs = info.tcpi_rtt;
    s.rttVarUs = info.tcpi_rttvar;
    s.sndCwnd = info.tcpi_snd_cwnd;
    s.retransmits = info.tcpi_retransmits;
    s.totalRetrans = info.tcpi_total_retrans;
    s.unacked = info.tcpi_unacked;
    s.sacked = info.tcpi_sacked;
    s.probes = info.tcpi_probes;
    s.lastDataRecvMs = info.tcpi_last_data_recv;
    s.lastAckRecvMs = info.tcpi_last_ack_recv;
    s.options = info.tcpi_options;
    s.caState = info.tcpi_ca_state;
    s.pmtu = info.tcpi_pmtu;
    s.sndMss = info.tcpi_snd_mss;
    s.rcvMss = info.tcpi_rcv_mss;
    s.sndSsthresh = info.tcpi_snd_ssthresh;
    s.rtoUs = info.tcpi_rto;
    s.rcvSpace = info.tcpi_rcv_space;
    s.notsentBytes = info.tcpi_notsent_bytes;
    s.segsOut = info.tcpi_segs_out;
    s.segsIn = info.tcpi_segs_in;
    s.bytesAcked = info.tcpi_bytes_acked;
    s.bytesReceived = info.tcpi_bytes_received;
    s.pacingRate = info.tcpi_pacing_rate;
    s.deliveryRate = info.tcpi_delivery_rate;
    s.deliveryRateAppLimited = info.tcpi_delivery_rate_app_limited;
    return s;
}

} // namespace tcplab
