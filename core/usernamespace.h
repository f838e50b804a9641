// A user namespace of the process's own, so that an ordinary user's experiments can create the
// private network namespaces they need (keep-alive's cut path, Fast Open's sysctl).
#pragma once

#include "error.h"

namespace tcplab {

// Without CAP_SYS_ADMIN, unshare(CLONE_NEWNET) is refused; inside a user namespace the process
// created, it holds every capability over the namespaces it makes there. The kernel lets a
// process enter a new user namespace only while it has one thread, so main() calls this before
// QCoreApplication or any thread exists; afterwards any thread may unshare(CLONE_NEWNET).
//
// Nothing else changes: uid and gid map to themselves, and the machine's network namespace and
// files stay owned by the initial user namespace, so a privileged port, SO_RCVBUFFORCE or a
// congestion control outside tcp_allowed_congestion_control is still refused. Capability sets
// read from /proc/self/status or capget() do show the namespace's full set: decide what the user
// may do by trying it, never from those sets.
//
// Does nothing when the process already has CAP_SYS_ADMIN (root). Returns why it could not
// (e.g. user namespaces disabled by the administrator); the caller then goes on without one.
Error enterOwnUserNamespace();

} // namespace tcplab
