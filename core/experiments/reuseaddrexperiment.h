// SO_REUSEADDR: a server that closed its connections first leaves them in TIME_WAIT on its port;
// restarting it there fails with EADDRINUSE unless the old and the new socket set SO_REUSEADDR.
// Over IPv4 (the lab's own server), then IPv6 ([::1]).
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
    // The same restarts on [::1] with the experiment's own AF_INET6 sockets; false when cancelled.
    bool runIPv6(const ExperimentContext &context, ExperimentResult &result) const;
};

} // namespace tcplab
