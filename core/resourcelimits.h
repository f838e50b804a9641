// Per-process resource limits the server depends on. Every connection costs a descriptor, and
// the default soft RLIMIT_NOFILE (often 1024) is far below what the hard limit allows.
#pragma once

#include "error.h"

#include <QString>

namespace tcplab {

struct FileLimitReport
{
    quint64 softBefore = 0;
    quint64 soft = 0;   // after the attempt
    quint64 hard = 0;
    bool raised = false;
    Error error;        // set when getrlimit/setrlimit failed; the limits stay as they were

    QString toText() const;
};

// Raise the soft RLIMIT_NOFILE to the hard limit (an unprivileged process may do that). Cheap
// and idempotent: the Server calls it on every start, main() once at launch.
FileLimitReport raiseFileLimit();

} // namespace tcplab
