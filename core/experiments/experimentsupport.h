// What the experiments share: small blocking client helpers on loopback, and the core's pieces
// they use everywhere (the kernel's counters, private network namespaces, sendAll).
#pragma once

#include "error.h"
#include "experimentresult.h"
#include "filedescriptor.h"
#include "netns/networknamespace.h"
#include "procnet.h"
#include "sendall.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <sys/socket.h>

namespace tcplab {

class ExperimentContext;

namespace lab {

// loopbackConfig() logging only errors (the experiments read the kernel, not the log; nothing
// piles up in a hub whose thread has no event loop).
ServerConfig experimentConfig(const QString &mode, const QString &handler, bool persistent);

// A blocking client socket connected to 127.0.0.1:port within timeoutMs; prepare runs on the
// socket before connect() (client options).
Result<FileDescriptor> connectLoopback(quint16 port, int timeoutMs = 2000, const std::function<void(int fd)> &prepare = {});
// A non-blocking connect() started towards 127.0.0.1:port (EINPROGRESS is success).
Result<FileDescriptor> startConnect(quint16 port);
using tcplab::sendAll; // lab::sendAll: the one in core, under the name the experiments use
// Read until a newline arrives; empty with *error set on timeout, close or failure.
QByteArray readLine(int fd, int timeoutMs, QString *error);
// Read and drop everything until the peer closes; bounded by timeoutMs.
qint64 drainUntilClose(int fd, int timeoutMs);
int socketIntOption(int fd, int level, int optname);

// A socket address of either family, with the text the lab prints: "127.0.0.1:80", "[::1]:80".
struct SocketAddress
{
    sockaddr_storage storage{};
    socklen_t length = 0;

    static SocketAddress loopback(int family, quint16 port); // 127.0.0.1 / ::1
    static SocketAddress any(int family, quint16 port);      // 0.0.0.0 / ::
    static SocketAddress fromSockaddr(const sockaddr *address, socklen_t length);
    static SocketAddress local(int fd); // getsockname
    int family() const { return storage.ss_family; }
    quint16 port() const;
    QString host() const;     // "127.0.0.1", "::ffff:127.0.0.1"
    QString toString() const; // "127.0.0.1:80", "[::ffff:127.0.0.1]:80"
    bool isV4Mapped() const;  // an IPv6 address standing for an IPv4 peer (::ffff:a.b.c.d)
    const sockaddr *get() const { return reinterpret_cast<const sockaddr *>(&storage); }
};
QString familyName(int family); // "IPv4" / "IPv6"

// Empty when this thread's network namespace has IPv6 on loopback (a TCP socket binds [::1]),
// else one line saying why not (the sysctl that disables it, no AF_INET6, no ::1 on lo).
QString ipv6UnavailableReason();
// net.ipv6.bindv6only of this thread's network namespace: the IPV6_V6ONLY a new socket starts
// with; -1 when unreadable.
int bindV6OnlyDefault();

// The experiments' own listener for what the lab's core listener does not open (an IPv6 one,
// a dual-stack one): socket, options before bind, bind, listen.
struct NativeListenerOptions
{
    bool reuseAddr = false;
    bool reusePort = false;
    int v6Only = -1; // IPV6_V6ONLY for an AF_INET6 socket; -1 leaves the kernel's default
    int backlog = 128;
};
Result<FileDescriptor> openNativeListener(const SocketAddress &address, const NativeListenerOptions &options);
// A blocking client socket connected to address within timeoutMs; prepare runs before connect().
Result<FileDescriptor> connectTo(const SocketAddress &address, int timeoutMs = 2000, const std::function<void(int fd)> &prepare = {});
// accept() within timeoutMs (the listener is polled, never blocked on); *peer as accept() saw it.
Result<FileDescriptor> acceptWithin(int listenFd, int timeoutMs, SocketAddress *peer = nullptr);
// Sockets of this thread's namespace in TIME_WAIT on local port `port`, from /proc/net/tcp or tcp6.
int timeWaitCount(int family, quint16 port);

// Runs fn inside a private network namespace when the kernel grants one, else right here;
// returns why not (no error: it ran inside one).
Error runInPrivateNetworkNamespaceOrHere(const std::function<void()> &fn);

// For the experiments that run on their private namespace's loopback (the kernel's counters and
// tables are the point there): a note when the run asked for --wire SPEC, which they do not use.
QString wireNotUsedNote(const ExperimentContext &context);

// run() for those experiments: runHere in a private network namespace, else right here; then
// the note of where it ran (hereNote with %1 = why not private, or privateNote) and
// wireNotUsedNote().
ExperimentResult runOnPrivateLoopback(const ExperimentContext &context, const std::function<ExperimentResult()> &runHere,
                                      const QString &hereNote, const QString &privateNote);

// Percentile of samples (p in 0..100); NaN when empty.
double percentile(QList<double> samples, double p);
// A stable metric key from a label: "Nagle on both" -> "nagle_on_both".
QString slug(const QString &label);

} // namespace lab
} // namespace tcplab
