#include "experimentcommand.h"

#include "experiments/experiment.h"
#include "experiments/experimentrunner.h"
#include "unixsignalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace tcplab;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ExperimentCommand", text); }

void printJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

int listExperiments(bool json)
{
    const QList<ExperimentInfo> all = ExperimentRegistry::all();
    if (json) {
        QJsonArray list;
        for (const ExperimentInfo &e : all)
            list.append(QJsonObject{{"name", e.name}, {"title", e.title}, {"explanation", e.explanation}});
        printJson(QJsonObject{{"type", "experiments"}, {"experiments", list}});
        return 0;
    }
    for (const ExperimentInfo &e : all) {
        std::printf("%-14s %s\n", qPrintable(e.name), qPrintable(e.title));
        for (const QString &line : e.explanation.split(QLatin1Char('\n')))
            std::printf("%-14s   %s\n", "", qPrintable(line));
    }
    std::printf("\n%s\n", qPrintable(tr("Run one with: tcplab --experiment NAME [--wire SPEC] [--pcap FILE] [--ladder] [--json]")));
    std::fflush(stdout);
    return 0;
}

} // namespace

int runExperimentCommand(const QCommandLineParser &parser, bool json)
{
    const QString name = parser.value("experiment");
    if (name == QLatin1String("list"))
        return listExperiments(json);
    auto usageError = [json](const QString &message) {
        if (json)
            printJson(QJsonObject{{"type", "error"}, {"message", message}});
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(message));
        return 2;
    };
    if (!ExperimentRegistry::create(name))
        return usageError(tr("unknown experiment '%1'; known: %2 (or list)").arg(name, ExperimentRegistry::names().join(QStringLiteral(", "))));
    ExperimentWireRequest wire;
    if (parser.isSet("wire")) {
        // The same message as --wire with --send: the spec's own parser names the bad part.
        Result<wire::WireSpec> spec = wire::WireSpec::parse(parser.value("wire"));
        if (!spec)
            return usageError(spec.error().text());
        wire.hasSpec = true;
        wire.spec = spec.take();
    }
    wire.pcapPath = parser.value("pcap");
    wire.ladder = parser.isSet("ladder");

    ExperimentRunner runner;
    UnixSignalWatcher signalWatcher;
    QEventLoop loop;
    ExperimentResult result;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &runner, [&runner](int) {
        std::fprintf(stderr, "tcplab: cancelling the experiment\n");
        runner.cancel();
    });
    QObject::connect(&runner, &ExperimentRunner::progressed, &runner, [json](int percent, const QString &step) {
        // Progress goes to stderr so that stdout stays the result alone (text or one JSON line).
        if (!json)
            std::fprintf(stderr, "[%3d%%] %s\n", percent, qPrintable(step));
    });
    QObject::connect(&runner, &ExperimentRunner::finished, &loop, [&](const ExperimentResult &r) {
        result = r;
        loop.quit();
    });
    runner.start(name, wire);
    loop.exec();

    if (json)
        printJson(result.toJson());
    else {
        std::printf("%s", qPrintable(result.toText()));
        std::fflush(stdout);
    }
    switch (result.status) {
    case ExperimentStatus::Completed:
    case ExperimentStatus::Skipped:
        if (!result.capture.pcapError.isEmpty()) {
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(result.capture.pcapError));
            return 1;
        }
        return 0;
    case ExperimentStatus::Cancelled: return 130;
    case ExperimentStatus::Failed: break;
    }
    std::fprintf(stderr, "tcplab: experiment %s failed: %s\n", qPrintable(name), qPrintable(result.reason));
    return 1;
}
