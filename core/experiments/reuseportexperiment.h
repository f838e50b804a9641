// SO_REUSEPORT: several listeners on one port, the kernel hashing each new connection to one of
// them; a listener without the option cannot join (EADDRINUSE). Over IPv4, then IPv6 ([::1]).
#pragma once

#include "experiment.h"

namespace tcplab {

class ReusePortExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("reuseport"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    int listeners = 3;
    int clients = 60;

private:
    ExperimentResult runHere(const ExperimentContext &context);
    // The same on [::1] with the experiment's own AF_INET6 sockets; false when cancelled.
    bool runIPv6(const ExperimentContext &context, ExperimentResult &result);
};

} // namespace tcplab
