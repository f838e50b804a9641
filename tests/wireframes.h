// Real Ethernet/IPv4/TCP frames for the wire's tests, with correct IPv4 and TCP checksums (so
// tcpdump -v finds nothing wrong), and one known exchange through an impaired wire: handshake,
// a request, a delayed ACK, a reply the wire dropped and its retransmission, FIN/ACK teardown.
#pragma once

#include "wire/capturedpacket.h"

#include <QByteArray>
#include <QList>

namespace wireframes {

struct Endpoint
{
    quint32 address = 0; // host order
    quint16 port = 0;
};

struct Segment
{
    quint8 flags = 0;
    quint32 seq = 0;
    quint32 ack = 0;
    quint16 window = 0;
    QByteArray options; // padded to a multiple of 4 by frame()
    QByteArray payload;
};

QByteArray frame(const Endpoint &from, const Endpoint &to, const Segment &segment, quint16 ipId = 1);

QByteArray optMss(quint16 mss);
QByteArray optWindowScale(quint8 shift);
QByteArray optSackPermitted();
QByteArray optTimestamps(quint32 value, quint32 echo);
QByteArray optSack(const QList<QPair<quint32, quint32>> &blocks);
QByteArray optFastOpen(const QByteArray &cookie, bool experimental = false);
QByteArray optNop();

tcplab::wire::CapturedPacket packet(quint64 index, tcplab::wire::Direction direction, qint64 sentNs, qint64 deliveredNs,
                                    const QByteArray &frame, tcplab::wire::PacketFate fate = tcplab::wire::PacketFate::Delivered,
                                    int dropRule = -1);

// The known exchange, as the relay saw it (index order), with a 20 ms one-way delay:
constexpr quint32 kClientAddress = 0xC6120002; // 198.18.0.2
constexpr quint32 kServerAddress = 0xC6130002; // 198.19.0.2
constexpr quint16 kClientPort = 40000;
constexpr quint16 kServerPort = 7000;
constexpr quint32 kClientIsn = 1000;
constexpr quint32 kServerIsn = 5000;
constexpr qint64 kStartNs = 1700000000LL * 1000000000LL; // 2023-11-14 22:13:20 UTC
inline constexpr qint64 ms(double v) { return qint64(v * 1e6 + 0.5); }
//  #0  0.0 ms C>S SYN (mss 1460, sackOK, ts, nop, ws 7)          delivered at 20.0
//  #1 20.1 ms S>C SYN,ACK (mss 1460, sackOK, ts, nop, ws 8)      delivered at 40.1
//  #2 40.2 ms C>S ACK                                            delivered at 60.2
//  #3 40.3 ms C>S PSH,ACK "hello" (5 bytes)                      delivered at 60.3
//  #4 100.3 ms S>C ACK, 40 ms after #3 arrived: a delayed ACK    delivered at 120.3
//  #5 100.4 ms S>C PSH,ACK "HELLO!" (6 bytes), dropped by drop rule 0
//  #6 320.4 ms S>C PSH,ACK "HELLO!" again: the retransmission     delivered at 340.4
//  #7 340.5 ms C>S ACK (0.1 ms after #6 arrived: not delayed)     delivered at 360.5
//  #8 340.6 ms C>S FIN,ACK                                        delivered at 360.6
//  #9 360.7 ms S>C FIN,ACK                                        delivered at 380.7
// #10 380.8 ms C>S ACK                                            delivered at 400.8
QList<tcplab::wire::CapturedPacket> knownExchange();

} // namespace wireframes
