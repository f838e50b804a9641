// A guided experiment: a short, bounded, scripted run against the lab's own server on loopback
// (or in a private network namespace) that shows what one option changes. run() blocks: call it
// on a worker thread (ExperimentRunner) or from the CLI; it checks the cancel flag in every loop.
#pragma once

#include "experimentresult.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace tcplab {

class ExperimentContext
{
public:
    using ProgressFn = std::function<void(int percent, const QString &step)>;

    ExperimentContext() = default;
    ExperimentContext(const std::atomic<bool> *cancel, ProgressFn progress)
        : m_cancel(cancel), m_progress(std::move(progress))
    {
    }

    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void progress(int percent, const QString &step) const
    {
        if (m_progress)
            m_progress(percent, step);
    }
    // Sleep up to ms in short slices; false when cancelled meanwhile.
    bool sleep(int ms) const;

private:
    const std::atomic<bool> *m_cancel = nullptr;
    ProgressFn m_progress;
};

class Experiment
{
public:
    virtual ~Experiment() = default;
    virtual QString name() const = 0;        // CLI name: "nagle"
    virtual QString title() const = 0;       // "Nagle and delayed ACK"
    virtual QString explanation() const = 0; // two lines: what runs, what to look for
    // Blocking; bounded to well under 15 s; returns Cancelled as soon as the flag is seen.
    virtual ExperimentResult run(const ExperimentContext &context) = 0;

protected:
    ExperimentResult newResult() const;
    ExperimentResult cancelledResult() const;
    ExperimentResult failedResult(const QString &reason) const;
};

struct ExperimentInfo
{
    QString name;
    QString title;
    QString explanation;
};

class ExperimentRegistry
{
public:
    static QStringList names();
    static QList<ExperimentInfo> all();
    static std::unique_ptr<Experiment> create(const QString &name); // null for an unknown name
    // Create, run and time one experiment; an unknown name gives a Failed result.
    static ExperimentResult run(const QString &name, const ExperimentContext &context);
};

} // namespace tcplab
