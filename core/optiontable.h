// The single source of truth for every server setting and socket option: the CLI flags, the
// settings keys, the UI controls, the option report and the tests are all generated from it.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace tcplab {

enum class OptionKind {
    Bool,     // on/off; an int 0/1 for setsockopt
    Int,      // an integer in [minimum, maximum]
    Seconds,  // a duration in seconds, fractions allowed (struct timeval); 0 = none
    Linger,   // SO_LINGER seconds; -1 = off (l_onoff = 0)
    Choice,   // one word of choices()
    Text,     // free text (the host)
};

// When an option is applied: the kernel only honours some of them in a given socket state.
enum class OptionPhase {
    Setting,      // not a socket option: a server setting
    BeforeBind,   // SO_REUSEADDR/SO_REUSEPORT decide whether bind() succeeds
    BeforeListen, // buffers shape the window scale, which is fixed at the SYN
};

enum class OptionGroup {
    Address,
    AcceptQueue,
    KeepAlive,
    Latency,
    Buffers,
    Timeouts,
    Connection,
    Handler,
    Concurrency,
    Logging,
};

struct OptionSpec
{
    QString key;          // CLI flag and settings key: "keepidle"
    QString name;         // kernel name or label: "TCP_KEEPIDLE"
    OptionGroup group;
    int level = -1;       // SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6; -1 for settings
    int optname = -1;
    OptionKind kind;
    OptionPhase phase;
    double minimum = 0;
    double maximum = 0;
    QVariant seedDefault; // invalid: left at the kernel's default
    QString unit;         // "s", "ms", "bytes", ""
    const char *help;     // one line, translatable in context "Option"
    const char *kernelRule; // why it behaves as it does, translatable in context "Option"
    QString manPage;      // "tcp(7)"
    bool perConnection = false; // applied again on every accepted socket (not inherited or not sticky)
    QStringList choices;  // for Choice
    // Set apart from the rows (buildTable's "live" block), so that new rows need not name them.
    // live: a running server applies a change at once to its listener and to every open
    // connection (setsockopt on a live socket; the backlog by calling listen() again). Otherwise
    // the change applies on restart, and restartReason says why.
    bool live = false;
    const char *restartReason = nullptr; // translatable in context "Option"; set when !live

    bool isSocketOption() const { return phase != OptionPhase::Setting; }
    QString translatedHelp() const;
    QString translatedKernelRule() const;
    QString translatedRestartReason() const; // empty for a live option
};

const QList<OptionSpec> &optionTable();
const OptionSpec *findOption(const QString &key);
QString groupTitle(OptionGroup group);

// Kernel congestion control algorithms the running kernel offers.
QStringList availableCongestionControls();

// The congestion controls a process may set with TCP_CONGESTION. The kernel lets any algorithm
// of net.ipv4.tcp_available_congestion_control be chosen only with CAP_NET_ADMIN (over the
// socket's network namespace); without it only net.ipv4.tcp_allowed_congestion_control (which
// always holds the default). The table's choices, hence the window's menu and the CLI, are
// `settable`; the others are named with the reason in tooltips, --help and errors.
struct CongestionControlChoices
{
    QStringList settable;
    QStringList restricted; // available, but not for this process
    QString whyRestricted() const; // one sentence naming them and the rule; empty when none
};
CongestionControlChoices congestionControlChoices(const QStringList &available, const QStringList &allowed, bool mayChooseAny);
// For this process on the running kernel (read once; privileges do not change under the lab).
const CongestionControlChoices &congestionControlChoices();
// Whether this process has CAP_NET_ADMIN in the user namespace that owns its network namespace
// (root on the host, or the owner of a namespace made with unshare -rn).
bool mayChooseAnyCongestionControl();
// IP-level options exist per family: IPPROTO_IP ones only on an AF_INET socket, IPPROTO_IPV6
// ones only on an AF_INET6 socket (the lab's listener of the other family never sees them).
bool optionAppliesTo(const OptionSpec &spec, int family);
// The other family's name for the same knob ("IPV6_TCLASS" for IP_TOS...); empty when none.
QString familyCounterpart(const OptionSpec &spec);
// What "kernel default" means for an entry when the kernel reads it from a sysctl, with the
// value read now: "net.ipv6.bindv6only = 0 (off)"; empty for the others.
QString kernelDefaultNote(const OptionSpec &spec);
// A note about the entry's choices a user should read, e.g. why some are not offered; or empty.
QString choicesNote(const OptionSpec &spec);

// Parse text (CLI, settings) into a value for spec; an empty result with an error names the
// option and the allowed range. "default" or "kernel" unsets an option without a seed value.
struct ParsedValue
{
    QVariant value;  // invalid: unset
    QString error;
};
ParsedValue parseOptionValue(const OptionSpec &spec, const QString &text);
// Validate a typed value (from the UI or settings) the same way.
QString validateOptionValue(const OptionSpec &spec, const QVariant &value);
// The value as the CLI takes it ("on", "1800", "0.5", "default").
QString formatOptionValue(const OptionSpec &spec, const QVariant &value);
// The allowed range in words: "1..32767 s", "on|off", "byte|line|bin".
QString describeRange(const OptionSpec &spec);

} // namespace tcplab
