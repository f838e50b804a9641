// Keep-alive across the wire: on an idle connection the server's kernel sends probes after
// KEEPIDLE, KEEPINTVL apart; answered, nothing happens. Then the wire is cut both ways (no FIN,
// no RST can pass, like a pulled cable): KEEPCNT unanswered probes later the connection dies
// with ETIMEDOUT. Last, TCP_USER_TIMEOUT on a second connection ends it before KEEPCNT would.
// Probes, their spacing and count are read from the capture.
#pragma once

#include "experiment.h"

namespace tcplab {

class KeepAliveExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("keepalive"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    static wire::WireSpec defaultProfile(); // delay=5ms each way

    int keepIdle = 1;
    int keepIntvl = 1;
    int keepCnt = 3;
    // The TCP_USER_TIMEOUT part: KEEPCNT high enough that it would take long, the user timeout
    // ends the connection first. 0: the part is left out.
    int userTimeoutMs = 2500;
    int userTimeoutKeepCnt = 9;
};

} // namespace tcplab
