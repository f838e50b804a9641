// SO_REUSEADDR: a server that closed its connections first leaves them in TIME_WAIT on its port;
// restarting it there fails with EADDRINUSE unless the old and the new socket set SO_REUSEADDR.
#pragma once

#include "experiment.h"

namespace tcplab {

class LoopbackCapture;

class ReuseAddrExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("reuseaddr"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    int clients = 3;

private:
    ExperimentResult runHere(const ExperimentContext &context);
    void reportFinsFromCapture(ExperimentResult &result, LoopbackCapture &capture) const;
};

} // namespace tcplab
