// tcplab --experiment NAME|list [--json]: run one guided experiment from the command line.
#pragma once

#include <QString>

// Returns the process exit code: 0 completed or skipped (the reason is printed), 1 failed,
// 2 unknown name, 130 cancelled by SIGINT/SIGTERM.
int runExperimentCommand(const QString &name, bool json);
