// The host's way into the wire: a TCP forwarder listening on the host's loopback. Each
// connection accepted there gets a connection of its own from the wire's client side to a
// target on the server side, and the bytes are relayed both ways. So curl, nc or any client on
// the host reaches the lab's server through the impaired path, as root and as an ordinary user,
// without an interface, route or sysctl on the host: the wire's addresses stay inside its
// namespaces. The host client's own TCP connection ends at the entry (loopback, no impairment);
// the entry's connection is the one that crosses the wire.
#pragma once

#include "error.h"
#include "socketfactory.h"

#include <QHostAddress>

#include <atomic>
#include <memory>

namespace tcplab::wire {

struct HostEntryOptions
{
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 0;      // 0: the kernel picks one
    int maxConnections = 256;    // at the cap the entry stops accepting; new ones wait in the backlog
    int bufferBytes = 64 * 1024; // per connection and direction: a full one stops reading its source
};

struct HostEntryCounters
{
    quint64 accepted = 0;
    quint64 active = 0;
    quint64 connectFailures = 0; // the wire side's connect (or socket) failed: the host connection was reset
    quint64 bytesToServer = 0;
    quint64 bytesToHost = 0;
};

class HostEntry
{
public:
    // clientSide creates sockets on the wire's client side; target is the server side's endpoint.
    static Result<std::unique_ptr<HostEntry>> start(SocketFactory clientSide, const QHostAddress &target, quint16 targetPort,
                                                    const HostEntryOptions &options = {});
    ~HostEntry(); // stops the thread; every connection it holds is closed

    HostEntry(const HostEntry &) = delete;
    HostEntry &operator=(const HostEntry &) = delete;

    QHostAddress address() const;
    quint16 port() const;
    HostEntryCounters counters() const;

private:
    HostEntry() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tcplab::wire
