// Retransmission across the wire: the wire is cut in the middle of a bulk transfer, and the
// sender retransmits its oldest unacknowledged segment with the RTO doubling each time (the
// capture and TCP_INFO's rto/retransmits) until the link returns and the transfer resumes. With
// TCP_USER_TIMEOUT the sender gives up (ETIMEDOUT) after that time, against the default
// tcp_retries2 (its time computed, not waited for). With one lost segment instead of a cut the
// receiver's duplicate ACKs with SACK bring a fast retransmit well before an RTO; and the
// throughput of a bulk transfer falls as random loss rises.
#pragma once

#include "experiment.h"

namespace tcplab {

class RetransmitExperiment final : public Experiment
{
public:
    static QString defaultWire() { return QStringLiteral("delay=20ms,rate=20mbit,limit=100"); }

    QString name() const override { return QStringLiteral("retransmit"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    bool quick = false; // tests: a shorter cut, a shorter user timeout, two loss rates
};

} // namespace tcplab
