// The packets of an experiment that runs on the loopback of its own private network namespace
// (its kernel counters and tables then count only its own connections): an AF_PACKET socket on
// that namespace's lo takes a copy of every packet sent there, into the same CaptureRing, pcap
// files, ladder and capture summary as the wire's. A side is told from the ports: packets from a
// port given to addServerPort() are the server's.
//
// Inside a private namespace the process's own user namespace grants CAP_NET_RAW there, so
// this works for a normal user too; on the machine's own lo it needs root, and says so.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "wire/capturering.h"

#include <QList>
#include <QMutex>
#include <QSet>

#include <atomic>
#include <memory>
#include <thread>

namespace tcplab {

class ExperimentContext;
struct ExperimentResult;

class LoopbackCapture
{
public:
    // Opens the socket on lo of the calling thread's network namespace and starts reading it.
    static Result<std::unique_ptr<LoopbackCapture>> start(const ExperimentContext &context);
    ~LoopbackCapture(); // stops and joins the reader
    LoopbackCapture(const LoopbackCapture &) = delete;
    LoopbackCapture &operator=(const LoopbackCapture &) = delete;

    void addServerPort(quint16 port);
    quint64 position() const { return m_ring.written(); }
    void requestLadder(quint64 from = 0, qsizetype maxLines = 60);
    // The packets so far, in order, with their direction from the server ports.
    QList<wire::CapturedPacket> packets() const;
    // Lets the last packets in, then fills result.capture and writes the pcap files (--pcap).
    void finish(ExperimentResult &result);

    // Why a capture could not start, as a note for the result.
    static QString unavailableNote(const Error &error);

private:
    LoopbackCapture() = default;
    void readLoop();

    QString m_pcapPath;
    bool m_ladder = false;
    quint64 m_ladderFrom = 0;
    qsizetype m_ladderMaxLines = 60;
    wire::CaptureRing m_ring;
    FileDescriptor m_socket;
    FileDescriptor m_wake; // eventfd: ends readLoop()
    std::thread m_reader;
    std::atomic<quint64> m_kernelDrops{0};
    mutable QMutex m_portsMutex;
    QSet<quint16> m_serverPorts;
};

} // namespace tcplab
