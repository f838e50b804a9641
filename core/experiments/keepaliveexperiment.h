// Keep-alive: on an idle connection the kernel sends probes after KEEPIDLE; answered, nothing
// happens; unanswered KEEPCNT times, the connection dies with ETIMEDOUT. The peer vanishes by
// cutting the path (lo down) inside a private network namespace: no FIN, no RST, like a pulled cable.
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

    int keepIdle = 1;
    int keepIntvl = 1;
    int keepCnt = 3;
};

} // namespace tcplab
