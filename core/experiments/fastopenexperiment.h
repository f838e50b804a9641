// TCP Fast Open: the first connection fetches a cookie, the second carries its request inside
// the SYN and gets the reply one round trip earlier. Runs in a private network namespace where
// net.ipv4.tcp_fastopen can be set to 3 without touching the machine's setting.
#pragma once

#include "experiment.h"

namespace tcplab {

class FastOpenExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("fastopen"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    int connections = 3;
};

} // namespace tcplab
