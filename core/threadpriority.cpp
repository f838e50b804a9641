#include "threadpriority.h"

#include <atomic>
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>

namespace tcplab {

namespace {
std::atomic<int> s_transferNice{0};
}

void setTransferThreadNice(int increment)
{
    s_transferNice.store(increment < 0 ? 0 : increment > 19 ? 19 : increment, std::memory_order_relaxed);
}

int transferThreadNice()
{
    return s_transferNice.load(std::memory_order_relaxed);
}

bool yieldCpuIfTransferThread()
{
    const int nice = transferThreadNice();
    if (nice == 0)
        return true;
    // PRIO_PROCESS with a thread id applies to that thread alone on Linux.
    const id_t self = id_t(::gettid());
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, self);
    if (errno != 0)
        return false;
    return now >= nice || ::setpriority(PRIO_PROCESS, self, nice) == 0;
}

} // namespace tcplab
