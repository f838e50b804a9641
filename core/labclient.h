// The lab's own client: a native socket prepared with the client options (NODELAY, QUICKACK,
// TCP_FASTOPEN_CONNECT) and connected with a timeout, then handed to QTcpSocket for the exchange.
// QUICKACK is re-armed after every read (the kernel does not keep it). Blocking: run it on a
// worker thread or from the CLI; it resolves a host name itself.
#pragma once

#include "error.h"
#include "socketfactory.h"
#include "tcpinfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace tcplab {

enum class ReplyMode {
    UntilClose, // read until the server closes (one-shot handlers)
    Bytes,      // read exactly expectedBytes
    Line,       // read up to a newline
    FirstRead,  // whatever the first read returns
};

struct ClientRequest
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QByteArray payload;
    QList<QByteArray> pieces; // when set, written one by one instead of payload
    int pieceDelayMs = 0;
    bool nodelay = true;
    bool quickack = false;
    bool fastOpen = false;    // TCP_FASTOPEN_CONNECT: data rides in the SYN when a cookie is cached
    int connectTimeoutMs = 3000;
    int replyTimeoutMs = 3000;
    ReplyMode replyMode = ReplyMode::UntilClose;
    int expectedBytes = 0;
    bool resetAfterSend = false; // close with RST right after sending (fault injection)
    SocketFactory socketFactory;  // ::socket() when empty; the wire's client side for example
};

// The client options as getsockopt reads them from the client's own socket (-1: not read).
struct ClientOptionReadBack
{
    int nodelay = -1;         // right after connect
    int fastOpenConnect = -1; // right after connect
    int quickack = -1;        // after the last read while connected (and the re-arm, when asked)
    int quickackReads = 0;    // readings of TCP_QUICKACK taken after reads
    int delayedAckReads = 0;  // of those, how many found the kernel delaying ACKs (0)
};

struct ClientResult
{
    Error error;
    QByteArray reply;
    bool peerClosed = false;
    qint64 connectUs = -1;    // connect() until established
    qint64 firstByteUs = -1;  // first byte sent until first reply byte
    qint64 totalUs = -1;      // connect start until done
    quint16 localPort = 0;
    QString server;           // the endpoint connected to: "127.0.0.1:9000", "[::1]:9000"
    QString resolution;       // how a host name became its address; empty for a literal
    bool fastOpenUsed = false; // the kernel says the SYN carried data that the server took
    TcpInfoSnapshot tcp;      // right after the first reply bytes
    ClientOptionReadBack options;

    QString summary() const;
};

ClientResult runClientExchange(const ClientRequest &request);

// TCP_QUICKACK is not sticky: the kernel goes back to delaying ACKs (pingpong mode) as soon as
// this side sends data shortly after receiving. Setting it again after a read sends the ACK the
// kernel is holding at once and leaves delayed-ACK mode until the next such send.
void rearmQuickAck(int fd);

} // namespace tcplab
