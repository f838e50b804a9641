// One run's configuration: a value (or "kernel default") for every entry of the option table,
// plus raw escape-hatch options. Typed accessors read the settings the engines need.
#pragma once

#include "optiontable.h"

#include <QMap>
#include <QMetaType>

namespace tcplab {

enum class HandlerKind { Byte, Line, Bin };
enum class ConcurrencyMode { Iterative, Threaded, Event };
enum class LogLevel { Debug, Info, Warning, Error };

// An option the table does not name: setsockopt(level, optname, int value) before listen().
struct RawOption
{
    int level = 0;
    int optname = 0;
    int value = 0;
    static bool parse(const QString &text, RawOption *out, QString *error); // "LEVEL:OPTNAME:VALUE"
    QString toString() const;
    bool operator==(const RawOption &) const = default;
};

class ServerConfig
{
public:
    // The recipe's values (port 9999, reuse on, NODELAY/QUICKACK on, keep-alive 1800/9/15...).
    static ServerConfig seedDefaults();

    QVariant value(const QString &key) const { return m_values.value(key); }
    bool isSet(const QString &key) const { return m_values.value(key).isValid(); }
    void setValue(const QString &key, const QVariant &value);
    void unset(const QString &key) { m_values.remove(key); }

    QList<RawOption> rawOptions() const { return m_raw; }
    void setRawOptions(const QList<RawOption> &raw) { m_raw = raw; }

    // Every problem, each naming the option and its allowed range; empty when valid.
    QStringList validate() const;

    QString host() const;
    quint16 port() const;
    int backlog() const;
    HandlerKind handler() const;
    ConcurrencyMode mode() const;
    bool persistent() const;
    int recvSize() const;
    int maxLine() const;
    bool binUpperCase() const;
    double idleTimeoutSeconds() const;
    int maxThreads() const;
    bool quickAckRearm() const;
    LogLevel logLevel() const;

    bool operator==(const ServerConfig &) const = default;

private:
    QMap<QString, QVariant> m_values;
    QList<RawOption> m_raw;
};

// The seed's options on 127.0.0.1, port 0 (the kernel picks one), with the given mode and handler:
// what the experiments and the tests start their servers with.
ServerConfig loopbackConfig(const QString &mode = QStringLiteral("event"), const QString &handler = QStringLiteral("byte"),
                            bool persistent = false);

QString handlerName(HandlerKind kind);
QString modeName(ConcurrencyMode mode);
QString levelName(LogLevel level);
bool parseLevel(const QString &text, LogLevel *out);

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::ServerConfig)
