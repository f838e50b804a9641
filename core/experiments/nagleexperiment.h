// Nagle's algorithm meets delayed ACK: a request written in two small pieces stalls until the
// server's delayed-ACK timer fires, unless the client sets TCP_NODELAY or the server acks at once.
// Turned around, a reply in two writes stalls on the client's delayed ACK unless it re-arms TCP_QUICKACK.
// Runs across the wire (default 20 ms each way; a clean spec, --wire '', is the loopback case):
// the capture shows how long the second piece was held and how late the ACK that released it came.
#pragma once

#include "experiment.h"

namespace tcplab {

class NagleExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("nagle"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    static wire::WireSpec defaultProfile(); // delay=20ms each way
    int exchanges = 10; // per combination
};

} // namespace tcplab
