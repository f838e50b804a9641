// tcplab --wire SPEC --send MSG [--repeat N] [--ladder] [--pcap FILE] [--json]: the lab's own
// server on the wire's server side, the lab's client on its client side, every packet captured.
// tcplab --headless --wire SPEC: the server alone on the wire's server side.
#pragma once

#include <QString>

class QCommandLineParser;

void addWireOptions(QCommandLineParser &parser);
// Exit codes: 0 done, 1 the wire, the server or the exchange failed, 2 bad flags or spec.
int runWireClientCommand(const QCommandLineParser &parser, bool json);
int runWireHeadless(const QCommandLineParser &parser, bool json);
// A one-line complaint about wire flags given without the wire (or --wire without a run), or empty.
// An experiment takes --wire, --pcap and --ladder.
QString misplacedWireFlags(const QCommandLineParser &parser, bool client, bool headless, bool experiment);
