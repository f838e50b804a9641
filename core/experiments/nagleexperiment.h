// Nagle's algorithm meets delayed ACK: a request written in two small pieces stalls until the
// server's delayed-ACK timer fires, unless the client sets TCP_NODELAY or the server acks at once.
// Turned around, a reply in two writes stalls on the client's delayed ACK unless it re-arms TCP_QUICKACK.
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
};

} // namespace tcplab
