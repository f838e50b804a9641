// The accept queue: while an iterative server is stuck on one connection, the kernel completes
// handshakes for at most backlog + 1 others and drops the SYNs of the rest (ListenOverflows).
#pragma once

#include "experiment.h"

namespace tcplab {

class AcceptQueueExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("accept-queue"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    int backlog = 4;
    int clients = 12;

private:
    ExperimentResult runHere(const ExperimentContext &context);
};

} // namespace tcplab
