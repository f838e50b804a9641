// The server side of a connect timeout, across the wire: the wire drops the client's ACK of the
// handshake, so the server's half-open connection sits in its listener's SYN queue (SYN_RECV,
// listed through sock_diag in the server's namespace) while the SYN-ACK is retransmitted with
// exponential back-off from the kernel's 1 s initial RTO, until net.ipv4.tcp_synack_retries (set
// small in the server's namespace) runs out. Beside it the client's own side: TCP_SYNCNT with
// every SYN dropped. Then what TCP_DEFER_ACCEPT does to an ordinary handshake.
#pragma once

#include "experiment.h"

namespace tcplab {

class SynAckRetriesExperiment final : public Experiment
{
public:
    static QString defaultWire() { return QStringLiteral("delay=10ms"); }

    QString name() const override { return QStringLiteral("synack-retries"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    bool quick = false;   // tests: the SYN-ACK and SYN retries only, without TCP_DEFER_ACCEPT
    int synackRetries = 2;
    int clientSynCount = 2;
    int deferAcceptSeconds = 1;
};

} // namespace tcplab
