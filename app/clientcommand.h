// tcplab --send TEXT --port N [--hex] [--bin FIELDS] [--repeat N]: exchanges with the lab's client.
#pragma once

#include "clientbatch.h"
#include "error.h"
#include "labclient.h"

#include <QCommandLineOption>
#include <QJsonObject>
#include <QList>

class QCommandLineParser;

// --send, --hex, --bin, --repeat and the client socket's flags.
QList<QCommandLineOption> clientOptions();
int runClientCommand(const QCommandLineParser &parser, bool json);

// The client flags (payload, options, timeouts) as a request; host, port and reply mode are the
// caller's. The error is the one line to print (exit 2).
tcplab::Result<tcplab::ClientRequest> clientRequestFromParser(const QCommandLineParser &parser);
// --repeat N (1 when absent); the error is the one line to print (exit 2).
tcplab::Result<int> repeatCountFromParser(const QCommandLineParser &parser);

// N exchanges one after the other: on one connection (ClientSession) or one connection each.
struct RepeatRun
{
    QList<tcplab::ClientResult> results;
    tcplab::BatchSummary summary;
    bool oneConnection = false;
    int connections = 0; // distinct local ports seen
    QString toText() const;
    QJsonObject toJson() const;
};
RepeatRun runRepeat(const tcplab::ClientRequest &request, int count, bool oneConnection);

// "reply: ..." / timings for one exchange, as the plain client prints them.
// withTimings off: the reply only (a repeat prints its distribution instead).
void printExchange(const tcplab::ClientRequest &request, const tcplab::ClientResult &result, bool bin, bool withTimings = true);
QJsonObject exchangeJson(const tcplab::ClientRequest &request, const tcplab::ClientResult &result, bool bin);
