// The lab's client for many exchanges on one connection (--repeat against a persistent server):
// connect once with a ClientRequest's options and socket factory, then exchange() as often as
// wanted, each timed on its own. Blocking, like runClientExchange: a worker thread or the CLI.
#pragma once

#include "clientsocket.h"
#include "labclient.h"

#include <memory>

namespace tcplab {

class ClientSession
{
public:
    // Connects to request.host:port (Fast Open is not used: one connection has one SYN). The
    // request's reply mode says when each reply is complete; UntilClose would end the session
    // with its first reply and is refused.
    static Result<std::unique_ptr<ClientSession>> connect(const ClientRequest &request);

    // Sends payload and reads one reply. connectUs is the session's connect time on the first
    // exchange and -1 after it; firstByteUs runs from the send to the first reply byte, totalUs
    // from the send to the complete reply. After an error the session is closed.
    ClientResult exchange(const QByteArray &payload);

    bool isConnected() const { return m_fd.isValid(); }
    quint16 localPort() const { return m_localPort; }
    qint64 connectUs() const { return m_connectUs; }
    int descriptor() const { return m_fd.get(); }

private:
    ClientSession() = default;

    ClientRequest m_request;
    ClientEndpoint m_endpoint;
    FileDescriptor m_fd;
    QByteArray m_pending; // bytes read past the previous reply
    quint16 m_localPort = 0;
    qint64 m_connectUs = -1;
    int m_exchanges = 0;
};

} // namespace tcplab
