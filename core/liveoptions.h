// Options changed while the server runs. Which ones Linux takes on a live socket is the option
// table's (OptionSpec::live); this sets them on the listener and on every open connection,
// reads each back, and says per option what happened. The rest applies on restart, with why.
#pragma once

#include "connectionregistry.h"
#include "error.h"
#include "serverconfig.h"

#include <QMap>
#include <QMetaType>

#include <atomic>

namespace tcplab {

struct LiveOptionResult
{
    QString key;
    QString name;
    QString requested;      // as the CLI writes it
    bool live = false;      // false: not applied now, it applies on restart (reason says why)
    bool applied = false;   // set on the listener, and tried on every open connection
    bool otherFamily = false; // not live: an option of the other address family (reason names it)
    QString listenerValue;  // read back from the listener (empty when not applied)
    QMap<QString, int> connectionValues; // read back from the open connections: value -> count
    int connections = 0;    // open connections it was set on
    int failedConnections = 0;
    Error error;            // the first failure: errno and message (or why it was refused)
    QString reason;         // not live: why it waits; applied: why the kernel holds another value

    bool failed() const { return error.isError(); }
    // The log line: "TCP_NODELAY = off applied live to the listener and 3 connection(s) (read back off)".
    QString text() const;
};

struct LiveChangeReport
{
    QList<LiveOptionResult> results; // one per option whose value changed, in the keys' order
    const LiveOptionResult *result(const QString &key) const;
    int appliedCount() const;
};

// For each of keys (every table key when empty) whose value in wanted differs from running:
// a live option is set on listenFd and on every connection of registry and read back, and
// running takes the new value; any other is left alone and reported with its restart reason.
// lingerMayBlock is raised before an SO_LINGER N > 0 reaches a connection (see EngineContext).
LiveChangeReport applyLiveChange(int listenFd, ConnectionRegistry &registry, ServerConfig &running, const ServerConfig &wanted,
                                 const QStringList &keys, std::atomic<bool> *lingerMayBlock);

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::LiveChangeReport)
