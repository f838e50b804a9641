// Every flag of the tcplab command line, in one place: main() parses with it, and the build-time
// documentation generator (tools/docgen) writes the man page and shell completions from it, so
// the installed documentation lists exactly what --help lists.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

namespace tcplab {

// QSettings keeps the window's settings under these names: $XDG_CONFIG_HOME/TCP Lab/tcplab.conf.
inline constexpr char kOrganizationName[] = "TCP Lab";
inline constexpr char kApplicationName[] = "tcplab";

QString applicationDescription();

// The flags of the command line in the order --help lists them.
struct CommandLineOptions
{
    QList<QCommandLineOption> general; // --help, --version, --headless, --experiment, --lang, ...
    QList<QCommandLineOption> server;  // one per entry of the option table, and --raw
    QList<QCommandLineOption> client;
    QList<QCommandLineOption> wire;
};

// Gives parser the description and every flag; returns the flags it added.
CommandLineOptions addCommandLineOptions(QCommandLineParser &parser);

} // namespace tcplab
