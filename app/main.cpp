// tcplab: the lab window, or --headless for the server alone, or --send for the client alone.
#include "clientcommand.h"
#include "commandline.h"
#include "experimentcommand.h"
#include "headlessserver.h"
#include "labwindowlauncher.h"
#include "usernamespace.h"
#include "wirecommand.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace tcplab;

namespace {

bool hasArgument(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0 || (std::strncmp(argv[i], name, std::strlen(name)) == 0 && argv[i][std::strlen(name)] == '='))
            return true;
    }
    return false;
}

QString argumentValue(int argc, char **argv, const char *name)
{
    const size_t len = std::strlen(name);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(argv[i], name, len) == 0 && argv[i][len] == '=')
            return QString::fromLocal8Bit(argv[i] + len + 1);
    }
    return {};
}

bool displayAvailable()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

void installTranslators(QCoreApplication &app, const QString &lang)
{
    const QLocale locale = lang.isEmpty() ? QLocale::system() : QLocale(lang);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("tcplab"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

} // namespace

int main(int argc, char **argv)
{
    // First, while the process has one thread: an ordinary user's experiments need it for their
    // private network namespaces. Without one (user namespaces disabled) they say what they skip.
    (void)tcplab::enterOwnUserNamespace();
    const bool wantsHelp = hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "-h")
        || hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v");
    const bool client = hasArgument(argc, argv, "--send") || hasArgument(argc, argv, "--bin");
    const bool experiment = hasArgument(argc, argv, "--experiment");
    bool headless = hasArgument(argc, argv, "--headless");
    const bool gui = !wantsHelp && !client && !experiment && !headless && displayAvailable();

    std::unique_ptr<QCoreApplication> app;
    if (gui)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TCP Lab"));
    QCoreApplication::setApplicationName(QStringLiteral("tcplab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPLAB_VERSION));
    installTranslators(*app, argumentValue(argc, argv, "--lang"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "TCP Lab: switch TCP server socket options, run a real server, talk to it, and see what the kernel did.\n"
                "Times are in each kernel option's own unit: seconds for keep-alive, DEFER_ACCEPT and LINGER; "
                "seconds with fractions for RCVTIMEO/SNDTIMEO; milliseconds for USER_TIMEOUT."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {"headless", QCoreApplication::translate("main", "Run the server without a window; the log goes to stdout until SIGINT/SIGTERM")},
        {"json", QCoreApplication::translate("main", "Print the report and every event as one JSON object per line")},
        {"start", QCoreApplication::translate("main", "Window: start the server at launch")},
        {"lang", QCoreApplication::translate("main", "User interface language, e.g. zh_CN or en"), "locale"},
        {"experiment", QCoreApplication::translate("main", "Run a guided experiment across the wire and print its result (--json for JSON, --wire SPEC for another path, "
                                                          "--pcap FILE for its packets, --ladder for all of them as text); 'list' names them"), "name"},
        {"report-ui-lag", QCoreApplication::translate("main", "Window: measure how late a 10 ms GUI-thread timer fires and write "
                                                               "\"samples=N p50_ms=.. p99_ms=.. max_ms=..\" to FILE every second and at exit"), "file"},
    });
    addServerOptions(parser);
    addClientOptions(parser);
    addWireOptions(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "tcplab: %s (see --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet("help"))
        parser.showHelp(0);
    if (parser.isSet("version"))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "tcplab: unexpected argument '%s' (see --help)\n", qPrintable(parser.positionalArguments().first()));
        return 2;
    }
    const bool json = parser.isSet("json");
    if (const QString misplaced = misplacedWireFlags(parser, client, headless, experiment); !misplaced.isEmpty()) {
        std::fprintf(stderr, "tcplab: %s (see --help)\n", qPrintable(misplaced));
        return 2;
    }
    if (client && parser.isSet("wire"))
        return runWireClientCommand(parser, json);
    if (client)
        return runClientCommand(parser, json);
    if (headless && parser.isSet("wire"))
        return runWireHeadless(parser, json);
    if (experiment)
        return runExperimentCommand(parser, json);

    if (!headless && !gui) {
        std::fprintf(stderr, "tcplab: no display available (DISPLAY and WAYLAND_DISPLAY are unset): starting the headless server\n");
        headless = true;
    }
    if (headless) {
        Result<ServerConfig> config = serverConfigFromParser(parser, ServerConfig::seedDefaults());
        if (!config) {
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(config.error().text()));
            return 2;
        }
        HeadlessServer server(json);
        return server.run(config.value());
    }

    WindowLaunch launch;
    launch.startNow = parser.isSet("start");
    launch.applyFlags = [&parser](const ServerConfig &base) { return serverConfigFromParser(parser, base); };
    launch.uiLagReportPath = parser.value("report-ui-lag");
    return runLabWindow(launch);
}
