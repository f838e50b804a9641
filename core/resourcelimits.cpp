#include "resourcelimits.h"

#include <QCoreApplication>

#include <cerrno>
#include <sys/resource.h>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Server", text); }

QString limitText(quint64 value)
{
    return value == quint64(RLIM_INFINITY) ? QStringLiteral("unlimited") : QString::number(value);
}
} // namespace

QString FileLimitReport::toText() const
{
    if (error)
        return tr("file descriptor limit stays at %1 (hard %2): %3").arg(limitText(soft), limitText(hard), error.text());
    if (raised)
        return tr("file descriptor limit raised from %1 to the hard limit %2").arg(limitText(softBefore), limitText(hard));
    return tr("file descriptor limit %1 (the hard limit)").arg(limitText(soft));
}

FileLimitReport raiseFileLimit()
{
    FileLimitReport report;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        report.error = Error::fromErrno(errno, tr("getrlimit(RLIMIT_NOFILE)"));
        return report;
    }
    report.softBefore = report.soft = limit.rlim_cur;
    report.hard = limit.rlim_max;
    if (limit.rlim_cur == limit.rlim_max)
        return report;
    // select() cannot take descriptors >= FD_SETSIZE, but nothing in the lab uses select().
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {
        report.error = Error::fromErrno(errno, tr("setrlimit(RLIMIT_NOFILE)"));
        return report;
    }
    report.soft = raised.rlim_cur;
    report.raised = true;
    return report;
}

} // namespace tcplab
