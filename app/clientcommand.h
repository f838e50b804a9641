// tcplab --send TEXT --port N [--hex] [--bin FIELDS]: one exchange with the lab's client.
#pragma once

class QCommandLineParser;

void addClientOptions(QCommandLineParser &parser);
int runClientCommand(const QCommandLineParser &parser, bool json);
