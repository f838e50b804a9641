// The capture as JSON for `--json`: one object per packet (decoded, tracked, marked, the same
// facts the ladder prints) and TCP_INFO samples. Keys are snake_case like the CLI's other JSON.
#pragma once

#include "capturedpacket.h"
#include "connectiontracker.h"
#include "tcpinfosampler.h"
#include "wirespec.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tcplab::wire {

// The ladder's marks for a packet, as words: "dropped", "duplicate", "reordered",
// "retransmission", "keep-alive", "delayed-ack".
QStringList packetMarks(const PacketAnnotation &annotation);

QJsonObject packetJson(const CapturedPacket &packet, const DecodedPacket &decoded, const PacketAnnotation &annotation,
                       const QList<TargetedDrop> &dropRules = {});
// A whole capture in the relay's order (index), tracked from its first packet.
QJsonArray captureJson(const QList<CapturedPacket> &packets, const QList<TargetedDrop> &dropRules = {});

QJsonObject tcpInfoJson(const TcpInfoSnapshot &info);
QJsonArray tcpInfoSeriesJson(const QList<TcpInfoSample> &samples);

} // namespace tcplab::wire
