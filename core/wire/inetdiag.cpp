#include "inetdiag.h"

#include <QCoreApplication>

#include <cerrno>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab::wire {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }

} // namespace

Error dumpInetDiag(int netlinkFd, quint32 statesMask, quint8 extensions, const InetDiagVisitor &visit)
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
    request.body.idiag_states = statesMask;
    request.body.idiag_ext = extensions;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(netlinkFd, &request, sizeof request, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
        return Error::fromErrno(errno, tr("sock_diag request"));

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
                return {};
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                return Error::fromErrno(-e->error, tr("sock_diag"));
            }
            if (h->nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg)))
                continue;
            visit(*static_cast<const inet_diag_msg *>(NLMSG_DATA(h)), int(h->nlmsg_len - NLMSG_LENGTH(sizeof(inet_diag_msg))));
        }
    }
    return Error::message(tr("sock_diag: the dump did not end"));
}

} // namespace tcplab::wire
