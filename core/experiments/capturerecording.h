// What an experiment's run captured, kept beside its result so that the window can show it in
// the same packet views as a live capture: the packets, the targeted-drop rules that name their
// fates, and the TCP_INFO series of both ends of each connection (wire runs only).
#pragma once

#include "wire/capturedpacket.h"
#include "wire/tcpinfosampler.h"

#include <QList>

namespace tcplab {

struct CaptureRecording
{
    QString path;                            // "wire" or "loopback"
    QList<wire::CapturedPacket> packets;     // as the capture ring held them
    QList<wire::TargetedDrop> drops;
    QList<wire::TcpInfoConnectionSeries> tcpInfo;
    QString tcpInfoMissing;                  // why there is no TCP_INFO series (empty: there are)
};

} // namespace tcplab
