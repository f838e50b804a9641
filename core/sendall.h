// Writing a whole buffer to a blocking socket: the one loop the engines, the experiments and the
// tests share.
#pragma once

#include "error.h"

#include <QByteArrayView>

namespace tcplab {

struct SendResult
{
    qsizetype sent = 0; // bytes the kernel took, also when it then failed
    Error error;        // errno EAGAIN/EWOULDBLOCK: SO_SNDTIMEO expired (or a non-blocking socket is full)
    explicit operator bool() const { return !error; }
};

// send() until every byte is taken, retrying EINTR; MSG_NOSIGNAL, so a closed peer is EPIPE, not SIGPIPE.
SendResult sendAll(int fd, QByteArrayView data);

} // namespace tcplab
