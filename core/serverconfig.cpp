#include "serverconfig.h"

#include <QCoreApplication>

namespace tcplab {

namespace {

int parseSocketLevel(const QString &text, bool *ok)
{
    const QString t = text.trimmed().toUpper();
    if (t == QLatin1String("SOL_SOCKET")) { *ok = true; return 1; }
    if (t == QLatin1String("IPPROTO_TCP") || t == QLatin1String("TCP")) { *ok = true; return 6; }
    if (t == QLatin1String("IPPROTO_IP") || t == QLatin1String("IP")) { *ok = true; return 0; }
    if (t == QLatin1String("IPPROTO_IPV6") || t == QLatin1String("IPV6")) { *ok = true; return 41; }
    return t.toInt(ok, 0);
}

} // namespace

bool RawOption::parse(const QString &text, RawOption *out, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool okLevel = false, okName = false, okValue = false;
    if (parts.size() == 3) {
        out->level = parseSocketLevel(parts[0], &okLevel);
        out->optname = parts[1].trimmed().toInt(&okName, 0);
        out->value = parts[2].trimmed().toInt(&okValue, 0);
    }
    if (!(okLevel && okName && okValue)) {
        *error = QCoreApplication::translate("Option",
                                             "raw option '%1' is not LEVEL:OPTNAME:VALUE "
                                             "(LEVEL a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6)")
                     .arg(text);
        return false;
    }
    return true;
}

QString RawOption::toString() const
{
    return QStringLiteral("%1:%2:%3").arg(level).arg(optname).arg(value);
}

ServerConfig ServerConfig::seedDefaults()
{
    ServerConfig config;
    for (const OptionSpec &spec : optionTable()) {
        if (spec.seedDefault.isValid())
            config.m_values.insert(spec.key, spec.seedDefault);
    }
    return config;
}

void ServerConfig::setValue(const QString &key, const QVariant &value)
{
    if (value.isValid())
        m_values.insert(key, value);
    else
        m_values.remove(key);
}

QStringList ServerConfig::validate() const
{
    QStringList problems;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const OptionSpec *spec = findOption(it.key());
        if (!spec) {
            problems << QCoreApplication::translate("Option", "unknown option '%1'").arg(it.key());
            continue;
        }
        const QString error = validateOptionValue(*spec, it.value());
        if (!error.isEmpty())
            problems << error;
    }
    return problems;
}

QString ServerConfig::host() const { return value(QStringLiteral("host")).toString(); }
quint16 ServerConfig::port() const { return static_cast<quint16>(value(QStringLiteral("port")).toUInt()); }
int ServerConfig::backlog() const { return value(QStringLiteral("backlog")).toInt(); }
bool ServerConfig::persistent() const { return value(QStringLiteral("persistent")).toBool(); }
int ServerConfig::recvSize() const { return value(QStringLiteral("recv-size")).toInt(); }
int ServerConfig::maxLine() const { return value(QStringLiteral("max-line")).toInt(); }
bool ServerConfig::binUpperCase() const { return value(QStringLiteral("bin-reply")).toString() == QLatin1String("upper"); }
double ServerConfig::idleTimeoutSeconds() const { return value(QStringLiteral("idle-timeout")).toDouble(); }
int ServerConfig::maxThreads() const { return value(QStringLiteral("max-threads")).toInt(); }
bool ServerConfig::quickAckRearm() const { return value(QStringLiteral("quickack-rearm")).toBool(); }

HandlerKind ServerConfig::handler() const
{
    const QString h = value(QStringLiteral("handler")).toString();
    if (h == QLatin1String("line"))
        return HandlerKind::Line;
    if (h == QLatin1String("bin"))
        return HandlerKind::Bin;
    return HandlerKind::Byte;
}

ConcurrencyMode ServerConfig::mode() const
{
    const QString m = value(QStringLiteral("mode")).toString();
    if (m == QLatin1String("threaded"))
        return ConcurrencyMode::Threaded;
    if (m == QLatin1String("event"))
        return ConcurrencyMode::Event;
    return ConcurrencyMode::Iterative;
}

LogLevel ServerConfig::logLevel() const
{
    LogLevel level = LogLevel::Info;
    parseLevel(value(QStringLiteral("log-level")).toString(), &level);
    return level;
}

ServerConfig loopbackConfig(const QString &mode, const QString &handler, bool persistent)
{
    ServerConfig config = ServerConfig::seedDefaults();
    config.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    config.setValue(QStringLiteral("port"), 0);
    config.setValue(QStringLiteral("mode"), mode);
    config.setValue(QStringLiteral("handler"), handler);
    config.setValue(QStringLiteral("persistent"), persistent);
    return config;
}

QString handlerName(HandlerKind kind)
{
    switch (kind) {
    case HandlerKind::Byte: return QStringLiteral("byte");
    case HandlerKind::Line: return QStringLiteral("line");
    case HandlerKind::Bin: return QStringLiteral("bin");
    }
    return {};
}

QString modeName(ConcurrencyMode mode)
{
    switch (mode) {
    case ConcurrencyMode::Iterative: return QStringLiteral("iterative");
    case ConcurrencyMode::Threaded: return QStringLiteral("threaded");
    case ConcurrencyMode::Event: return QStringLiteral("event");
    }
    return {};
}

QString levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warning: return QStringLiteral("warning");
    case LogLevel::Error: return QStringLiteral("error");
    }
    return {};
}

bool parseLevel(const QString &text, LogLevel *out)
{
    for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error}) {
        if (levelName(l) == text) {
            *out = l;
            return true;
        }
    }
    return false;
}

} // namespace tcplab
