// Slow start across the wire: a bulk transfer from the server over a path with a round trip of
// tens of ms. The sender's congestion window (TCP_INFO) and the segments it sends per round trip
// (the capture) start at the initial window and double each round until the bottleneck's queue
// overflows; the first loss ends slow start. Compared for the congestion controls this user may
// select, and with net.ipv4.tcp_slow_start_after_idle on and off around a pause (in the wire's
// namespace, never the host's).
#pragma once

#include "experiment.h"

namespace tcplab {

class SlowStartExperiment final : public Experiment
{
public:
    static QString defaultWire() { return QStringLiteral("delay=30ms,rate=20mbit,limit=30"); }

    QString name() const override { return QStringLiteral("slow-start"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    bool quick = false; // tests: reno alone and shorter transfers
};

} // namespace tcplab
