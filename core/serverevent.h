// One structured log event of the server or the client.
#pragma once

#include "serverconfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace tcplab {

enum class EventKind {
    Lifecycle, // started, stopped, listening
    Accepted,
    Report,    // connection report: options and TCP_INFO of an accepted socket
    Received,
    Sent,
    Closed,
    Timeout,
    Error,
    Client,
    Dropped,   // events lost to a flood
    Capacity,  // a limit of the lab holds clients back (the thread cap), and when it clears
};

// How an event line shows its payload.
enum class DataFormat { Text, Hex, Both };

struct ServerEvent
{
    qint64 timeMs = 0;        // since the epoch
    quint64 connectionId = 0; // 0: not about one connection
    QString peer;
    EventKind kind = EventKind::Lifecycle;
    LogLevel level = LogLevel::Info;
    QString text;
    QByteArray data;          // payload, when the event carries one

    // "12:00:00.123 INFO    #3 127.0.0.1:5555 text  'payload'": the one rendering of a log line,
    // for stdout, the log pane and saved logs.
    QString toText(DataFormat format = DataFormat::Text) const;
    QJsonObject toJson() const;
};

using EventBatch = QList<ServerEvent>;

QString eventKindName(EventKind kind);
// Printable rendering of payload bytes: text with escapes, or hex.
QString printableData(const QByteArray &data, int limit = 256);
QString hexData(const QByteArray &data, int limit = 256);

} // namespace tcplab

// Its members (QString, QByteArray, plain values) may be moved in memory as bytes: a growing
// batch is then reallocated instead of moved event by event.
Q_DECLARE_TYPEINFO(tcplab::ServerEvent, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(tcplab::ServerEvent)
Q_DECLARE_METATYPE(tcplab::EventBatch)
