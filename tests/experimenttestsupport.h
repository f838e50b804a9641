// Helpers of the experiments' tests: what a run must be before its metrics are judged, and the
// initTestCase of a wire experiment's test (its quick run, once for the whole case).
#pragma once

#include "experiments/experiment.h"

#include <QTest>

// Skips the running test where the experiment skipped itself (skipWhy, then the run's reason),
// and fails it with the whole result unless the run completed.
#define TCPLAB_REQUIRE_COMPLETED(result, skipWhy)                                                  \
    do {                                                                                           \
        if ((result).status == tcplab::ExperimentStatus::Skipped)                                  \
            QSKIP(qPrintable(QStringLiteral(skipWhy) + (result).reason));                          \
        QVERIFY2((result).completed(), (result).toText().toUtf8().constData());                    \
    } while (false)

// Runs ExperimentType with quick = true into result. Where the wire is not available here (no
// user or network namespaces) the whole case is skipped, naming why; a run that did not complete
// fails the case with its text; the findings go to the log for the report.
#define TCPLAB_RUN_QUICK_WIRE_EXPERIMENT(ExperimentType, result)                                   \
    do {                                                                                           \
        ExperimentType experiment;                                                                 \
        experiment.quick = true;                                                                   \
        (result) = experiment.run(tcplab::ExperimentContext());                                    \
        TCPLAB_REQUIRE_COMPLETED(result, "the wire is not available here: ");                      \
        qInfo("%s", qPrintable((result).findings.join(QLatin1Char('\n'))));                        \
    } while (false)
