#include "tcpinfodiag.h"

#include <QCoreApplication>

#include <cerrno>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab::wire {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }

// Sockets that own a full tcp_sock (and so a tcp_info): neither LISTEN, SYN_RECV (request
// socks), TIME_WAIT (minisocks) nor CLOSE.
constexpr quint32 kConnectedStates = (1u << TCP_ESTABLISHED) | (1u << TCP_SYN_SENT) | (1u << TCP_FIN_WAIT1) | (1u << TCP_FIN_WAIT2)
    | (1u << TCP_CLOSE_WAIT) | (1u << TCP_LAST_ACK) | (1u << TCP_CLOSING);

} // namespace

Result<QList<DiagTcpInfo>> dumpTcpInfo(int netlinkFd, int maxSockets)
{
    struct Request
    {
        nlmsghdr header;
        inet_diag_req_v2 body;
    } request{};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.header.nlmsg_seq = 1;
    request.body.sdiag_family = AF_INET;
    request.body.sdiag_protocol = IPPROTO_TCP;
    request.body.idiag_states = kConnectedStates;
    request.body.idiag_ext = 1u << (INET_DIAG_INFO - 1);
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(netlinkFd, &request, sizeof request, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
        return Error::fromErrno(errno, tr("sock_diag request"));

    QList<DiagTcpInfo> out;
    alignas(nlmsghdr) char buffer[32768];
    // A dump ends with NLMSG_DONE; bounded, so a kernel that never ends it cannot hold the caller.
    for (int reads = 0; reads < 1000; ++reads) {
        pollfd p{netlinkFd, POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0)
            return Error::message(tr("sock_diag: no answer from the kernel within 1 s"));
        const ssize_t n = ::recv(netlinkFd, buffer, sizeof buffer, 0);
        if (n < 0)
            return Error::fromErrno(errno, tr("sock_diag reply"));
        int left = int(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_type == NLMSG_DONE)
                return out;
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                return Error::fromErrno(-e->error, tr("sock_diag"));
            }
            if (h->nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg)) || out.size() >= maxSockets)
                continue;
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            DiagTcpInfo s;
            s.localAddress = ntohl(m->id.idiag_src[0]);
            s.localPort = ntohs(m->id.idiag_sport);
            s.remoteAddress = ntohl(m->id.idiag_dst[0]);
            s.remotePort = ntohs(m->id.idiag_dport);
            int attributesLength = int(h->nlmsg_len - NLMSG_LENGTH(sizeof(inet_diag_msg)));
            for (auto *a = reinterpret_cast<rtattr *>(const_cast<inet_diag_msg *>(m) + 1); RTA_OK(a, attributesLength);
                 a = RTA_NEXT(a, attributesLength)) {
                if (a->rta_type == INET_DIAG_INFO)
                    s.info = tcpInfoFromBytes(RTA_DATA(a), RTA_PAYLOAD(a));
            }
            if (s.info.valid)
                out.append(s);
        }
    }
    return Error::message(tr("sock_diag: the dump did not end"));
}

} // namespace tcplab::wire
