// tcplab --wire SPEC --send MSG [--repeat N] [--ladder] [--pcap FILE] [--json]: the lab's own
// server on the wire's server side, the lab's client on its client side, every packet captured.
// tcplab --headless --wire SPEC: the server alone on the wire's server side.
// tcplab --wire SPEC [--start]: the window, serving across the wire (ui/labwindowlauncher).
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include "error.h"

class QCommandLineParser;

// --wire, --ladder, --pcap.
QList<QCommandLineOption> wireOptions();
// Exit codes: 0 done, 1 the wire, the server or the exchange failed, 2 bad flags or spec.
int runWireClientCommand(const QCommandLineParser &parser, bool json);
int runWireHeadless(const QCommandLineParser &parser, bool json);
// --wire-entry: a port (0: the kernel picks one, also when it is not given), -1 for 'off'.
tcplab::Result<int> entryPortFromParser(const QCommandLineParser &parser);
// A one-line complaint about wire flags given without the wire (or --wire without a run), or empty.
// An experiment takes --wire, --pcap and --ladder.
// Without --send or --headless, --wire SPEC opens the window across the wire.
QString misplacedWireFlags(const QCommandLineParser &parser, bool client, bool headless, bool experiment);
