// The bandwidth-delay product across the wire: a bulk transfer at a fixed rate and round trip
// with the receiver's SO_RCVBUF (and the sender's SO_SNDBUF) set to a few sizes. A buffer below
// the BDP caps the rate at about window / RTT (the window read from the capture's ACKs); beyond
// the BDP the line flattens at the link's rate. Autotuning (nothing set) is a point of its own.
#pragma once

#include "experiment.h"

namespace tcplab {

class BdpExperiment final : public Experiment
{
public:
    static QString defaultWire() { return QStringLiteral("delay=25ms,rate=50mbit,limit=300"); }

    QString name() const override { return QStringLiteral("bdp"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    bool quick = false; // tests: two receive buffers below the BDP and autotuning, short transfers
};

} // namespace tcplab
