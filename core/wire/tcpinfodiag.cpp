#include "tcpinfodiag.h"

#include "inetdiag.h"

#include <linux/inet_diag.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

namespace tcplab::wire {

namespace {

// Sockets that own a full tcp_sock (and so a tcp_info): neither LISTEN, SYN_RECV (request
// socks), TIME_WAIT (minisocks) nor CLOSE.
constexpr quint32 kConnectedStates = (1u << TCP_ESTABLISHED) | (1u << TCP_SYN_SENT) | (1u << TCP_FIN_WAIT1) | (1u << TCP_FIN_WAIT2)
    | (1u << TCP_CLOSE_WAIT) | (1u << TCP_LAST_ACK) | (1u << TCP_CLOSING);

} // namespace

Result<QList<DiagTcpInfo>> dumpTcpInfo(int netlinkFd, int maxSockets)
{
    QList<DiagTcpInfo> out;
    const Error e = dumpInetDiag(netlinkFd, kConnectedStates, 1u << (INET_DIAG_INFO - 1), [&](const inet_diag_msg &m, int attributesLength) {
        if (out.size() >= maxSockets)
            return;
        DiagTcpInfo s;
        s.localAddress = ntohl(m.id.idiag_src[0]);
        s.localPort = ntohs(m.id.idiag_sport);
        s.remoteAddress = ntohl(m.id.idiag_dst[0]);
        s.remotePort = ntohs(m.id.idiag_dport);
        for (auto *a = reinterpret_cast<const rtattr *>(&m + 1); RTA_OK(a, attributesLength); a = RTA_NEXT(a, attributesLength)) {
            if (a->rta_type == INET_DIAG_INFO)
                s.info = tcpInfoFromBytes(RTA_DATA(a), RTA_PAYLOAD(a));
        }
        if (s.info.valid)
            out.append(s);
    });
    if (e)
        return e;
    return out;
}

} // namespace tcplab::wire
