// The wire spec's grammar (documented in docs/wire.md): comma-separated items, applied left
// to right; a later item overrides an earlier one for the directions it names.
//
//   [c2s.|s2c.]delay=TIME          TIME = number + us | ms | s (a unit is required, as in tc)
//   [c2s.|s2c.]jitter=TIME[:uniform|:normal][:unordered]
//   [c2s.|s2c.]loss=PERCENT        PERCENT = number + %, 0..100
//   [c2s.|s2c.]loss=gemodel:P[/R[/1-H[/1-K]]]   netem's defaults: R = 100-P, 1-H = 100, 1-K = 0
//   [c2s.|s2c.]duplicate=PERCENT, reorder=PERCENT
//   [c2s.|s2c.]rate=RATE           tc(8) units: bit kbit mbit gbit tbit (SI), kibit..tibit (IEC);
//                                  bps kbps mbps gbps tbps = BYTES per second, kibps..tibps
//   [c2s.|s2c.]limit=PACKETS
//   [c2s.|s2c.]cut | cut=on | cut=off | cut=TIME+TIME  (from the first time, for the second)
//   drop=c2s|s2c:MATCH[#N][*COUNT]
#include "wirespec.h"

#include <QLocale>
#include <QStringList>

#include <cmath>
#include <optional>

namespace tcplab::wire {

QString directionName(Direction direction)
{
    return direction == Direction::ClientToServer ? QStringLiteral("c2s") : QStringLiteral("s2c");
}

namespace {

struct MatchName
{
    DropMatch match;
    const char *name;
};
constexpr MatchName kMatchNames[] = {
    {DropMatch::Syn, "syn"},   {DropMatch::SynAck, "syn-ack"},   {DropMatch::AckOfHandshake, "ack-of-handshake"},
    {DropMatch::Data, "data"}, {DropMatch::PureAck, "pure-ack"}, {DropMatch::Fin, "fin"},
    {DropMatch::Rst, "rst"},
};

constexpr double kMaxTimeMs = 3600.0 * 1000;       // an hour: longer is a typo, not a network
constexpr double kMaxScheduleMs = 86400.0 * 1000;  // a day
constexpr double kMaxRate = 1e12;                  // 1tbit
constexpr int kMaxLimit = 1000000;
constexpr int kMaxDropIndex = 1000000;
constexpr int kMaxDrops = 100;
constexpr qsizetype kMaxSpecLength = 10000;

QString number(double v)
{
    return QString::number(v, 'f', QLocale::FloatingPointShortest);
}

// Digits with an optional fraction: no sign, exponent, inf or nan, so every accepted text is a
// plain decimal and toString()'s shortest form parses back to the same double.
std::optional<double> parseDecimal(QStringView s)
{
    if (s.isEmpty() || s.size() > 40)
        return std::nullopt;
    int dots = 0;
    int digits = 0;
    for (QChar c : s) {
        if (c == QLatin1Char('.'))
            ++dots;
        else if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            ++digits;
        else
            return std::nullopt;
    }
    if (dots > 1 || digits == 0 || s.endsWith(QLatin1Char('.')))
        return std::nullopt;
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<int> parseInteger(QStringView s, int min, int max)
{
    if (s.isEmpty() || s.size() > 9)
        return std::nullopt;
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    const int v = s.toInt();
    if (v < min || v > max)
        return std::nullopt;
    return v;
}

// TIME in milliseconds.
std::optional<double> parseTimeMs(QStringView s, double maxMs)
{
    struct Unit
    {
        const char *suffix;
        double toMs;
    };
    static constexpr Unit units[] = {{"us", 0.001}, {"ms", 1.0}, {"s", 1000.0}};
    for (const Unit &u : units) {
        const QLatin1StringView suffix(u.suffix);
        if (!s.endsWith(suffix, Qt::CaseInsensitive))
            continue;
        const std::optional<double> v = parseDecimal(s.first(s.size() - suffix.size()));
        if (!v)
            return std::nullopt;
        // Whole nanoseconds (the relay's clock): the canonical form (ms) then round-trips bit for
        // bit, and no input yields an endless decimal.
        const double ms = std::round(*v * u.toMs * 1e6) / 1e6;
        if (ms > maxMs)
            return std::nullopt;
        return ms;
    }
    return std::nullopt;
}

std::optional<double> parsePercent(QStringView s, bool percentSignRequired = true)
{
    if (s.endsWith(QLatin1Char('%')))
        s.chop(1);
    else if (percentSignRequired)
        return std::nullopt;
    const std::optional<double> v = parseDecimal(s);
    if (!v || *v > 100)
        return std::nullopt;
    return v;
}

std::optional<quint64> parseRate(QStringView s)
{
    struct Unit
    {
        const char *suffix;
        double bitsPerUnit;
    };
    // Longest suffixes first, so that "kibit" is not read as "bit" after a bad number.
    static constexpr double Ki = 1024.0, Mi = Ki * Ki, Gi = Mi * Ki, Ti = Gi * Ki;
    static constexpr Unit units[] = {
        {"kibit", Ki},      {"mibit", Mi},      {"gibit", Gi},      {"tibit", Ti},      {"kibps", 8 * Ki},
        {"mibps", 8 * Mi},  {"gibps", 8 * Gi},  {"tibps", 8 * Ti},  {"kbit", 1e3},      {"mbit", 1e6},
        {"gbit", 1e9},      {"tbit", 1e12},     {"kbps", 8e3},      {"mbps", 8e6},      {"gbps", 8e9},
        {"tbps", 8e12},     {"bit", 1},         {"bps", 8},
    };
    for (const Unit &u : units) {
        const QLatin1StringView suffix(u.suffix);
        if (!s.endsWith(suffix, Qt::CaseInsensitive))
            continue;
        const std::optional<double> v = parseDecimal(s.first(s.size() - suffix.size()));
        if (!v)
            return std::nullopt;
        const double bits = *v * u.bitsPerUnit;
        if (bits > kMaxRate || (bits > 0 && bits < 0.5))
            return std::nullopt;
        return quint64(std::llround(bits));
    }
    return std::nullopt;
}

QString formatRate(quint64 bits)
{
    if (bits % 1000000000ULL == 0)
        return QString::number(bits / 1000000000ULL) + QLatin1String("gbit");
    if (bits % 1000000ULL == 0)
        return QString::number(bits / 1000000ULL) + QLatin1String("mbit");
    if (bits % 1000ULL == 0)
        return QString::number(bits / 1000ULL) + QLatin1String("kbit");
    return QString::number(bits) + QLatin1String("bit");
}

QString formatMs(double ms)
{
    return number(ms) + QLatin1String("ms");
}

QString formatPercent(double p)
{
    return number(p) + QLatin1Char('%');
}

std::optional<DropMatch> matchFromName(QStringView name)
{
    for (const MatchName &m : kMatchNames) {
        if (name.compare(QLatin1StringView(m.name), Qt::CaseInsensitive) == 0)
            return m.match;
    }
    return std::nullopt;
}

QString matchList()
{
    QStringList names;
    for (const MatchName &m : kMatchNames)
        names << QLatin1String(m.name);
    return names.join(QLatin1String(", "));
}

// One parsed item's effect on one direction.
using Apply = void (*)(DirectionImpairment &, const DirectionImpairment &);

// The Apply of an item that sets one field.
template <auto Field>
void copyField(DirectionImpairment &d, const DirectionImpairment &c)
{
    d.*Field = c.*Field;
}

class Parser
{
public:
    Result<WireSpec> parse(const QString &spec)
    {
        if (spec.size() > kMaxSpecLength)
            return Error::message(QStringLiteral("wire spec: too long (%1 characters; at most %2)").arg(spec.size()).arg(kMaxSpecLength));
        WireSpec out;
        if (spec.trimmed().isEmpty())
            return out;
        const QStringList items = spec.split(QLatin1Char(','));
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString item = items[i].trimmed();
            if (item.isEmpty())
                return Error::message(QStringLiteral("wire spec: item %1 is empty; items are key=value separated by commas, e.g. delay=50ms,loss=1%").arg(i + 1));
            if (Error e = parseItem(item, out))
                return e;
        }
        return out;
    }

private:
    // The message is one line whatever the input holds, and short.
    static QString printable(const QString &text, qsizetype max)
    {
        QString shown;
        for (QChar c : text)
            shown += c.isPrint() ? c : QLatin1Char('?');
        if (shown.size() > max)
            shown = shown.left(max - 3) + QLatin1String("...");
        return shown;
    }

    static Error bad(const QString &item, const QString &why)
    {
        return Error::message(QStringLiteral("wire spec: \"%1\": %2").arg(printable(item, 60), why));
    }

    Error parseItem(const QString &item, WireSpec &out)
    {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        QString key = (eq < 0 ? item : item.left(eq)).trimmed().toLower();
        const QString value = eq < 0 ? QString() : item.mid(eq + 1).trimmed();
        const bool hasValue = eq >= 0;

        bool both = true;
        Direction only = Direction::ClientToServer;
        if (key.startsWith(QLatin1String("c2s.")) || key.startsWith(QLatin1String("s2c."))) {
            both = false;
            only = key.startsWith(QLatin1String("c2s")) ? Direction::ClientToServer : Direction::ServerToClient;
            key = key.mid(4);
        }

        if (key == QLatin1String("drop")) {
            if (!both)
                return bad(item, QStringLiteral("drop takes its direction after '=', e.g. drop=c2s:data#5"));
            return parseDrop(item, value, out);
        }

        DirectionImpairment change;
        Apply apply = nullptr;
        if (key == QLatin1String("cut") && !hasValue) {
            change.cut = true;
            apply = copyField<&DirectionImpairment::cut>;
        } else if (!hasValue || value.isEmpty()) {
            if (!isKnownKey(key))
                return unknownKey(item, key);
            return bad(item, QStringLiteral("%1 needs a value, e.g. %2").arg(key, example(key)));
        } else if (key == QLatin1String("delay")) {
            const std::optional<double> ms = parseTimeMs(value, kMaxTimeMs);
            if (!ms)
                return bad(item, QStringLiteral("delay is a time from 0 to 3600s with a unit (us, ms, s), e.g. delay=50ms"));
            change.delayMs = *ms;
            apply = copyField<&DirectionImpairment::delayMs>;
        } else if (key == QLatin1String("jitter")) {
            if (Error e = parseJitter(item, value, change))
                return e;
            apply = [](DirectionImpairment &d, const DirectionImpairment &c) {
                d.jitterMs = c.jitterMs;
                d.jitterDistribution = c.jitterDistribution;
                d.keepOrder = c.keepOrder;
            };
        } else if (key == QLatin1String("loss")) {
            if (value.startsWith(QLatin1String("gemodel"), Qt::CaseInsensitive)) {
                if (Error e = parseGemodel(item, value, change))
                    return e;
                apply = copyField<&DirectionImpairment::burst>;
            } else {
                const std::optional<double> p = parsePercent(value);
                if (!p)
                    return bad(item, QStringLiteral("loss is a percentage from 0 to 100, e.g. loss=1%, or loss=gemodel:P/R/1-H/1-K in percent, e.g. loss=gemodel:1/30/100/0"));
                change.lossPercent = *p;
                apply = copyField<&DirectionImpairment::lossPercent>;
            }
        } else if (key == QLatin1String("duplicate") || key == QLatin1String("reorder")) {
            const std::optional<double> p = parsePercent(value);
            if (!p)
                return bad(item, QStringLiteral("%1 is a percentage from 0 to 100, e.g. %2").arg(key, example(key)));
            const bool duplicate = key == QLatin1String("duplicate");
            (duplicate ? change.duplicatePercent : change.reorderPercent) = *p;
            apply = duplicate ? copyField<&DirectionImpairment::duplicatePercent> : copyField<&DirectionImpairment::reorderPercent>;
        } else if (key == QLatin1String("rate")) {
            const std::optional<quint64> bits = parseRate(value);
            if (!bits)
                return bad(item, QStringLiteral("rate is 0 (unlimited) or 1bit to 1tbit with tc's units (bit, kbit, mbit, gbit; "
                                                "kbps, mbps = bytes/s; kibit, mibit = 1024-based), e.g. rate=10mbit"));
            change.rateBitsPerSecond = *bits;
            apply = copyField<&DirectionImpairment::rateBitsPerSecond>;
        } else if (key == QLatin1String("limit")) {
            const std::optional<int> n = parseInteger(value, 1, kMaxLimit);
            if (!n)
                return bad(item, QStringLiteral("limit is a number of packets from 1 to %1, e.g. limit=100").arg(kMaxLimit));
            change.limitPackets = *n;
            apply = copyField<&DirectionImpairment::limitPackets>;
        } else if (key == QLatin1String("cut")) {
            const QString v = value.toLower();
            if (v == QLatin1String("on") || v == QLatin1String("off")) {
                change.cut = v == QLatin1String("on");
                apply = copyField<&DirectionImpairment::cut>;
            } else {
                const qsizetype plus = v.indexOf(QLatin1Char('+'));
                const std::optional<double> after = plus < 0 ? std::nullopt : parseTimeMs(QStringView(v).left(plus), kMaxScheduleMs);
                const std::optional<double> length = plus < 0 ? std::nullopt : parseTimeMs(QStringView(v).mid(plus + 1), kMaxScheduleMs);
                if (!after || !length || *length <= 0)
                    return bad(item, QStringLiteral("cut is cut, cut=on, cut=off or a schedule START+LENGTH (times with us, ms or s; "
                                                    "LENGTH above 0), e.g. cut=2s+3s"));
                change.cutAfterMs = *after;
                change.cutForMs = *length;
                apply = [](DirectionImpairment &d, const DirectionImpairment &c) {
                    d.cutAfterMs = c.cutAfterMs;
                    d.cutForMs = c.cutForMs;
                };
            }
        } else {
            return unknownKey(item, key);
        }

        if (both || only == Direction::ClientToServer)
            apply(out.c2s, change);
        if (both || only == Direction::ServerToClient)
            apply(out.s2c, change);
        return {};
    }

    // The keys of a direction's impairments, each with the example its messages give.
    struct KeyExample
    {
        const char *key;
        const char *example;
    };
    static constexpr KeyExample kKeys[] = {
        {"delay", "delay=50ms"},         {"jitter", "jitter=5ms:normal"}, {"loss", "loss=1%"},   {"duplicate", "duplicate=1%"},
        {"reorder", "reorder=25%"},      {"rate", "rate=10mbit"},         {"limit", "limit=100"}, {"cut", "cut=2s+3s"},
    };

    static const KeyExample *findKey(const QString &key)
    {
        for (const KeyExample &k : kKeys) {
            if (key == QLatin1String(k.key))
                return &k;
        }
        return nullptr;
    }

    static bool isKnownKey(const QString &key) { return findKey(key) != nullptr; }

    static QString example(const QString &key)
    {
        const KeyExample *k = findKey(key);
        return QLatin1String(k ? k->example : "drop=c2s:data#5");
    }

    static Error unknownKey(const QString &item, const QString &key)
    {
        return bad(item, QStringLiteral("unknown key \"%1\"; keys: delay, jitter, loss, duplicate, reorder, rate, limit, cut "
                                        "(each may start with c2s. or s2c.), drop")
                             .arg(printable(key, 30)));
    }

    static Error parseJitter(const QString &item, const QString &value, DirectionImpairment &change)
    {
        const QStringList parts = value.split(QLatin1Char(':'));
        const std::optional<double> ms = parseTimeMs(parts.first().trimmed(), kMaxTimeMs);
        bool distributionSeen = false;
        bool orderSeen = false;
        bool ok = ms.has_value() && parts.size() <= 3;
        for (qsizetype i = 1; ok && i < parts.size(); ++i) {
            const QString word = parts[i].trimmed().toLower();
            if (!distributionSeen && (word == QLatin1String("uniform") || word == QLatin1String("normal"))) {
                distributionSeen = true;
                change.jitterDistribution = word == QLatin1String("normal") ? JitterDistribution::Normal : JitterDistribution::Uniform;
            } else if (!orderSeen && word == QLatin1String("unordered")) {
                orderSeen = true;
                change.keepOrder = false;
            } else {
                ok = false;
            }
        }
        if (!ok)
            return bad(item, QStringLiteral("jitter is a time from 0 to 3600s with a unit (us, ms, s), then optionally :uniform (the default) "
                                            "or :normal, and :unordered to let jitter reorder packets, e.g. jitter=5ms:normal"));
        change.jitterMs = *ms;
        return {};
    }

    static Error parseGemodel(const QString &item, const QString &value, DirectionImpairment &change)
    {
        const Error e = bad(item, QStringLiteral("burst loss is loss=gemodel:P[/R[/1-H[/1-K]]], each a percentage from 0 to 100 "
                                                 "(netem's defaults: R = 100-P, 1-H = 100, 1-K = 0), e.g. loss=gemodel:1/30"));
        if (!value.startsWith(QLatin1String("gemodel:"), Qt::CaseInsensitive))
            return e;
        const QStringList parts = value.mid(8).split(QLatin1Char('/'));
        if (parts.size() > 4)
            return e;
        double v[4] = {};
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const std::optional<double> p = parsePercent(parts[i].trimmed(), false);
            if (!p)
                return e;
            v[i] = *p;
        }
        BurstLoss b;
        b.enabled = true;
        b.p = v[0];
        b.r = parts.size() > 1 ? v[1] : 100 - v[0];
        b.lossInBad = parts.size() > 2 ? v[2] : 100;
        b.lossInGood = parts.size() > 3 ? v[3] : 0;
        change.burst = b;
        return {};
    }

    static Error parseDrop(const QString &item, const QString &value, WireSpec &out)
    {
        const Error e = bad(item, QStringLiteral("drop is DIRECTION:MATCH[#N][*COUNT] with DIRECTION c2s or s2c and MATCH one of %1; "
                                                 "N and COUNT from 1 to %2, e.g. drop=c2s:data#5 or drop=s2c:syn-ack*2")
                                      .arg(matchList())
                                      .arg(kMaxDropIndex));
        if (out.drops.size() >= kMaxDrops)
            return bad(item, QStringLiteral("at most %1 drop rules").arg(kMaxDrops));
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        if (colon < 0)
            return e;
        const QString dir = value.left(colon).trimmed().toLower();
        TargetedDrop drop;
        if (dir == QLatin1String("c2s"))
            drop.direction = Direction::ClientToServer;
        else if (dir == QLatin1String("s2c"))
            drop.direction = Direction::ServerToClient;
        else
            return e;
        QStringView rest = QStringView(value).mid(colon + 1).trimmed();
        const qsizetype star = rest.indexOf(QLatin1Char('*'));
        if (star >= 0) {
            const std::optional<int> n = parseInteger(rest.mid(star + 1), 1, kMaxDropIndex);
            if (!n)
                return e;
            drop.count = *n;
            rest = rest.left(star);
        }
        const qsizetype hash = rest.indexOf(QLatin1Char('#'));
        if (hash >= 0) {
            const std::optional<int> n = parseInteger(rest.mid(hash + 1), 1, kMaxDropIndex);
            if (!n)
                return e;
            drop.first = *n;
            rest = rest.left(hash);
        }
        const std::optional<DropMatch> match = matchFromName(rest);
        if (!match)
            return e;
        drop.match = *match;
        out.drops.append(drop);
        return {};
    }
};

// toString's helpers: one field (or field group) at a time, unprefixed when both directions
// agree, else once per direction that differs from the default.
template <typename Get, typename Format>
void emitField(QStringList &items, const WireSpec &spec, const QString &key, Get get, Format format)
{
    const DirectionImpairment clean;
    const auto c = get(spec.c2s);
    const auto s = get(spec.s2c);
    const auto d = get(clean);
    if (c == s) {
        if (!(c == d))
            items << format(key, c);
        return;
    }
    if (!(c == d))
        items << format(QLatin1String("c2s.") + key, c);
    if (!(s == d))
        items << format(QLatin1String("s2c.") + key, s);
}

} // namespace

QString dropMatchName(DropMatch match)
{
    for (const MatchName &m : kMatchNames) {
        if (m.match == match)
            return QLatin1String(m.name);
    }
    return QStringLiteral("?");
}

QString TargetedDrop::toString() const
{
    QString s = directionName(direction) + QLatin1Char(':') + dropMatchName(match);
    if (first != 1)
        s += QLatin1Char('#') + QString::number(first);
    if (count != 1)
        s += QLatin1Char('*') + QString::number(count);
    return s;
}

Result<WireSpec> WireSpec::parse(const QString &spec)
{
    return Parser().parse(spec);
}

QString WireSpec::toString() const
{
    QStringList items;
    auto kv = [](const QString &key, const QString &value) { return key + QLatin1Char('=') + value; };
    emitField(items, *this, QStringLiteral("delay"), [](const DirectionImpairment &d) { return d.delayMs; },
              [&](const QString &k, double v) { return kv(k, formatMs(v)); });
    emitField(items, *this, QStringLiteral("jitter"),
              [](const DirectionImpairment &d) { return std::tuple(d.jitterMs, d.jitterDistribution, d.keepOrder); },
              [&](const QString &k, const std::tuple<double, JitterDistribution, bool> &j) {
                  QString v = formatMs(std::get<0>(j));
                  if (std::get<1>(j) == JitterDistribution::Normal)
                      v += QLatin1String(":normal");
                  if (!std::get<2>(j))
                      v += QLatin1String(":unordered");
                  return kv(k, v);
              });
    emitField(items, *this, QStringLiteral("loss"), [](const DirectionImpairment &d) { return d.lossPercent; },
              [&](const QString &k, double v) { return kv(k, formatPercent(v)); });
    emitField(items, *this, QStringLiteral("loss"), [](const DirectionImpairment &d) { return d.burst; },
              [&](const QString &k, const BurstLoss &b) {
                  return kv(k, QStringLiteral("gemodel:%1/%2/%3/%4").arg(formatPercent(b.p), formatPercent(b.r), formatPercent(b.lossInBad), formatPercent(b.lossInGood)));
              });
    emitField(items, *this, QStringLiteral("duplicate"), [](const DirectionImpairment &d) { return d.duplicatePercent; },
              [&](const QString &k, double v) { return kv(k, formatPercent(v)); });
    emitField(items, *this, QStringLiteral("reorder"), [](const DirectionImpairment &d) { return d.reorderPercent; },
              [&](const QString &k, double v) { return kv(k, formatPercent(v)); });
    emitField(items, *this, QStringLiteral("rate"), [](const DirectionImpairment &d) { return d.rateBitsPerSecond; },
              [&](const QString &k, quint64 v) { return kv(k, formatRate(v)); });
    emitField(items, *this, QStringLiteral("limit"), [](const DirectionImpairment &d) { return d.limitPackets; },
              [&](const QString &k, int v) { return kv(k, QString::number(v)); });
    emitField(items, *this, QStringLiteral("cut"), [](const DirectionImpairment &d) { return d.cut; },
              [&](const QString &k, bool v) { return v ? k : kv(k, QStringLiteral("off")); });
    emitField(items, *this, QStringLiteral("cut"), [](const DirectionImpairment &d) { return std::pair(d.cutAfterMs, d.cutForMs); },
              [&](const QString &k, const std::pair<double, double> &c) {
                  // A default-constructed schedule (for < 0) is never emitted; any other is START+LENGTH.
                  return kv(k, formatMs(c.first) + QLatin1Char('+') + formatMs(c.second));
              });
    for (const TargetedDrop &d : drops)
        items << QLatin1String("drop=") + d.toString();
    return items.join(QLatin1Char(','));
}

} // namespace tcplab::wire
