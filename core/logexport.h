// One rendering of log events for every reader: the UI's log pane line, and the saved log as
// plain text or CSV (one row per event, payload as text and as hex).
#pragma once

#include "error.h"
#include "serverevent.h"

#include <QList>
#include <QString>

namespace tcplab {

// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
QString csvField(const QString &field);
QString csvHeader();
QString csvRow(const ServerEvent &event);

Error writeLogText(const QString &path, const QList<ServerEvent> &events, DataFormat format);
Error writeLogCsv(const QString &path, const QList<ServerEvent> &events);

} // namespace tcplab
