// The wire's namespaces live in a helper process forked at Wire start-up: a user namespace can
// only be created by a single-threaded process, and an unprivileged process cannot setns() into
// a network namespace owned by a child user namespace. The helper builds the relay namespace and
// the two sides, hands back the relay's two packet sockets, then stays alive as a socket factory
// (a socket keeps the namespace it was created in) until its channel closes.
#pragma once

#include "error.h"
#include "filedescriptor.h"

#include <QHostAddress>
#include <QMutex>

#include <memory>
#include <sys/types.h>

namespace tcplab::wire {

enum class Side : quint8 { Client = 0, Server = 1 };
QString sideName(Side side); // "client" / "server"

// One L2 segment, bridged by the relay: both sides in 198.18.0.0/24 (RFC 2544 benchmarking range).
struct WireAddressing
{
    static constexpr quint32 kClientIPv4 = 0xC6120001; // 198.18.0.1
    static constexpr quint32 kServerIPv4 = 0xC6120002; // 198.18.0.2
    static constexpr int kPrefixLength = 24;
    static constexpr int kMtu = 1500;
    // Locally administered MACs, so that each side gets a static neighbour entry for the other.
    static constexpr quint8 kClientMac[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x01};
    static constexpr quint8 kServerMac[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x02};
    static constexpr const char *kSideInterface = "wire0";       // in each side
    static constexpr const char *kRelayClientInterface = "wire-c"; // relay end of the client's veth
    static constexpr const char *kRelayServerInterface = "wire-s";
};

struct NamespaceInodes
{
    quint64 user = 0, relay = 0, client = 0, server = 0;
};

class NamespaceHelper
{
public:
    // Forks the helper and waits until the namespaces are built. The error is one line saying
    // what failed and, when the kernel forbids user namespaces, what to enable.
    static Result<std::unique_ptr<NamespaceHelper>> start();
    ~NamespaceHelper(); // closes the channel and reaps the helper by PID

    NamespaceHelper(const NamespaceHelper &) = delete;
    NamespaceHelper &operator=(const NamespaceHelper &) = delete;

    // The relay namespace's AF_PACKET sockets, bound to the relay ends of each side's veth.
    FileDescriptor takeLinkSocket(Side side);

    // socket(domain, type, protocol) created inside the side's namespace. Thread-safe.
    Result<FileDescriptor> socket(Side side, int domain, int type, int protocol);
    // /proc/sys/net/... inside the side's namespace only ("net.ipv4.tcp_fastopen"). Thread-safe.
    Error setSysctl(Side side, const QString &name, const QString &value);
    Result<QString> sysctl(Side side, const QString &name);

    pid_t pid() const { return m_pid; }
    NamespaceInodes inodes() const { return m_inodes; }

private:
    NamespaceHelper() = default;
    struct Reply;
    Error request(int op, Side side, int a, int b, int c, const QString &name, const QString &value,
                  FileDescriptor *fdOut, QString *valueOut);

    QMutex m_mutex; // one request at a time on the channel
    FileDescriptor m_channel;
    FileDescriptor m_links[2];
    pid_t m_pid = -1;
    NamespaceInodes m_inodes;
};

} // namespace tcplab::wire
