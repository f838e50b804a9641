// A private network namespace for the calling thread: its own lo, sockets, counters and
// net.* sysctls, so the lab can cut a path or set a sysctl without touching this machine.
#pragma once

#include "error.h"

#include <QString>

#include <functional>

namespace tcplab::netns {

// Moves the calling thread (and the threads it starts later) into a new network namespace and
// brings its lo up. unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN; without it the fallback is
// CLONE_NEWUSER|CLONE_NEWNET (a user namespace of our own that owns the new network
// namespace), which the kernel grants only to a single-threaded process. The error names what
// is missing.
Error enterPrivateNetworkNamespace();

// Run fn on a new thread inside a fresh network namespace; the thread ends afterwards, so no
// other thread of the process ever sees the namespace. Returns why it could not.
Error runInPrivateNetworkNamespace(const std::function<void()> &fn);

// Bring an interface of the calling thread's namespace up or down (SIOCSIFFLAGS).
Error setInterfaceUp(const char *name, bool up);
// Write a sysctl of the calling thread's network namespace ("net.ipv4.tcp_fastopen").
Error writeSysctl(const QString &name, const QString &value);

} // namespace tcplab::netns
