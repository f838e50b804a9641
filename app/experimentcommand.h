// tcplab --experiment NAME|list [--wire SPEC] [--pcap FILE] [--ladder] [--json]: run one guided
// experiment from the command line, across the wire (its default profile unless --wire names one).
#pragma once

class QCommandLineParser;

// Returns the process exit code: 0 completed or skipped (the reason is printed), 1 failed (or
// the pcap could not be written), 2 unknown name or invalid --wire spec, 130 cancelled by
// SIGINT/SIGTERM.
int runExperimentCommand(const QCommandLineParser &parser, bool json);
