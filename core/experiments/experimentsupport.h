// What the experiments share: small blocking client helpers on loopback, and the core's pieces
// they use everywhere (the kernel's counters, private network namespaces, sendAll).
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "netns/networknamespace.h"
#include "procnet.h"
#include "sendall.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace tcplab {

class ExperimentContext;

namespace lab {

// loopbackConfig() logging only errors (the experiments read the kernel, not the log; nothing
// piles up in a hub whose thread has no event loop).
ServerConfig experimentConfig(const QString &mode, const QString &handler, bool persistent);

// A blocking client socket connected to 127.0.0.1:port within timeoutMs; prepare runs on the
// socket before connect() (client options).
Result<FileDescriptor> connectLoopback(quint16 port, int timeoutMs = 2000, const std::function<void(int fd)> &prepare = {});
// A non-blocking connect() started towards 127.0.0.1:port (EINPROGRESS is success).
Result<FileDescriptor> startConnect(quint16 port);
using tcplab::sendAll; // lab::sendAll: the one in core, under the name the experiments use
// Read until a newline arrives; empty with *error set on timeout, close or failure.
QByteArray readLine(int fd, int timeoutMs, QString *error);
// Read and drop everything until the peer closes; bounded by timeoutMs.
qint64 drainUntilClose(int fd, int timeoutMs);
int socketIntOption(int fd, int level, int optname);

// Runs fn inside a private network namespace when the kernel grants one, else right here;
// returns why not (no error: it ran inside one).
Error runInPrivateNetworkNamespaceOrHere(const std::function<void()> &fn);

// For the experiments that run on their private namespace's loopback (the kernel's counters and
// tables are the point there): a note when the run asked for --wire SPEC, which they do not use.
QString wireNotUsedNote(const ExperimentContext &context);

// Percentile of samples (p in 0..100); NaN when empty.
double percentile(QList<double> samples, double p);
// A stable metric key from a label: "Nagle on both" -> "nagle_on_both".
QString slug(const QString &label);

} // namespace lab
} // namespace tcplab
