#include "wiretestsupport.h"

#include <QFile>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

using namespace tcplab;
using namespace tcplab::wire;

namespace wiretest {

Segment decode(const CapturedPacket &p)
{
    Segment s;
    const quint8 *f = p.data.data();
    if (p.capturedLength < 34 || f[12] != 0x08 || f[13] != 0x00)
        return s;
    const quint8 *ip = f + 14;
    const int ihl = (ip[0] & 0x0f) * 4;
    const int total = ip[2] << 8 | ip[3];
    const quint8 *l4 = ip + ihl;
    if (ip[9] == 17) {
        s.udp = true;
        s.payload = total - ihl - 8;
        return s;
    }
    if (ip[9] != 6 || p.capturedLength < 14 + ihl + 20)
        return s;
    s.tcp = true;
    s.sport = quint16(l4[0] << 8 | l4[1]);
    s.dport = quint16(l4[2] << 8 | l4[3]);
    s.seq = quint32(l4[4]) << 24 | quint32(l4[5]) << 16 | quint32(l4[6]) << 8 | l4[7];
    s.ack = quint32(l4[8]) << 24 | quint32(l4[9]) << 16 | quint32(l4[10]) << 8 | l4[11];
    s.flags = l4[13];
    s.payload = total - ihl - (l4[12] >> 4) * 4;
    return s;
}

std::unique_ptr<Wire> startWire(const WireSpec &spec, PacketSink *sink, QString *skip, QString *error)
{
    Result<std::unique_ptr<Wire>> wire = Wire::start(spec, sink);
    if (wire)
        return wire.take();
    // Only a kernel or policy refusal of user namespaces is a reason to skip; the rest fails.
    if (wire.error().text().contains(QLatin1String("unshare(CLONE_NEWUSER|CLONE_NEWNET)")))
        *skip = QStringLiteral("the kernel forbids user namespaces here: ") + wire.error().text();
    else
        *error = wire.error().text();
    return nullptr;
}

namespace {
sockaddr_in addressOf(const QHostAddress &a, quint16 port)
{
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(a.toIPv4Address());
    return sa;
}
quint16 boundPort(int fd)
{
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len);
    return ntohs(sa.sin_port);
}
} // namespace

FileDescriptor serverUdp(Wire &wire, quint16 *port, int recvTimeoutMs)
{
    Result<FileDescriptor> fd = wire.socket(Side::Server, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (!fd)
        return {};
    const sockaddr_in sa = addressOf(wire.serverAddress(), *port);
    if (::bind(fd.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return {};
    const int big = 4 << 20;
    // A receiver that waits for a CPU must not drop what the relay delivered: SO_RCVBUFFORCE
    // needs CAP_NET_ADMIN over the side's namespace, which an ordinary user lacks; SO_RCVBUF is
    // then capped at net.core.rmem_max, still thousands of small datagrams.
    if (::setsockopt(fd.value().get(), SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big) != 0)
        ::setsockopt(fd.value().get(), SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    const timeval tv{recvTimeoutMs / 1000, (recvTimeoutMs % 1000) * 1000};
    ::setsockopt(fd.value().get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    *port = boundPort(fd.value().get());
    return fd.take();
}

FileDescriptor clientUdp(Wire &wire, quint16 port)
{
    Result<FileDescriptor> fd = wire.socket(Side::Client, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (!fd)
        return {};
    const sockaddr_in sa = addressOf(wire.serverAddress(), port);
    if (::connect(fd.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return {};
    return fd.take();
}

FileDescriptor serverListener(Wire &wire, quint16 *port)
{
    Result<FileDescriptor> fd = wire.socket(Side::Server, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (!fd)
        return {};
    const int one = 1;
    ::setsockopt(fd.value().get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in sa = addressOf(wire.serverAddress(), *port);
    if (::bind(fd.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0 || ::listen(fd.value().get(), 64) != 0)
        return {};
    *port = boundPort(fd.value().get());
    return fd.take();
}

FileDescriptor clientConnect(Wire &wire, quint16 port, int timeoutMs)
{
    Result<FileDescriptor> fd = wire.socket(Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (!fd)
        return {};
    const timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(fd.value().get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(fd.value().get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const sockaddr_in sa = addressOf(wire.serverAddress(), port);
    if (::connect(fd.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return {};
    return fd.take();
}

QList<quint32> udpBurst(Wire &wire, int count, int gapUs, int size, int idleMs)
{
    quint16 port = 0;
    FileDescriptor rx = serverUdp(wire, &port, idleMs);
    FileDescriptor tx = clientUdp(wire, port);
    QList<quint32> got;
    if (!rx.isValid() || !tx.isValid())
        return got;
    QByteArray buf(qMax(size, 4), 'u');
    char in[2048];
    for (int i = 0; i < count; ++i) {
        const quint32 be = htonl(quint32(i));
        std::memcpy(buf.data(), &be, 4);
        while (::send(tx.get(), buf.constData(), size_t(buf.size()), 0) < 0 && errno == ENOBUFS)
            QThread::usleep(50);
        // Drain as we go, so that the receiver's buffer never decides the loss.
        for (;;) {
            const ssize_t n = ::recv(rx.get(), in, sizeof in, MSG_DONTWAIT);
            if (n < 4)
                break;
            quint32 v;
            std::memcpy(&v, in, 4);
            got << ntohl(v);
        }
        if (gapUs > 0)
            QThread::usleep(gapUs);
    }
    for (;;) {
        const ssize_t n = ::recv(rx.get(), in, sizeof in, 0); // SO_RCVTIMEO = idleMs
        if (n < 4)
            break;
        quint32 v;
        std::memcpy(&v, in, 4);
        got << ntohl(v);
    }
    return got;
}

std::unique_ptr<Wire> WireTestCase::start(const WireSpec &spec, PacketSink *sink)
{
    QString error;
    std::unique_ptr<Wire> wire = startWire(spec, sink, &m_skip, &error);
    if (!wire && m_skip.isEmpty())
        qWarning("wire: %s", qPrintable(error));
    return wire;
}

void WireTestCase::initTestCase()
{
    std::unique_ptr<Wire> wire = start();
    if (!wire && !m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(wire);
}

qint64 monotonicNs()
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype i = qBound<qsizetype>(0, qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1, values.size() - 1);
    return values[i];
}

} // namespace wiretest
