#include "capturedpacket.h"

#include <QString>

namespace tcplab::wire {

QString packetFateName(PacketFate fate)
{
    switch (fate) {
    case PacketFate::Delivered:
        return QStringLiteral("delivered");
    case PacketFate::DroppedLoss:
        return QStringLiteral("loss");
    case PacketFate::DroppedBurst:
        return QStringLiteral("burst loss");
    case PacketFate::DroppedQueue:
        return QStringLiteral("queue full");
    case PacketFate::DroppedCut:
        return QStringLiteral("cut");
    case PacketFate::DroppedTargeted:
        return QStringLiteral("targeted drop");
    case PacketFate::Duplicate:
        return QStringLiteral("duplicate");
    case PacketFate::Reordered:
        return QStringLiteral("reordered");
    }
    return QStringLiteral("?");
}

} // namespace tcplab::wire
