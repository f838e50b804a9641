// TCP Fast Open across the wire (default 50 ms each way): the first connection fetches a cookie,
// the later ones carry their request inside the SYN and get the reply one round trip earlier,
// measured from the application's timings and from the capture (data in the SYN, the cookie
// option). net.ipv4.tcp_fastopen is set to 3 inside the wire's two namespaces only.
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

    static wire::WireSpec defaultProfile(); // delay=50ms each way
    int connections = 3;
};

} // namespace tcplab
