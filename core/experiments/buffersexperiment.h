// Socket buffers: what SO_RCVBUF/SO_SNDBUF hold after the kernel doubled and capped the request,
// and how the size limits a bulk transfer on loopback.
#pragma once

#include "experiment.h"

#include <QList>

namespace tcplab {

class BuffersExperiment final : public Experiment
{
public:
    QString name() const override { return QStringLiteral("buffers"); }
    QString title() const override;
    QString explanation() const override;
    ExperimentResult run(const ExperimentContext &context) override;

    // 0: left to the kernel (autotuning). A size above net.core.rmem_max is added to show the cap.
    QList<int> sizes{4096, 16384, 65536, 262144, 0};
    int transferMs = 250;                            // per size and round
    int rounds = 3;                                  // interleaved: every size once, then again

private:
    ExperimentResult runHere(const ExperimentContext &context);
};

} // namespace tcplab
