// An experiment's path: the wire (client side 198.18.0.1, server side 198.18.0.2) with the run's
// spec (--wire SPEC, else the experiment's default profile), every packet captured into a ring,
// TCP_INFO sampled where the experiment registers a connection, and at the end the pcap files
// (--pcap FILE) and the capture summary (and, when asked, the text ladder) added to the result.
//
// Order of teardown: close the sockets and stop the servers made on the wire, then finish(),
// then destroy the ExperimentWire (the namespaces vanish with the last socket made in them).
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "wire/capturering.h"
#include "wire/tcpinfosampler.h"
#include "wire/wire.h"

#include <QList>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <sys/socket.h>

namespace tcplab {

class ExperimentContext;
class Server;
class ServerConfig;
struct CaptureDirection;
struct ExperimentResult;

namespace lab {

// How a run's packets go into its result (ExperimentWire::finish, LoopbackCapture::finish).
struct CaptureReport
{
    QString path;             // "wire" or "loopback"
    QString spec;             // the wire's spec, canonical
    QString pcapPath;         // empty: no file
    bool ladder = false;
    quint64 ladderFrom = 0;
    qsizetype ladderMaxLines = 60;
    QList<wire::TargetedDrop> drops;
    qint64 tcpInfoSamples = 0;
    QList<wire::TcpInfoConnectionSeries> tcpInfo;
    QString tcpInfoMissing; // why there is no TCP_INFO series
};

// Fills result.capture (counts, connections, ladder) and writes the pcap files when asked.
void reportCapture(ExperimentResult &result, const QList<wire::CapturedPacket> &all, quint64 missed, const CaptureDirection &c2s,
                   const CaptureDirection &s2c, const CaptureReport &report);

} // namespace lab

class ExperimentWire
{
public:
    // Starts the wire with the context's spec, or defaultProfile when the run gave none. The
    // error is the wire's own one line (what to enable where namespaces are forbidden):
    // Experiment::startWire() turns it into the run's result (wireUnavailableResult()).
    static Result<std::unique_ptr<ExperimentWire>> start(const ExperimentContext &context, const wire::WireSpec &defaultProfile);
    ~ExperimentWire();
    ExperimentWire(const ExperimentWire &) = delete;
    ExperimentWire &operator=(const ExperimentWire &) = delete;

    wire::Wire &wire() { return *m_wire; }
    SocketFactory socketFactory(wire::Side side) { return m_wire->socketFactory(side); }
    wire::CaptureRing &ring() { return *m_ring; }
    // The spec in force (the run's, or the last setSpec()).
    const wire::WireSpec &spec() const { return m_spec; }
    // Mid-run changes (cut / restore); the summary reports the spec the run started with.
    Error setSpec(const wire::WireSpec &spec);
    // The round trip the spec adds (both directions' delay + jitter), in ms.
    double addedRoundTripMs() const;

    // The lab's server on the server side: host 198.18.0.2, the kernel picks the port.
    Error startServer(Server &server, ServerConfig config);
    // A blocking client socket made on the client side and connected to 198.18.0.2:port within
    // timeoutMs; prepare runs on it before connect() (client options).
    Result<FileDescriptor> connect(quint16 port, int timeoutMs = 3000, const std::function<void(int fd)> &prepare = {});
    // A non-blocking connect() started from the client side (EINPROGRESS is success).
    Result<FileDescriptor> startConnect(quint16 port, const std::function<void(int fd)> &prepare = {});
    // A socket made on one side, for experiments that build their own listeners.
    Result<FileDescriptor> socket(wire::Side side, int type = SOCK_STREAM);

    // TCP_INFO of both ends of every connection is sampled on a thread of its own (the
    // experiment's worker thread has no event loop for the sampler's timer) while packets move,
    // from the two sides' socket lists (sock_diag): the experiment registers nothing.
    static constexpr int kSampleIntervalMs = wire::TcpInfoSampler::kActiveIntervalMs;

    // Waits until no packet has crossed for a round trip (+100 ms), at most maxMs: the teardown's
    // FINs are still on the wire when close() returns.
    void waitForQuiet(int maxMs = 3000);
    // The packets captured so far, in the relay's order.
    QList<wire::CapturedPacket> packets() const { return m_ring->snapshot(); }
    // The ring position now, to mark where a part of the run begins (for requestLadder()).
    quint64 position() const { return m_ring->written(); }

    // Asks finish() for the text ladder of the packets from ring position `from` on (at most
    // maxLines lines; the rest is counted in a last line).
    void requestLadder(quint64 from = 0, qsizetype maxLines = 60);

    // Waits for a quiet wire, then writes the pcap files (client side FILE, server side
    // FILE.server.pcap) when the run asked for --pcap, and fills result->capture. A pcap that
    // cannot be written is reported in capture.pcapError and in the notes. Call once, at the end.
    void finish(ExperimentResult &result);

private:
    ExperimentWire() = default;
    void startSampling();
    void stopSampling();

    wire::WireSpec m_startSpec;
    wire::WireSpec m_spec;
    QString m_pcapPath;
    bool m_ladder = false;
    quint64 m_ladderFrom = 0;
    qsizetype m_ladderMaxLines = 60;
    std::unique_ptr<wire::CaptureRing> m_ring;
    std::unique_ptr<wire::TcpInfoSampler> m_sampler;
    QString m_samplerMissing;
    std::unique_ptr<wire::Wire> m_wire;
    std::thread m_sampling;
    std::mutex m_samplingMutex;
    std::condition_variable m_samplingWake;
    bool m_samplingStop = false;
};

} // namespace tcplab
