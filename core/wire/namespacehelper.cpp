#include "namespacehelper.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace tcplab::wire {

QString sideName(Side side)
{
    return side == Side::Client ? QStringLiteral("client") : QStringLiteral("server");
}

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }

// ---- The channel's messages: fixed size, so that the helper never allocates. ----
enum Op : qint32 { OpSocket = 1, OpSetSysctl = 2, OpGetSysctl = 3 };

struct Request
{
    qint32 op = 0;
    qint32 side = 0;
    qint32 a = 0, b = 0, c = 0;
    char name[96] = {};
    char value[64] = {};
};

// Where the helper failed; the parent turns it into a sentence.
enum Stage : qint32 {
    StageOk = 0,
    StageUnshareUser,
    StageSetgroups,
    StageUidMap,
    StageGidMap,
    StageOpenNamespace,
    StageUnshareSide,
    StageSetns,
    StageNetlink,
    StageVeth,
    StageInterfaceIndex,
    StageLinkUp,
    StageAddress,
    StageNeighbour,
    StageOffload,
    StagePacketSocket,
    StageBadRequest,
    StageSysctlOpen,
    StageSysctlIo,
    StageSocket,
};

struct WireReply
{
    qint32 stage = StageOk;
    qint32 err = 0;
    quint64 inodes[4] = {}; // user, relay, client, server
    char value[64] = {};
};

// ---- The helper child: async-signal-safe system calls only, fixed stack buffers. ----

size_t cstrlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        ++n;
    return n;
}

void cstrcopy(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; i + 1 < cap && src[i]; ++i)
        dst[i] = src[i];
    dst[i] = 0;
}

// Appends the decimal form of v to buf at *pos.
void appendNumber(char *buf, size_t *pos, unsigned long v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        buf[(*pos)++] = tmp[--n];
}

bool writeProcFile(const char *path, const char *text, size_t len)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text, len) == ssize_t(len);
    const int err = errno;
    ::close(fd);
    errno = err;
    return ok;
}

bool writeIdMap(const char *path, unsigned long id)
{
    char map[48];
    size_t pos = 0;
    map[pos++] = '0';
    map[pos++] = ' ';
    appendNumber(map, &pos, id);
    map[pos++] = ' ';
    map[pos++] = '1';
    map[pos++] = '\n';
    return writeProcFile(path, map, pos);
}

quint64 inodeOf(int fd)
{
    struct stat st{};
    return ::fstat(fd, &st) == 0 ? quint64(st.st_ino) : 0;
}

// A hand-built netlink request in a stack buffer.
struct NetlinkMessage
{
    alignas(NLMSG_ALIGNTO) char buf[1024];
    nlmsghdr *header() { return reinterpret_cast<nlmsghdr *>(buf); }

    NetlinkMessage(int type, int flags)
    {
        std::memset(buf, 0, sizeof buf);
        header()->nlmsg_len = NLMSG_LENGTH(0);
        header()->nlmsg_type = quint16(type);
        header()->nlmsg_flags = quint16(NLM_F_REQUEST | NLM_F_ACK | flags);
        header()->nlmsg_seq = 1;
    }
    void *put(const void *data, size_t len)
    {
        char *at = buf + NLMSG_ALIGN(header()->nlmsg_len);
        std::memcpy(at, data, len);
        header()->nlmsg_len = quint32(NLMSG_ALIGN(header()->nlmsg_len) + len);
        return at;
    }
    rtattr *attr(int type, const void *data, size_t len)
    {
        auto *a = reinterpret_cast<rtattr *>(buf + NLMSG_ALIGN(header()->nlmsg_len));
        a->rta_type = quint16(type);
        a->rta_len = quint16(RTA_LENGTH(len));
        if (len)
            std::memcpy(RTA_DATA(a), data, len);
        header()->nlmsg_len = quint32(NLMSG_ALIGN(header()->nlmsg_len) + RTA_ALIGN(a->rta_len));
        return a;
    }
    rtattr *attrString(int type, const char *s) { return attr(type, s, cstrlen(s) + 1); }
    rtattr *attrU32(int type, quint32 v) { return attr(type, &v, sizeof v); }
    rtattr *beginNest(int type) { return attr(type, nullptr, 0); }
    void endNest(rtattr *nest) { nest->rta_len = quint16(buf + header()->nlmsg_len - reinterpret_cast<char *>(nest)); }
};

// Sends the request and reads its acknowledgement: 0 or the kernel's errno.
int netlinkTalk(int nl, NetlinkMessage &m)
{
    if (::send(nl, m.buf, m.header()->nlmsg_len, 0) < 0)
        return errno;
    alignas(NLMSG_ALIGNTO) char answer[1024];
    const ssize_t n = ::recv(nl, answer, sizeof answer, 0);
    if (n < 0)
        return errno;
    const auto *h = reinterpret_cast<const nlmsghdr *>(answer);
    if (n < ssize_t(NLMSG_LENGTH(sizeof(nlmsgerr))) || h->nlmsg_type != NLMSG_ERROR)
        return EPROTO;
    const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
    return -e->error;
}

int interfaceIndex(int ctl, const char *name)
{
    ifreq ifr{};
    cstrcopy(ifr.ifr_name, name, IFNAMSIZ);
    return ::ioctl(ctl, SIOCGIFINDEX, &ifr) == 0 ? ifr.ifr_ifindex : -1;
}

int linkUp(int nl, int index)
{
    NetlinkMessage m(RTM_NEWLINK, 0);
    ifinfomsg info{};
    info.ifi_family = AF_UNSPEC;
    info.ifi_index = index;
    info.ifi_flags = IFF_UP;
    info.ifi_change = IFF_UP;
    m.put(&info, sizeof info);
    return netlinkTalk(nl, m);
}

// Until linkwatch activates a device that came up, its qdisc is "noop", which drops every frame:
// the first packet of a fresh wire would be lost. Wait (bounded) for the real qdisc.
void waitForQdisc(int nl, int index)
{
    for (int attempt = 0; attempt < 3000; ++attempt) {
        NetlinkMessage m(RTM_GETLINK, 0);
        m.header()->nlmsg_flags = NLM_F_REQUEST;
        ifinfomsg info{};
        info.ifi_family = AF_UNSPEC;
        info.ifi_index = index;
        m.put(&info, sizeof info);
        if (::send(nl, m.buf, m.header()->nlmsg_len, 0) < 0)
            return;
        alignas(NLMSG_ALIGNTO) char answer[8192];
        const ssize_t n = ::recv(nl, answer, sizeof answer, 0);
        if (n <= 0)
            return;
        auto *h = reinterpret_cast<nlmsghdr *>(answer);
        if (!NLMSG_OK(h, size_t(n)) || h->nlmsg_type != RTM_NEWLINK)
            return;
        int len = int(IFLA_PAYLOAD(h));
        bool active = false;
        for (rtattr *a = IFLA_RTA(static_cast<ifinfomsg *>(NLMSG_DATA(h))); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
            if (a->rta_type == IFLA_QDISC) {
                const char *name = static_cast<const char *>(RTA_DATA(a));
                active = !(name[0] == 'n' && name[1] == 'o' && name[2] == 'o' && name[3] == 'p' && name[4] == 0);
            }
        }
        if (active)
            return;
        const timespec ms{0, 1000000};
        ::nanosleep(&ms, nullptr);
    }
}

// Without this the veth hands the AF_PACKET socket frames with partial checksums (TX checksum
// offload) or 64 KB super-frames (TSO/GSO/GRO), which the relay would forward broken or whole.
int offloadsOff(int ctl, const char *name)
{
    static constexpr quint32 kCommands[] = {ETHTOOL_STXCSUM, ETHTOOL_STSO, ETHTOOL_SGSO, ETHTOOL_SGRO};
    for (quint32 cmd : kCommands) {
        ethtool_value value{};
        value.cmd = cmd;
        value.data = 0;
        ifreq ifr{};
        cstrcopy(ifr.ifr_name, name, IFNAMSIZ);
        ifr.ifr_data = reinterpret_cast<char *>(&value);
        if (::ioctl(ctl, SIOCETHTOOL, &ifr) != 0)
            return errno;
    }
    return 0;
}

// Router solicitations and MLD reports would otherwise cross the wire unasked.
void ipv6Off()
{
    writeProcFile("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1\n", 2);
    writeProcFile("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1\n", 2);
}

// The veth from the relay namespace (this one) into a side, its side end named kSideInterface.
int createVeth(int nl, const char *relayName, int sideNamespace, const quint8 *sideMac)
{
    NetlinkMessage m(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    ifinfomsg info{};
    info.ifi_family = AF_UNSPEC;
    m.put(&info, sizeof info);
    m.attrString(IFLA_IFNAME, relayName);
    m.attrU32(IFLA_MTU, WireAddressing::kMtu);
    rtattr *linkInfo = m.beginNest(IFLA_LINKINFO);
    m.attrString(IFLA_INFO_KIND, "veth");
    rtattr *data = m.beginNest(IFLA_INFO_DATA);
    rtattr *peer = m.beginNest(VETH_INFO_PEER);
    ifinfomsg peerInfo{};
    peerInfo.ifi_family = AF_UNSPEC;
    m.put(&peerInfo, sizeof peerInfo);
    m.attrString(IFLA_IFNAME, WireAddressing::kSideInterface);
    m.attr(IFLA_ADDRESS, sideMac, 6);
    m.attrU32(IFLA_MTU, WireAddressing::kMtu);
    m.attrU32(IFLA_NET_NS_FD, quint32(sideNamespace));
    m.endNest(peer);
    m.endNest(data);
    m.endNest(linkInfo);
    return netlinkTalk(nl, m);
}

int addAddress(int nl, int index, quint32 address)
{
    NetlinkMessage m(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
    ifaddrmsg a{};
    a.ifa_family = AF_INET;
    a.ifa_prefixlen = WireAddressing::kPrefixLength;
    a.ifa_scope = RT_SCOPE_UNIVERSE;
    a.ifa_index = quint32(index);
    m.put(&a, sizeof a);
    const quint32 be = htonl(address);
    m.attr(IFA_LOCAL, &be, 4);
    m.attr(IFA_ADDRESS, &be, 4);
    return netlinkTalk(nl, m);
}

// A PERMANENT neighbour: the first connect pays no ARP round trip across the (delayed) wire.
int addNeighbour(int nl, int index, quint32 address, const quint8 *mac)
{
    NetlinkMessage m(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
    ndmsg n{};
    n.ndm_family = AF_INET;
    n.ndm_ifindex = index;
    n.ndm_state = NUD_PERMANENT;
    m.put(&n, sizeof n);
    const quint32 be = htonl(address);
    m.attr(NDA_DST, &be, 4);
    m.attr(NDA_LLADDR, mac, 6);
    return netlinkTalk(nl, m);
}

struct ChildState
{
    int relayNs = -1;
    int sideNs[2] = {-1, -1};
    int links[2] = {-1, -1};
};

// In the side's namespace (the caller has entered it): lo and the veth end up, address,
// offloads off, the static neighbour for the other side.
qint32 configureSide(Side side, int *err)
{
    const bool client = side == Side::Client;
    const int nl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    const int ctl = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    qint32 stage = StageOk;
    int index = -1;
    if (nl < 0 || ctl < 0) {
        stage = StageNetlink;
        *err = errno;
    } else if ((*err = linkUp(nl, 1)) != 0) { // lo is always index 1 in a new namespace
        stage = StageLinkUp;
    } else if ((index = interfaceIndex(ctl, WireAddressing::kSideInterface)) < 0) {
        stage = StageInterfaceIndex;
        *err = errno;
    } else if ((*err = offloadsOff(ctl, WireAddressing::kSideInterface)) != 0) {
        stage = StageOffload;
    } else if ((*err = addAddress(nl, index, client ? WireAddressing::kClientIPv4 : WireAddressing::kServerIPv4)) != 0) {
        stage = StageAddress;
    } else if ((*err = linkUp(nl, index)) != 0) {
        stage = StageLinkUp;
    } else if ((*err = addNeighbour(nl, index, client ? WireAddressing::kServerIPv4 : WireAddressing::kClientIPv4,
                                    client ? WireAddressing::kServerMac : WireAddressing::kClientMac)) != 0) {
        stage = StageNeighbour;
    } else {
        waitForQdisc(nl, index);
    }
    if (nl >= 0)
        ::close(nl);
    if (ctl >= 0)
        ::close(ctl);
    return stage;
}

qint32 openPacketSocket(int ctl, const char *name, int *fdOut, int *err)
{
    const int index = interfaceIndex(ctl, name);
    if (index < 0) {
        *err = errno;
        return StageInterfaceIndex;
    }
    // Protocol 0 until bound: no frame of another interface is queued before bind().
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *err = errno;
        return StagePacketSocket;
    }
    sockaddr_ll ll{};
    ll.sll_family = AF_PACKET;
    ll.sll_protocol = htons(ETH_P_ALL);
    ll.sll_ifindex = index;
    const int one = 1;
    // The relay is the link's queue: its frames skip the relay ends' qdiscs.
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&ll), sizeof ll) != 0
        || ::setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) != 0
        || ::setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) != 0) {
        *err = errno;
        ::close(fd);
        return StagePacketSocket;
    }
    *fdOut = fd;
    return StageOk;
}

qint32 buildNamespaces(uid_t uid, gid_t gid, ChildState *s, WireReply *reply)
{
    int *err = &reply->err;
    // A user namespace for root too: one design for every user, and the host's network
    // namespace is never entered or changed.
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
        *err = errno;
        return StageUnshareUser;
    }
    if (!writeProcFile("/proc/self/setgroups", "deny", 4)) {
        *err = errno;
        return StageSetgroups;
    }
    if (!writeIdMap("/proc/self/uid_map", uid)) {
        *err = errno;
        return StageUidMap;
    }
    if (!writeIdMap("/proc/self/gid_map", gid)) {
        *err = errno;
        return StageGidMap;
    }
    const int userNs = ::open("/proc/self/ns/user", O_RDONLY | O_CLOEXEC);
    s->relayNs = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (userNs < 0 || s->relayNs < 0) {
        *err = errno;
        return StageOpenNamespace;
    }
    reply->inodes[0] = inodeOf(userNs);
    reply->inodes[1] = inodeOf(s->relayNs);
    ::close(userNs);
    ipv6Off();
    for (int i = 0; i < 2; ++i) {
        if (::unshare(CLONE_NEWNET) != 0) {
            *err = errno;
            return StageUnshareSide;
        }
        s->sideNs[i] = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        if (s->sideNs[i] < 0) {
            *err = errno;
            return StageOpenNamespace;
        }
        reply->inodes[2 + i] = inodeOf(s->sideNs[i]);
        ipv6Off();
        if (::setns(s->relayNs, CLONE_NEWNET) != 0) {
            *err = errno;
            return StageSetns;
        }
    }

    const int nl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    const int ctl = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (nl < 0 || ctl < 0) {
        *err = errno;
        return StageNetlink;
    }
    const char *relayNames[2] = {WireAddressing::kRelayClientInterface, WireAddressing::kRelayServerInterface};
    const quint8 *macs[2] = {WireAddressing::kClientMac, WireAddressing::kServerMac};
    qint32 stage = StageOk;
    for (int i = 0; i < 2 && stage == StageOk; ++i) {
        int index = -1;
        if ((*err = createVeth(nl, relayNames[i], s->sideNs[i], macs[i])) != 0)
            stage = StageVeth;
        else if ((index = interfaceIndex(ctl, relayNames[i])) < 0)
            stage = StageInterfaceIndex, *err = errno;
        else if ((*err = offloadsOff(ctl, relayNames[i])) != 0)
            stage = StageOffload;
        else if ((*err = linkUp(nl, index)) != 0)
            stage = StageLinkUp;
        else
            stage = openPacketSocket(ctl, relayNames[i], &s->links[i], err);
    }
    ::close(nl);
    ::close(ctl);
    if (stage != StageOk)
        return stage;

    for (int i = 0; i < 2; ++i) {
        if (::setns(s->sideNs[i], CLONE_NEWNET) != 0) {
            *err = errno;
            return StageSetns;
        }
        stage = configureSide(Side(i), err);
        if (::setns(s->relayNs, CLONE_NEWNET) != 0 && stage == StageOk) {
            *err = errno;
            stage = StageSetns;
        }
        if (stage != StageOk)
            return stage;
    }
    return StageOk;
}

void sendReply(int sock, const WireReply &reply, const int *fds, int count)
{
    iovec iov{const_cast<WireReply *>(&reply), sizeof reply};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 2)];
    if (count > 0) {
        std::memset(control, 0, sizeof control);
        msg.msg_control = control;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * size_t(count));
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * size_t(count));
        std::memcpy(CMSG_DATA(c), fds, sizeof(int) * size_t(count));
    }
    while (::sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

// "net.ipv4.tcp_fastopen" -> "/proc/sys/net/ipv4/tcp_fastopen"; only net.* (per namespace).
bool sysctlPath(const char *name, char *path, size_t cap)
{
    static constexpr char kPrefix[] = "/proc/sys/";
    if (name[0] != 'n' || name[1] != 'e' || name[2] != 't' || name[3] != '.')
        return false;
    size_t pos = 0;
    for (; kPrefix[pos]; ++pos)
        path[pos] = kPrefix[pos];
    char prev = 0;
    for (size_t i = 0; name[i]; ++i) {
        const char ch = name[i];
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
        if (!ok || (ch == '.' && prev == '.') || pos + 2 >= cap)
            return false;
        path[pos++] = ch == '.' ? '/' : ch;
        prev = ch;
    }
    path[pos] = 0;
    return prev != '.';
}

void serve(int sock, const ChildState &s)
{
    for (;;) {
        Request req;
        const ssize_t n = ::recv(sock, &req, sizeof req, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // the lab closed the channel (or died): the namespaces go with us
        WireReply reply;
        if (n != ssize_t(sizeof req) || (req.side != 0 && req.side != 1)) {
            reply.stage = StageBadRequest;
            reply.err = EINVAL;
            sendReply(sock, reply, nullptr, 0);
            continue;
        }
        req.name[sizeof req.name - 1] = 0;
        req.value[sizeof req.value - 1] = 0;
        if (::setns(s.sideNs[req.side], CLONE_NEWNET) != 0) {
            reply.stage = StageSetns;
            reply.err = errno;
            sendReply(sock, reply, nullptr, 0);
            continue;
        }
        int fd = -1;
        if (req.op == OpSocket) {
            fd = ::socket(req.a, req.b, req.c);
            if (fd < 0)
                reply.stage = StageSocket, reply.err = errno;
        } else if (req.op == OpSetSysctl || req.op == OpGetSysctl) {
            char path[160];
            const bool set = req.op == OpSetSysctl;
            if (!sysctlPath(req.name, path, sizeof path)) {
                reply.stage = StageBadRequest;
                reply.err = EINVAL;
            } else {
                const int f = ::open(path, (set ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
                if (f < 0) {
                    reply.stage = StageSysctlOpen;
                    reply.err = errno;
                } else {
                    ssize_t io;
                    if (set) {
                        const size_t len = cstrlen(req.value);
                        io = ::write(f, req.value, len);
                        if (io >= 0 && size_t(io) != len)
                            io = -1, errno = EIO;
                    } else {
                        io = ::read(f, reply.value, sizeof reply.value - 1);
                    }
                    if (io < 0)
                        reply.stage = StageSysctlIo, reply.err = errno;
                    ::close(f);
                }
            }
        } else {
            reply.stage = StageBadRequest;
            reply.err = EINVAL;
        }
        if (::setns(s.relayNs, CLONE_NEWNET) != 0)
            ::_exit(3); // cannot happen; never serve from the wrong namespace
        sendReply(sock, reply, fd >= 0 ? &fd : nullptr, fd >= 0 ? 1 : 0);
        if (fd >= 0)
            ::close(fd);
    }
}

[[noreturn]] void childMain(int sock, uid_t uid, gid_t gid)
{
    // Copies of the lab's descriptors (another wire's channel among them) would keep them open.
    if (sock > 0)
        ::close_range(0, unsigned(sock - 1), 0);
    ::close_range(unsigned(sock + 1), ~0U, 0);
    // Ctrl-C in the lab's terminal reaches the whole process group: the helper ends with the
    // channel instead, so that the lab can still close its wire in order.
    struct sigaction ignore{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGINT, &ignore, nullptr);
    ::sigaction(SIGQUIT, &ignore, nullptr);
    ::prctl(PR_SET_NAME, "tcplab-wire-ns", 0, 0, 0);
    ChildState state;
    WireReply reply;
    reply.stage = buildNamespaces(uid, gid, &state, &reply);
    if (reply.stage != StageOk) {
        sendReply(sock, reply, nullptr, 0);
        ::_exit(1);
    }
    sendReply(sock, reply, state.links, 2);
    ::close(state.links[0]);
    ::close(state.links[1]);
    serve(sock, state);
    ::_exit(0);
}

// ---- The lab's side. ----

QString readProcValue(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).trimmed();
}

// Why user namespaces are unavailable, and what to enable.
QString userNamespaceAdvice(int err)
{
    const QString clone = readProcValue("/proc/sys/kernel/unprivileged_userns_clone");
    if (clone == QLatin1String("0"))
        return tr("unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0): enable them as root with 'sysctl -w kernel.unprivileged_userns_clone=1', or run the lab as root");
    const QString max = readProcValue("/proc/sys/user/max_user_namespaces");
    if (max == QLatin1String("0"))
        return tr("user namespaces are disabled (user.max_user_namespaces=0): enable them as root with 'sysctl -w user.max_user_namespaces=15000'");
    const QString apparmor = readProcValue("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
    if (apparmor == QLatin1String("1"))
        return tr("AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1): allow them as root with 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0', or give tcplab an AppArmor profile with the 'userns' permission");
    if (err == ENOSPC || err == EUSERS)
        return tr("the limit on user namespaces is reached (user.max_user_namespaces=%1 here, or a lower limit of an enclosing namespace): raise it, or close other programs' namespaces").arg(max.isEmpty() ? QStringLiteral("?") : max);
    if (err == EINVAL || err == ENOSYS)
        return tr("this kernel has no user or network namespaces (CONFIG_USER_NS, CONFIG_NET_NS): use a kernel built with them");
    return tr("the kernel or a security policy (seccomp, a container runtime) forbids user namespaces here: allow unprivileged user namespaces (unshare -rn must work), or run the lab outside that sandbox");
}

QString stageText(qint32 stage)
{
    switch (stage) {
    case StageUnshareUser: return QStringLiteral("unshare(CLONE_NEWUSER|CLONE_NEWNET)");
    case StageSetgroups: return QStringLiteral("writing /proc/self/setgroups");
    case StageUidMap: return QStringLiteral("writing /proc/self/uid_map");
    case StageGidMap: return QStringLiteral("writing /proc/self/gid_map");
    case StageOpenNamespace: return QStringLiteral("opening /proc/self/ns");
    case StageUnshareSide: return QStringLiteral("unshare(CLONE_NEWNET) for a side");
    case StageSetns: return QStringLiteral("setns(CLONE_NEWNET)");
    case StageNetlink: return QStringLiteral("opening a netlink socket");
    case StageVeth: return QStringLiteral("creating a veth pair (RTM_NEWLINK veth)");
    case StageInterfaceIndex: return QStringLiteral("SIOCGIFINDEX");
    case StageLinkUp: return QStringLiteral("setting a link up (RTM_NEWLINK)");
    case StageAddress: return QStringLiteral("adding an address (RTM_NEWADDR)");
    case StageNeighbour: return QStringLiteral("adding a static neighbour (RTM_NEWNEIGH)");
    case StageOffload: return QStringLiteral("turning veth offloads off (SIOCETHTOOL)");
    case StagePacketSocket: return QStringLiteral("opening an AF_PACKET socket");
    case StageBadRequest: return QStringLiteral("the request");
    case StageSysctlOpen: return QStringLiteral("opening the sysctl");
    case StageSysctlIo: return QStringLiteral("reading or writing the sysctl");
    case StageSocket: return QStringLiteral("socket()");
    }
    return QStringLiteral("stage %1").arg(stage);
}

// Reads one reply (and a descriptor, when one rides along).
bool receiveReply(int sock, WireReply *reply, int *fds, int maxFds, int *fdCount)
{
    iovec iov{reply, sizeof *reply};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 2)] = {};
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    *fdCount = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const int count = int((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < count; ++i) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                if (*fdCount < maxFds)
                    fds[(*fdCount)++] = fd;
                else
                    ::close(fd);
            }
        }
    }
    return n == ssize_t(sizeof *reply);
}

void reap(pid_t pid)
{
    QElapsedTimer clock;
    clock.start();
    while (::waitpid(pid, nullptr, WNOHANG) == 0) {
        if (clock.elapsed() > 2000) { // it exits on the channel's EOF; never hang the lab on it
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            return;
        }
        QThread::usleep(200);
    }
}

} // namespace

Result<std::unique_ptr<NamespaceHelper>> NamespaceHelper::start()
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return Error::fromErrno(errno, tr("the wire: socketpair"));
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(sv[0]);
        ::close(sv[1]);
        return Error::fromErrno(err, tr("the wire: fork"));
    }
    if (pid == 0)
        childMain(sv[1], uid, gid);
    ::close(sv[1]);

    std::unique_ptr<NamespaceHelper> helper(new NamespaceHelper);
    helper->m_channel.reset(sv[0]);
    helper->m_pid = pid;

    pollfd p{sv[0], POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, 10000);
    } while (ready < 0 && errno == EINTR);
    WireReply reply;
    int fds[2] = {-1, -1};
    int count = 0;
    if (ready <= 0 || !receiveReply(sv[0], &reply, fds, 2, &count)) {
        for (int i = 0; i < count; ++i)
            ::close(fds[i]);
        return Error::message(tr("the wire's namespace helper (PID %1) did not answer").arg(pid));
    }
    if (reply.stage != StageOk) {
        for (int i = 0; i < count; ++i)
            ::close(fds[i]);
        const Error cause = Error::fromErrno(reply.err, stageText(reply.stage));
        QString text = tr("the wire cannot create its network namespaces: %1").arg(cause.text());
        const bool policy = reply.err == EPERM || reply.err == EACCES || reply.err == EINVAL || reply.err == ENOSPC || reply.err == EUSERS || reply.err == ENOSYS;
        if (policy && reply.stage <= StageGidMap)
            text += QStringLiteral("; ") + userNamespaceAdvice(reply.err);
        return Error(reply.err, text);
    }
    if (count != 2) {
        for (int i = 0; i < count; ++i)
            ::close(fds[i]);
        return Error::message(tr("the wire's namespace helper sent %1 link sockets instead of 2").arg(count));
    }
    helper->m_links[0].reset(fds[0]);
    helper->m_links[1].reset(fds[1]);
    helper->m_inodes = {reply.inodes[0], reply.inodes[1], reply.inodes[2], reply.inodes[3]};
    return helper;
}

NamespaceHelper::~NamespaceHelper()
{
    m_links[0].reset();
    m_links[1].reset();
    m_channel.reset();
    if (m_pid > 0)
        reap(m_pid);
}

FileDescriptor NamespaceHelper::takeLinkSocket(Side side)
{
    return std::move(m_links[int(side)]);
}

Error NamespaceHelper::request(int op, Side side, int a, int b, int c, const QString &name, const QString &value,
                               FileDescriptor *fdOut, QString *valueOut)
{
    Request req;
    req.op = op;
    req.side = qint32(side);
    req.a = a;
    req.b = b;
    req.c = c;
    const QByteArray n = name.toLatin1();
    const QByteArray v = value.toLatin1();
    if (n.size() >= int(sizeof req.name) || v.size() >= int(sizeof req.value))
        return Error(EINVAL, tr("the sysctl name or value is too long"));
    std::memcpy(req.name, n.constData(), size_t(n.size()));
    std::memcpy(req.value, v.constData(), size_t(v.size()));

    QMutexLocker lock(&m_mutex);
    if (::send(m_channel.get(), &req, sizeof req, MSG_NOSIGNAL) != ssize_t(sizeof req))
        return Error::fromErrno(errno, tr("the wire's namespace helper is gone"));
    WireReply reply;
    int fd = -1;
    int count = 0;
    if (!receiveReply(m_channel.get(), &reply, &fd, 1, &count))
        return Error::message(tr("the wire's namespace helper is gone"));
    FileDescriptor owned(count ? fd : -1);
    if (reply.stage != StageOk)
        return Error::fromErrno(reply.err, stageText(reply.stage));
    if (fdOut)
        *fdOut = std::move(owned);
    if (valueOut)
        *valueOut = QString::fromLatin1(reply.value).trimmed();
    return {};
}

Result<FileDescriptor> NamespaceHelper::socket(Side side, int domain, int type, int protocol)
{
    FileDescriptor fd;
    if (Error e = request(OpSocket, side, domain, type, protocol, {}, {}, &fd, nullptr))
        return Error(e.errnum(), tr("socket in the wire's %1 side: %2").arg(sideName(side), e.text()));
    if (!fd.isValid())
        return Error::message(tr("socket in the wire's %1 side: no descriptor came back").arg(sideName(side)));
    return fd;
}

Error NamespaceHelper::setSysctl(Side side, const QString &name, const QString &value)
{
    if (!name.startsWith(QLatin1String("net.")))
        return Error(EINVAL, tr("only net.* sysctls belong to a side's namespace, not '%1'").arg(name));
    if (Error e = request(OpSetSysctl, side, 0, 0, 0, name, value, nullptr, nullptr))
        return Error(e.errnum(), tr("setting %1=%2 in the wire's %3 side: %4").arg(name, value, sideName(side), e.text()));
    return {};
}

Result<QString> NamespaceHelper::sysctl(Side side, const QString &name)
{
    if (!name.startsWith(QLatin1String("net.")))
        return Error(EINVAL, tr("only net.* sysctls belong to a side's namespace, not '%1'").arg(name));
    QString value;
    if (Error e = request(OpGetSysctl, side, 0, 0, 0, name, {}, nullptr, &value))
        return Error(e.errnum(), tr("reading %1 in the wire's %2 side: %3").arg(name, sideName(side), e.text()));
    return value;
}

} // namespace tcplab::wire
