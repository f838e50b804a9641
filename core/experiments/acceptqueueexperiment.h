// The accept queue: while an iterative server is stuck on one connection, the kernel completes
// handshakes for at most backlog + 1 others and drops the SYNs of the rest (ListenOverflows); the
// capture on the private namespace's lo shows those SYNs unanswered and sent again.
#pragma once

#include "experiment.h"

#include <vector>

namespace tcplab {

class LoopbackCapture;

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
    void reportSynsFromCapture(ExperimentResult &result, LoopbackCapture &capture, const std::vector<quint16> &ports) const;
};

} // namespace tcplab
