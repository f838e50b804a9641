// A guided experiment: a short, bounded, scripted run against the lab's own server on loopback
// (or in a private network namespace) that shows what one option changes. run() blocks: call it
// on a worker thread (ExperimentRunner) or from the CLI; it checks the cancel flag in every loop.
#pragma once

#include "experimentresult.h"
#include "wire/wirespec.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace tcplab {

class ExperimentWire;

// What the user asked of the run's path: `--wire SPEC` (else the experiment's own default
// profile), `--pcap FILE` (empty: nothing is written) and `--ladder`.
struct ExperimentWireRequest
{
    bool hasSpec = false;
    wire::WireSpec spec;
    QString pcapPath;
    bool ladder = false; // --ladder: the whole run's ladder, beside what the experiment shows
};

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

    void setWireRequest(const ExperimentWireRequest &request) { m_wire = request; }
    const ExperimentWireRequest &wireRequest() const { return m_wire; }
    bool hasWireSpec() const { return m_wire.hasSpec; }
    // The spec the user gave, else the experiment's default profile.
    wire::WireSpec wireSpecOr(const wire::WireSpec &defaultProfile) const { return m_wire.hasSpec ? m_wire.spec : defaultProfile; }
    QString pcapPath() const { return m_wire.pcapPath; }

private:
    const std::atomic<bool> *m_cancel = nullptr;
    ProgressFn m_progress;
    ExperimentWireRequest m_wire;
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
    ExperimentResult skippedResult(const QString &reason) const;
    // The wire could not start: Skipped where the kernel or its policy forbids the namespaces
    // (the reason says what to enable), Failed for anything else.
    ExperimentResult wireUnavailableResult(const Error &error) const;
    // Starts the run's wire: the context's --wire spec, else the experiment's default profile
    // (defaultWire: a --wire spec text, a constant of the experiment). Null when it cannot start;
    // result then says why (wireUnavailableResult()) and is what run() returns.
    std::unique_ptr<ExperimentWire> startWire(const ExperimentContext &context, const QString &defaultWire, ExperimentResult &result) const;
    std::unique_ptr<ExperimentWire> startWire(const ExperimentContext &context, const wire::WireSpec &defaultProfile, ExperimentResult &result) const;
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
