// Where the relay hands every packet it saw (delivered, duplicated or dropped). push() runs on
// the relay's thread for each packet, so an implementation must not block or allocate.
#pragma once

#include "capturedpacket.h"

namespace tcplab::wire {

class PacketSink
{
public:
    virtual ~PacketSink() = default;
    virtual void push(const CapturedPacket &packet) noexcept = 0;
};

} // namespace tcplab::wire
