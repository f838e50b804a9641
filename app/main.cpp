// tcplab: the lab window, or --headless for the server alone, or --send for the client alone.
#include "clientcommand.h"
#include "cliparser.h"
#include "commandline.h"
#include "experimentcommand.h"
#include "headlessserver.h"
#include "labwindowlauncher.h"
#include "usernamespace.h"
#include "wirecommand.h"
#include "wire/wirespec.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
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
    // An installed .qm (share/tcplab/translations, found relative to the binary so that any
    // prefix works) wins, so a language can be added or fixed without a rebuild; the copy built
    // into the binary serves the build tree and a binary copied on its own.
    const QStringList directories = {
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral(TCPLAB_TRANSLATIONS_RELATIVE_DIR)),
        QStringLiteral(":/i18n"),
    };
    for (const QString &directory : directories) {
        auto *own = new QTranslator(&app);
        if (own->load(locale, QStringLiteral("tcplab"), QStringLiteral("_"), directory)) {
            app.installTranslator(own);
            break;
        }
        delete own;
    }
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
    QCoreApplication::setOrganizationName(QString::fromLatin1(kOrganizationName));
    QCoreApplication::setApplicationName(QString::fromLatin1(kApplicationName));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPLAB_VERSION));
    installTranslators(*app, argumentValue(argc, argv, "--lang"));

    QCommandLineParser parser;
    (void)addCommandLineOptions(parser);
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
    if (!headless && !gui && !client && !experiment) {
        std::fprintf(stderr, "tcplab: no display available (DISPLAY and WAYLAND_DISPLAY are unset): starting the headless server\n");
        headless = true;
    }
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
    if (parser.isSet("wire")) {
        // The window across the wire: a bad spec is refused before any window opens.
        if (const Result<tcplab::wire::WireSpec> spec = tcplab::wire::WireSpec::parse(parser.value("wire")); !spec) {
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(spec.error().text()));
            return 2;
        }
        launch.acrossWire = true;
        launch.wireSpec = parser.value("wire");
        if (parser.isSet("wire-entry")) {
            const Result<int> entryPort = entryPortFromParser(parser);
            if (!entryPort) {
                std::fprintf(stderr, "tcplab: %s\n", qPrintable(entryPort.error().text()));
                return 2;
            }
            launch.wireEntryPort = entryPort.value();
        }
    }
    return runLabWindow(launch);
}
