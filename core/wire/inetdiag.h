// One NETLINK_SOCK_DIAG dump of a namespace's IPv4 TCP sockets, the kernel's own list (unlike
// /proc/net/tcp, which shows only the reading thread's namespace). The TCP_INFO sampler and the
// experiments' socket lists both read it; each keeps what it needs of every message.
#pragma once

#include "error.h"

#include <functional>
#include <linux/inet_diag.h>

namespace tcplab::wire {

// visit gets each socket's inet_diag_msg and the length of the attributes that follow it.
using InetDiagVisitor = std::function<void(const inet_diag_msg &message, int attributesLength)>;

// The IPv4 TCP sockets of netlinkFd's namespace whose state is in statesMask (1 << TCP_state),
// with the inet_diag extensions asked for (1 << (INET_DIAG_x - 1)).
Error dumpInetDiag(int netlinkFd, quint32 statesMask, quint8 extensions, const InetDiagVisitor &visit);

} // namespace tcplab::wire
