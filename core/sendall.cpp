#include "sendall.h"

#include <QCoreApplication>

#include <cerrno>
#include <sys/socket.h>

namespace tcplab {

SendResult sendAll(int fd, QByteArrayView data)
{
    SendResult result;
    while (result.sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + result.sent, size_t(data.size() - result.sent), MSG_NOSIGNAL);
        if (n > 0) {
            result.sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // send() of a non-empty buffer returns 0 only on a broken stream; say so instead of looping.
        result.error = n < 0 ? Error::fromErrno(errno, QCoreApplication::translate("Server", "send"))
                             : Error::message(QCoreApplication::translate("Server", "send: the kernel took no bytes"));
        break;
    }
    return result;
}

} // namespace tcplab
