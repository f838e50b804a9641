#include "socketdiag.h"

#include "inetdiag.h"

#include <linux/inet_diag.h>
#include <netinet/in.h>

namespace tcplab::lab {

Result<QList<DiagSocket>> diagTcpSockets(int netlinkFd, quint32 statesMask)
{
    QList<DiagSocket> out;
    const Error e = wire::dumpInetDiag(netlinkFd, statesMask, 0, [&](const inet_diag_msg &m, int) {
        DiagSocket s;
        s.state = m.idiag_state;
        s.localAddress = ntohl(m.id.idiag_src[0]);
        s.localPort = ntohs(m.id.idiag_sport);
        s.remoteAddress = ntohl(m.id.idiag_dst[0]);
        s.remotePort = ntohs(m.id.idiag_dport);
        s.retransmits = m.idiag_retrans;
        s.timer = m.idiag_timer;
        s.expiresMs = m.idiag_expires;
        out.append(s);
    });
    if (e)
        return e;
    return out;
}

} // namespace tcplab::lab
