// The window's entry point for main(): the flags given on the command line override the saved
// settings for that run.
#pragma once

#include "error.h"
#include "serverconfig.h"

#include <functional>

namespace tcplab {

struct WindowLaunch
{
    bool startNow = false; // --start
    std::function<Result<ServerConfig>(const ServerConfig &base)> applyFlags;
    QString uiLagReportPath; // --report-ui-lag FILE: GUI-thread timer lateness, for the benchmarks
    bool acrossWire = false; // --wire SPEC: the network path for this run (not saved)
    QString wireSpec;
    // --wire-entry PORT with --wire --start: the host entry into the window's wire (0: the kernel
    // picks the port), printed on stdout as the headless server does; -1: none.
    int wireEntryPort = -1;
};

// Needs a QApplication; returns the exit code.
int runLabWindow(const WindowLaunch &launch);

} // namespace tcplab
