// A thin typed layer over setsockopt/getsockopt, driven by the option table, and the option
// report that compares what was asked with what the kernel holds.
#pragma once

#include "error.h"
#include "serverconfig.h"

#include <QMetaType>

namespace tcplab {

Error setIntOption(int fd, int level, int optname, int value, const QString &name);
Result<int> intOption(int fd, int level, int optname, const QString &name);

// Apply one table option's value to fd (value must be valid for the spec).
Error applyOption(int fd, const OptionSpec &spec, const QVariant &value);
// Read one table option back from fd, in the spec's own kind and unit.
Result<QVariant> readOption(int fd, const OptionSpec &spec);
// Apply every set option of config whose phase is phase; stops at the first failure.
Error applyOptions(int fd, const ServerConfig &config, OptionPhase phase);
// Apply the per-connection options (those the kernel does not keep from the listener).
Error applyPerConnectionOptions(int fd, const ServerConfig &config);

struct OptionReportRow
{
    QString key;        // table key, or "raw:L:N"
    QString name;       // kernel name
    QString requested;  // as the CLI takes it; "default" when left to the kernel
    QString effective;  // what getsockopt (or TCP_INFO for the backlog) says
    QString note;       // why the kernel differs, or a caveat
    bool changed = false; // the kernel holds something other than what was asked
};

struct OptionReport
{
    QList<OptionReportRow> rows;
    // The table's options left out because they belong to the other family, each with why:
    // "IP_TOS not shown: IPv6 listener; see IPV6_TCLASS".
    QStringList omitted;
    const OptionReportRow *row(const QString &key) const;
    QString toText() const;
};

// Empty when the kernel holds what was requested (requested valid); otherwise why it differs,
// e.g. SO_RCVBUF doubled, IP_TOS with its ECN bits replaced.
QString kernelDifference(const OptionSpec &spec, const QVariant &requested, const QVariant &effective);

// Read back every socket option of the table (and the raw ones) from a listening socket.
OptionReport buildListenerReport(int fd, const ServerConfig &config);

// What an accepted socket carries, for the connection report (short "NAME=value" pairs).
QString describeAcceptedOptions(int fd);

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::OptionReport)
