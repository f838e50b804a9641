// Protocol framers: bytes in, replies, notes and "close" out, with no I/O of their own, so
// that every concurrency engine, the tests and the fuzzers share them.
#pragma once

#include "serverconfig.h"
#include "serverevent.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace tcplab {

struct FrameNote
{
    LogLevel level;
    EventKind kind;
    QString text;
    QByteArray data;
};

struct FrameOutput
{
    QByteArray reply;        // to send, in order
    QList<FrameNote> notes;  // to log
    bool close = false;      // close the connection once the reply is sent
    bool closeWithError = false;
    int requests = 0;        // complete requests answered by this call

    void clear()
    {
        reply.clear();
        notes.clear();
        close = closeWithError = false;
        requests = 0;
    }
};

struct HandlerConfig
{
    HandlerKind kind = HandlerKind::Byte;
    bool persistent = false;
    int recvSize = 1024;
    int maxLine = 65536;
    bool binUpperCase = false;
    bool verbose = false; // produce debug notes (data and decoded fields)

    static HandlerConfig from(const ServerConfig &config, bool verbose);
};

class Framer
{
public:
    virtual ~Framer() = default;
    // How many bytes the next recv() should ask for (the Byte handler's one recv is a lesson).
    virtual qsizetype readSize() const = 0;
    virtual void feed(const char *data, qsizetype size, FrameOutput &out) = 0;
    // The peer closed its sending side.
    virtual void finish(FrameOutput &out) = 0;
};

std::unique_ptr<Framer> createFramer(const HandlerConfig &config);

// ASCII-only upper-casing, as Python's bytes.upper() does.
QByteArray asciiUpper(const char *data, qsizetype size);

} // namespace tcplab
