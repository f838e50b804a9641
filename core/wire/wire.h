// The wire: an emulated network path between a client side and a server side (two network
// namespaces joined through the lab's relay), with netem-like impairments per direction and
// every packet handed to a PacketSink. Works as root and unprivileged (user namespaces).
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "namespacehelper.h"
#include "packetsink.h"
#include "relay.h"
#include "socketfactory.h"
#include "wirespec.h"

#include <QHostAddress>
#include <QMutex>

#include <memory>

namespace tcplab::wire {

class Wire
{
public:
    // Builds the namespaces (in a helper process) and starts the relay. sink may be null; it must
    // outlive the Wire. The error is one line: what failed, and what to enable when the kernel
    // forbids user namespaces.
    static Result<std::unique_ptr<Wire>> start(const WireSpec &spec = {}, PacketSink *sink = nullptr);
    // Stops the relay thread and the helper. The namespaces and their interfaces vanish with the
    // last socket created in them: close the lab's wire sockets first.
    ~Wire();

    Wire(const Wire &) = delete;
    Wire &operator=(const Wire &) = delete;

    // A socket created inside a side's namespace; bind/connect/listen it from anywhere. Thread-safe.
    Result<FileDescriptor> socket(Side side, int domain, int type, int protocol = 0);
    // The same as a SocketFactory for ServerConfig-driven code (Server::setSocketFactory,
    // ClientRequest::socketFactory). Used after the Wire is gone it fails with ENETDOWN.
    SocketFactory socketFactory(Side side);

    QHostAddress clientAddress() const { return QHostAddress(WireAddressing::kClientIPv4); }
    QHostAddress serverAddress() const { return QHostAddress(WireAddressing::kServerIPv4); }
    QHostAddress address(Side side) const { return side == Side::Client ? clientAddress() : serverAddress(); }

    // From any thread; applied between two packets, queued packets kept.
    Error setSpec(const WireSpec &spec);
    // The spec last accepted (by start or setSpec), from any thread.
    WireSpec spec() const;
    WireCounters counters() const { return m_relay->counters(); }

    // net.* sysctls inside one side's namespace (never the host's). Thread-safe.
    Error setSideSysctl(Side side, const QString &name, const QString &value);
    Result<QString> sideSysctl(Side side, const QString &name);

    // For tests and diagnostics: the helper's PID and the namespaces' inode numbers.
    pid_t helperPid() const { return m_helper->pid(); }
    NamespaceInodes namespaceInodes() const { return m_helper->inodes(); }

private:
    Wire() = default;
    std::shared_ptr<NamespaceHelper> m_helper; // shared with the socket factories, weakly
    std::unique_ptr<Relay> m_relay;
    mutable QMutex m_specMutex;
    WireSpec m_spec;
};

} // namespace tcplab::wire
