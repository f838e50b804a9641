// Command-line flags generated from the option table, shared by the headless server, the
// window (flags override saved settings) and the tests.
#pragma once

#include "error.h"
#include "serverconfig.h"

#include <QCommandLineParser>

namespace tcplab {

// One flag per table entry (--reuseaddr on, --keepidle 1800, ...) plus --raw.
QList<QCommandLineOption> serverOptions();
void addServerOptions(QCommandLineParser &parser);
// Apply every flag the user gave on top of base; the error names the flag and its range.
Result<ServerConfig> serverConfigFromParser(const QCommandLineParser &parser, ServerConfig base);

} // namespace tcplab
