// Where the lab's server and client get their sockets: ::socket() unless a factory is given
// (the wire hands out sockets created inside its namespaces). Returns a descriptor, or -1 with
// errno set, exactly like ::socket().
#pragma once

#include <functional>

namespace tcplab {

using SocketFactory = std::function<int(int domain, int type, int protocol)>;

} // namespace tcplab
