#include "cliparser.h"

#include "clientcommand.h"
#include "commandline.h"
#include "wirecommand.h"

#include <QCoreApplication>

namespace tcplab {

QString applicationDescription()
{
    return QCoreApplication::translate(
        "main", "TCP Lab: switch TCP server socket options, run a real server, talk to it, and see what the kernel did.\n"
                "Times are in each kernel option's own unit: seconds for keep-alive, DEFER_ACCEPT and LINGER; "
                "seconds with fractions for RCVTIMEO/SNDTIMEO; milliseconds for USER_TIMEOUT.");
}

CommandLineOptions addCommandLineOptions(QCommandLineParser &parser)
{
    CommandLineOptions options;
    parser.setApplicationDescription(applicationDescription());
    options.general << parser.addHelpOption() << parser.addVersionOption();
    const QList<QCommandLineOption> modes = {
        {"headless", QCoreApplication::translate("main", "Run the server without a window; the log goes to stdout until SIGINT/SIGTERM")},
        {"json", QCoreApplication::translate("main", "Print the report and every event as one JSON object per line")},
        {"start", QCoreApplication::translate("main", "Window: start the server at launch")},
        {"lang", QCoreApplication::translate("main", "User interface language, e.g. zh_CN or en"), "locale"},
        {"experiment", QCoreApplication::translate("main", "Run a guided experiment across the wire and print its result (--json for JSON, --wire SPEC for another path, "
                                                           "--pcap FILE for its packets, --ladder for all of them as text); 'list' names them"), "name"},
        {"report-ui-lag", QCoreApplication::translate("main", "Window: measure how late a 10 ms GUI-thread timer fires and write "
                                                               "\"samples=N p50_ms=.. p99_ms=.. max_ms=..\" to FILE every second and at exit"), "file"},
    };
    options.general << modes;
    options.server = serverOptions();
    options.client = clientOptions();
    options.wire = wireOptions();
    parser.addOptions(modes);
    parser.addOptions(options.server);
    parser.addOptions(options.client);
    parser.addOptions(options.wire);
    return options;
}

} // namespace tcplab
