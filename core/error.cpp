#include "error.h"

#include <cerrno>
#include <cstring>

namespace tcplab {

QString errnoName(int errnum)
{
    // strerrorname_np needs glibc 2.32; Debian 12 has 2.36.
    const char *name = strerrorname_np(errnum);
    return name ? QString::fromLatin1(name) : QStringLiteral("errno %1").arg(errnum);
}

Error Error::fromErrno(int errnum, const QString &context)
{
    return Error(errnum, QStringLiteral("%1: %2 (%3)")
                             .arg(context, QString::fromLocal8Bit(strerror(errnum)), errnoName(errnum)));
}

} // namespace tcplab
