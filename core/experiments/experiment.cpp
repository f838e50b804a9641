#include "experiment.h"

#include "acceptqueueexperiment.h"
#include "bdpexperiment.h"
#include "buffersexperiment.h"
#include "dualstackexperiment.h"
#include "experimentwire.h"
#include "fastopenexperiment.h"
#include "keepaliveexperiment.h"
#include "nagleexperiment.h"
#include "reuseaddrexperiment.h"
#include "retransmitexperiment.h"
#include "reuseportexperiment.h"
#include "slowstartexperiment.h"
#include "synackretriesexperiment.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <thread>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

using Factory = std::unique_ptr<Experiment> (*)();

template <typename T>
std::unique_ptr<Experiment> make()
{
    return std::make_unique<T>();
}

// The order of the Experiments menu and of `tcplab --experiment list`.
const Factory kFactories[] = {
    make<NagleExperiment>,
    make<AcceptQueueExperiment>,
    make<KeepAliveExperiment>,
    make<ReusePortExperiment>,
    make<ReuseAddrExperiment>,
    make<DualStackExperiment>,
    make<BuffersExperiment>,
    make<FastOpenExperiment>,
    make<SlowStartExperiment>,
    make<SynAckRetriesExperiment>,
    make<RetransmitExperiment>,
    make<BdpExperiment>,
};

} // namespace

bool ExperimentContext::sleep(int ms) const
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (cancelled())
            return false;
        const qint64 slice = std::clamp<qint64>(deadline.remainingTime(), 1, 20);
        std::this_thread::sleep_for(std::chrono::milliseconds(slice));
    }
    return !cancelled();
}

ExperimentResult Experiment::newResult() const
{
    ExperimentResult result;
    result.name = name();
    result.title = title();
    return result;
}

ExperimentResult Experiment::cancelledResult() const
{
    ExperimentResult result = newResult();
    result.status = ExperimentStatus::Cancelled;
    result.reason = tr("cancelled by the user");
    return result;
}

ExperimentResult Experiment::failedResult(const QString &reason) const
{
    ExperimentResult result = newResult();
    result.status = ExperimentStatus::Failed;
    result.reason = reason;
    return result;
}

ExperimentResult Experiment::skippedResult(const QString &reason) const
{
    ExperimentResult result = newResult();
    result.status = ExperimentStatus::Skipped;
    result.reason = reason;
    return result;
}

ExperimentResult Experiment::wireUnavailableResult(const Error &error) const
{
    // The errno values the namespace helper reports when a policy refuses user or network
    // namespaces (its text then names the setting); anything else is a failure of the lab.
    const int e = error.errnum();
    const bool forbidden = e == EPERM || e == EACCES || e == ENOSPC || e == EUSERS || e == ENOSYS;
    return forbidden ? skippedResult(error.text()) : failedResult(error.text());
}

std::unique_ptr<ExperimentWire> Experiment::startWire(const ExperimentContext &context, const QString &defaultWire, ExperimentResult &result) const
{
    Result<wire::WireSpec> profile = wire::WireSpec::parse(defaultWire);
    if (!profile) {
        result = failedResult(profile.error().text());
        return nullptr;
    }
    return startWire(context, profile.value(), result);
}

std::unique_ptr<ExperimentWire> Experiment::startWire(const ExperimentContext &context, const wire::WireSpec &defaultProfile, ExperimentResult &result) const
{
    Result<std::unique_ptr<ExperimentWire>> started = ExperimentWire::start(context, defaultProfile);
    if (!started) {
        result = wireUnavailableResult(started.error());
        return nullptr;
    }
    return started.take();
}

QStringList ExperimentRegistry::names()
{
    QStringList out;
    for (Factory f : kFactories)
        out << f()->name();
    return out;
}

QList<ExperimentInfo> ExperimentRegistry::all()
{
    QList<ExperimentInfo> out;
    for (Factory f : kFactories) {
        const std::unique_ptr<Experiment> e = f();
        out.append({e->name(), e->title(), e->explanation()});
    }
    return out;
}

std::unique_ptr<Experiment> ExperimentRegistry::create(const QString &name)
{
    for (Factory f : kFactories) {
        std::unique_ptr<Experiment> e = f();
        if (e->name() == name)
            return e;
    }
    return nullptr;
}

ExperimentResult ExperimentRegistry::run(const QString &name, const ExperimentContext &context)
{
    std::unique_ptr<Experiment> experiment = create(name);
    if (!experiment) {
        ExperimentResult result;
        result.name = name;
        result.title = name;
        result.status = ExperimentStatus::Failed;
        result.reason = tr("unknown experiment '%1'; known: %2").arg(name, names().join(QStringLiteral(", ")));
        return result;
    }
    QElapsedTimer clock;
    clock.start();
    context.progress(0, tr("starting"));
    ExperimentResult result = experiment->run(context);
    if (context.cancelled() && result.status == ExperimentStatus::Completed) {
        result.status = ExperimentStatus::Cancelled;
        result.reason = tr("cancelled by the user");
    }
    result.durationMs = clock.elapsed();
    context.progress(100, experimentStatusName(result.status));
    return result;
}

} // namespace tcplab
