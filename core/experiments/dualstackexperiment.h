// Dual stack: one listener on [::] takes IPv4 clients too, as IPv4-mapped ::ffff:a.b.c.d, unless
// IPV6_V6ONLY is set before bind(); and then it also holds the IPv4 port, so a separate listener
// on 0.0.0.0 of the same port meets EADDRINUSE.
#pragma once

#include "experiment.h"

namespace tcplab {

class DualStackExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("dual-stack"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    int acceptTimeoutMs = 1000;
    // false: run in the calling thread's network namespace instead of a private one of its own
    // (whose IPv6 is always on), e.g. one where IPv6 is disabled.
    bool privateNamespace = true;

private:
    ExperimentResult runHere(const ExperimentContext &context, int hostBindV6Only);
};

} // namespace tcplab
