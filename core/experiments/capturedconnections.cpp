#include "capturedconnections.h"

#include <QHash>

#include <algorithm>

namespace tcplab::lab {

using namespace tcplab::wire;

const CapturedSegment *CapturedConnection::first(bool fromClient, const std::function<bool(const CapturedSegment &)> &pred) const
{
    for (const CapturedSegment &s : segments) {
        if (s.fromClient() == fromClient && pred(s))
            return &s;
    }
    return nullptr;
}

int CapturedConnection::count(bool fromClient, const std::function<bool(const CapturedSegment &)> &pred) const
{
    return int(std::count_if(segments.begin(), segments.end(), [&](const CapturedSegment &s) { return s.fromClient() == fromClient && pred(s); }));
}

QList<CapturedConnection> capturedConnections(const QList<CapturedPacket> &packets)
{
    QList<CapturedPacket> ordered = packets;
    std::stable_sort(ordered.begin(), ordered.end(), [](const CapturedPacket &a, const CapturedPacket &b) { return a.index < b.index; });
    ConnectionTracker tracker;
    QList<CapturedConnection> out;
    QHash<quint64, qsizetype> byId;
    for (const CapturedPacket &p : std::as_const(ordered)) {
        CapturedSegment s;
        s.packet = p;
        s.decoded = decodePacket(p);
        if (!s.decoded.isTcp())
            continue;
        s.annotation = tracker.track(p, s.decoded);
        const quint64 id = s.annotation.connectionId;
        auto it = byId.find(id);
        if (it == byId.end()) {
            CapturedConnection c;
            c.id = id;
            c.key = ConnectionKey::of(p.direction, s.decoded);
            out.append(c);
            it = byId.insert(id, out.size() - 1);
        }
        out[*it].segments.append(s);
    }
    return out;
}

const CapturedConnection *connectionOfClientPort(const QList<CapturedConnection> &connections, quint16 clientPort)
{
    const CapturedConnection *found = nullptr;
    for (const CapturedConnection &c : connections) {
        if (c.clientPort() == clientPort)
            found = &c;
    }
    return found;
}

} // namespace tcplab::lab
