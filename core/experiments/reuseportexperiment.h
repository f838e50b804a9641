// SO_REUSEPORT: several listeners on one port, the kernel hashing each new connection to one of
// them; a listener without the option cannot join (EADDRINUSE).
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
};

} // namespace tcplab
