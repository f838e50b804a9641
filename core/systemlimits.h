// The kernel limits (sysctls) that decide whether an option can take effect.
#pragma once

#include <QList>
#include <QString>

namespace tcplab {

struct SystemLimit
{
    QString name;   // "net.core.somaxconn"
    QString value;  // as the kernel prints it, or empty when unreadable
    QString meaning;
};

class SystemLimits
{
public:
    static QString read(const QString &sysctlName); // "" when unreadable
    static long readNumber(const QString &sysctlName, long fallback = -1);
    static QList<SystemLimit> all();
    // Warnings where a limit defeats a chosen option (used by the report and the UI).
    static QStringList warningsFor(const class ServerConfig &config);
};

} // namespace tcplab
