// Helpers shared by the hardening tests: an event recorder, descriptor-table and rlimit
// manipulation, per-thread CPU time from /proc, and a full-duplex exchange on a raw socket.
#pragma once

#include "server.h"
#include "serverevent.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <vector>

class QProcess;

namespace hardening {

// Records every event a Server publishes (delivered in the test's thread by the event loop).
class EventLog : public QObject
{
    Q_OBJECT
public:
    explicit EventLog(tcplab::Server &server);
    const QList<tcplab::ServerEvent> &events() const { return m_events; }
    // Events whose text contains needle (any connection when id == 0).
    QList<tcplab::ServerEvent> matching(const QString &needle, quint64 id = 0) const;
    int count(const QString &needle, quint64 id = 0) const { return int(matching(needle, id).size()); }
    // Wait (running the event loop) until an event containing needle arrives.
    bool waitFor(const QString &needle, quint64 id = 0, int timeoutMs = 5000);
    // Warnings and errors about connection id.
    QList<tcplab::ServerEvent> problemsOf(quint64 id) const;
    QString dump() const;
    void clear() { m_events.clear(); }

private:
    tcplab::Server &m_server;
    QList<tcplab::ServerEvent> m_events;
};

// RLIMIT_NOFILE as (soft, hard); setNoFileLimit returns false when the kernel refuses.
std::pair<quint64, quint64> noFileLimit();
bool setNoFileLimit(quint64 soft, quint64 hard);

// Fills the descriptor table with copies of /dev/null until EMFILE; the destructor frees them.
class DescriptorHog
{
public:
    DescriptorHog() = default;
    ~DescriptorHog() { release(); }
    int fill();
    // Takes every free descriptor number below limit, e.g. to push the next ones above it.
    int fillBelow(int limit);
    void release();
    int size() const { return int(m_fds.size()); }

private:
    std::vector<int> m_fds;
};

// Thread ids of this process whose name (comm) starts with prefix.
QList<int> threadIdsNamed(const QString &prefix);
// utime + stime of one thread of this process, in milliseconds (clock-tick resolution).
qint64 threadCpuMs(int tid);

// Writes all of data, shuts the write side, and reads until the peer closes, without
// deadlocking when the peer replies while it still receives.
QByteArray exchange(int fd, const QByteArray &data, int timeoutMs = 10000);
bool setNonBlocking(int fd);
// A socket (no connect yet) and connectNow on it, for tests that must connect without new fds.
int newClientSocket();
bool connectNow(int fd, quint16 port);
// Close with RST (SO_LINGER 0).
void resetClose(int fd);
// Bytes waiting in fd's receive queue.
int pendingBytes(int fd);

// The tcplab executable (TCPLAB_BINARY) and a run of it with a timeout.
QString tcplabBinary();
struct ProcessResult
{
    bool started = false;
    bool finished = false;
    bool crashed = false;
    int exitCode = -1;
    QString out;
    QString err;
};
// dropPrivileges: run it without CAP_NET_BIND_SERVICE (see dropBindPrivilegeInChild).
ProcessResult runTcplab(const QStringList &args, int timeoutMs = 15000, bool dropPrivileges = false);
// Makes p's program start without CAP_NET_BIND_SERVICE, whoever runs the test.
void dropBindPrivilegeInChild(QProcess &p);

} // namespace hardening
