#include "manpagewriter.h"

#include "cliparser.h"
#include "flagcatalog.h"
#include "experiments/experiment.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace tcplab::docgen {

namespace {

// roff: a backslash is the escape character, and a line starting with . or ' is a request.
QString escaped(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\e"));
    QStringList lines = out.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
            line.prepend(QLatin1String("\\&"));
    }
    return lines.join(QLatin1Char('\n'));
}

// A flag's spelling: a real minus sign, so that copying from the rendered page works.
QString flagName(const QString &spelled)
{
    QString out = spelled;
    return out.replace(QLatin1Char('-'), QLatin1String("\\-"));
}

QString levelName(int level)
{
    switch (level) {
    case SOL_SOCKET: return QStringLiteral("SOL_SOCKET");
    case IPPROTO_TCP: return QStringLiteral("IPPROTO_TCP");
    case IPPROTO_IP: return QStringLiteral("IPPROTO_IP");
    }
    return QString::number(level);
}

QString unitName(const QString &unit)
{
    if (unit == QLatin1String("s"))
        return QStringLiteral("seconds");
    if (unit == QLatin1String("ms"))
        return QStringLiteral("milliseconds");
    return unit;
}

QString phaseText(OptionPhase phase)
{
    switch (phase) {
    case OptionPhase::BeforeBind: return QStringLiteral("set on the listener before bind()");
    case OptionPhase::BeforeListen: return QStringLiteral("set on the listener before listen()");
    case OptionPhase::Setting: break;
    }
    return {};
}

// "tcp(7)" as a man cross-reference: \fBtcp\fR(7).
QString manReference(const QString &page)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9_.-]+)\\(([0-9a-z]+)\\)$"));
    const QRegularExpressionMatch m = re.match(page);
    if (!m.hasMatch())
        return escaped(page);
    return QStringLiteral("\\fB%1\\fR(%2)").arg(m.captured(1), m.captured(2));
}

QString tableDetails(const OptionSpec &spec)
{
    QStringList facts;
    if (spec.level == IPPROTO_TCP && spec.optname == TCP_CONGESTION) {
        // The choices are the running kernel's, not the build machine's.
        facts << QStringLiteral("Values: an algorithm of /proc/sys/net/ipv4/tcp_available_congestion_control "
                                "(without CAP_NET_ADMIN: of tcp_allowed_congestion_control)");
    } else {
        facts << QStringLiteral("Range: %1").arg(describeRange(spec));
    }
    if (spec.seedDefault.isValid())
        facts << QStringLiteral("default: %1").arg(formatOptionValue(spec, spec.seedDefault));
    else if (spec.isSocketOption())
        facts << QStringLiteral("default: the kernel's (not set)");
    if (!spec.unit.isEmpty())
        facts << QStringLiteral("unit: %1").arg(unitName(spec.unit));
    QString out = escaped(facts.join(QLatin1String("; "))) + QLatin1String(".\n");
    if (spec.isSocketOption()) {
        out += QStringLiteral(".br\nSocket option \\fB%1\\fR at level %2, %3%4.\n")
                   .arg(escaped(spec.name), levelName(spec.level), phaseText(spec.phase),
                        spec.perConnection ? QStringLiteral(" and again on every accepted socket") : QString());
    }
    if (spec.live)
        out += QStringLiteral(".br\nChanged while the server runs (in the window), it applies at once to the listener and to every open connection.\n");
    else if (spec.restartReason)
        out += QStringLiteral(".br\nChanged while the server runs, it applies on restart: %1.\n").arg(escaped(QString::fromUtf8(spec.restartReason)));
    if (!spec.manPage.isEmpty())
        out += QStringLiteral(".br\nSee %1.\n").arg(manReference(spec.manPage));
    out += QStringLiteral(".br\n") + escaped(QString::fromUtf8(spec.kernelRule)) + QLatin1Char('\n');
    return out;
}

QString flagEntry(const FlagDoc &flag)
{
    QStringList names;
    for (const QString &n : flag.spelled())
        names << QStringLiteral("\\fB%1\\fR").arg(flagName(n));
    QString tag = names.join(QLatin1String(", "));
    if (!flag.valueName.isEmpty())
        tag += QStringLiteral(" \\fI%1\\fR").arg(escaped(flag.valueName));
    QString out = QStringLiteral(".TP\n%1\n").arg(tag);
    if (flag.spec) {
        out += escaped(QString::fromUtf8(flag.spec->help)) + QLatin1String(".\n");
        out += QStringLiteral(".br\n") + tableDetails(*flag.spec);
    } else {
        out += escaped(flag.description) + QLatin1Char('\n');
    }
    return out;
}

QString experimentsSection()
{
    QString out = QStringLiteral(".SH EXPERIMENTS\n"
                                 "\\fB\\-\\-experiment\\fR \\fINAME\\fR runs one guided experiment on loopback or in a private "
                                 "network namespace and prints what it measured (\\fB\\-\\-json\\fR for JSON); "
                                 "\\fB\\-\\-experiment list\\fR names them.\n");
    for (const ExperimentInfo &e : ExperimentRegistry::all())
        out += QStringLiteral(".TP\n\\fB%1\\fR \\(em %2\n%3\n").arg(escaped(e.name), escaped(e.title), escaped(e.explanation));
    return out;
}

QString wireSection()
{
    // The grammar of core/wire/wirespec.cpp; docs/wire.md has the full table.
    return QStringLiteral(
        ".SH WIRE SPEC\n"
        "\\fB\\-\\-wire\\fR \\fISPEC\\fR runs the lab's server and client on the two sides of an emulated path "
        "(two network namespaces in a user namespace of its own, addresses in 198.18.0.0/15). "
        "\\fISPEC\\fR is comma-separated \\fIkey\\fR=\\fIvalue\\fR items applied left to right; "
        "an item applies to both directions unless prefixed with \\fBc2s.\\fR or \\fBs2c.\\fR (for one direction). An empty spec is a clean wire.\n"
        ".TP\n\\fBdelay=\\fR\\fITIME\\fR\nOne-way delay; \\fITIME\\fR needs a unit: us, ms or s (at most 3600 s).\n"
        ".TP\n\\fBjitter=\\fR\\fITIME\\fR[\\fB:uniform\\fR|\\fB:normal\\fR][\\fB:unordered\\fR]\n"
        "Delay variation; keeps packet order unless :unordered.\n"
        ".TP\n\\fBloss=\\fR\\fIPERCENT\\fR%\nRandom loss, 0% to 100%.\n"
        ".TP\n\\fBloss=gemodel:\\fR\\fIP\\fR[/\\fIR\\fR[/\\fI1-H\\fR[/\\fI1-K\\fR]]]\n"
        "Gilbert-Elliott burst loss in percent, as \\fBtc-netem\\fR(8).\n"
        ".TP\n\\fBduplicate=\\fR\\fIPERCENT\\fR%, \\fBreorder=\\fR\\fIPERCENT\\fR%\n"
        "Deliver a copy too; let a packet overtake the one before it.\n"
        ".TP\n\\fBrate=\\fR\\fIRATE\\fR\nBandwidth in \\fBtc\\fR(8) units: bit, kbit, mbit, gbit (bits/s), kibit..., "
        "bps, kbps, mbps (bytes/s); a unit is required; 0bit is unlimited.\n"
        ".TP\n\\fBlimit=\\fR\\fIPACKETS\\fR\nThe rate limiter's drop-tail queue, 1 to 1000000 (default 1000).\n"
        ".TP\n\\fBcut\\fR, \\fBcut=on\\fR, \\fBcut=off\\fR, \\fBcut=\\fR\\fISTART\\fR+\\fILENGTH\\fR\n"
        "Drop everything now, stop dropping, or drop for \\fILENGTH\\fR from \\fISTART\\fR after the spec applies.\n"
        ".TP\n\\fBdrop=\\fR\\fIDIR\\fR:\\fIMATCH\\fR[#\\fIN\\fR][*\\fICOUNT\\fR]\n"
        "Drop the \\fIN\\fRth (default first) packet of direction \\fIDIR\\fR (c2s or s2c) matching \\fIMATCH\\fR "
        "(syn, syn-ack, ack-of-handshake, data, pure-ack, fin, rst) and \\fICOUNT\\fR\\-1 more; repeatable.\n"
        ".PP\nThe wire needs unprivileged user namespaces (\\fBuser_namespaces\\fR(7)); no setuid helper is used. "
        "Where they are disabled (kernel.unprivileged_userns_clone=0, user.max_user_namespaces=0, or an AppArmor "
        "restriction such as kernel.apparmor_restrict_unprivileged_userns=1), \\fB\\-\\-wire\\fR and the experiments "
        "that need a namespace say so in one line and exit 1 (experiments: skip).\n");
}

} // namespace

QString manPage(const QString &version)
{
    QString out;
    out += QStringLiteral(".\\\" Generated by tcplab-docgen from the option table (core/optiontable.cpp) and the parser; do not edit.\n");
    out += QStringLiteral(".TH TCPLAB 1 \"\" \"TCP Lab %1\" \"User Commands\"\n.nh\n.ad l\n").arg(escaped(version));
    out += QStringLiteral(".SH NAME\ntcplab \\- TCP socket option lab: a real server, a client, and what the kernel did\n");
    out += QStringLiteral(".SH SYNOPSIS\n"
                          ".B tcplab\n[\\fIOPTION\\fR]...\n.br\n"
                          ".B tcplab \\-\\-headless\n[\\fIOPTION\\fR]...\n.br\n"
                          ".B tcplab \\-\\-send\n\\fITEXT\\fR [\\fIOPTION\\fR]...\n.br\n"
                          ".B tcplab \\-\\-experiment\n\\fINAME\\fR|\\fBlist\\fR [\\fB\\-\\-json\\fR]\n.br\n"
                          ".B tcplab \\-\\-wire\n\\fISPEC\\fR \\fB\\-\\-send\\fR \\fITEXT\\fR|\\fB\\-\\-headless\\fR [\\fIOPTION\\fR]...\n");
    out += QStringLiteral(".SH DESCRIPTION\n");
    for (const QString &paragraph : applicationDescription().split(QLatin1Char('\n')))
        out += escaped(paragraph) + QStringLiteral("\n.PP\n");
    out += QStringLiteral("Without \\fB\\-\\-headless\\fR, \\fB\\-\\-send\\fR, \\fB\\-\\-bin\\fR or \\fB\\-\\-experiment\\fR "
                          "it opens the lab window; with no display it starts the headless server instead. "
                          "The server flags below are the option table the window shows; on the window's command line "
                          "they override the saved settings for that run.\n");
    out += QStringLiteral(".SH OPTIONS\n");
    for (const FlagSection &section : flagSections({})) {
        out += QStringLiteral(".SS %1\n").arg(escaped(section.title));
        for (const FlagDoc &flag : section.flags)
            out += flagEntry(flag);
    }
    out += experimentsSection();
    out += wireSection();
    out += QStringLiteral(
        ".SH EXIT STATUS\n"
        ".TP\n\\fB0\\fR\nDone: the exchange completed, the server stopped on SIGINT/SIGTERM, or the experiment "
        "completed or was skipped (the reason is printed).\n"
        ".TP\n\\fB1\\fR\nThe server could not start or stopped by itself, the exchange failed, the wire could not be "
        "set up, or the experiment failed.\n"
        ".TP\n\\fB2\\fR\nBad flags or values (one line on stderr names the flag and its range), a bad wire spec, "
        "or an unknown experiment.\n"
        ".TP\n\\fB130\\fR\nAn experiment cancelled by SIGINT or SIGTERM.\n");
    out += QStringLiteral(
        ".SH FILES\n"
        ".TP\n\\fI$XDG_CONFIG_HOME/%1/%2.conf\\fR (default \\fI~/.config/%1/%2.conf\\fR)\n"
        "The window's saved settings (QSettings); the headless server and the client ignore it.\n"
        ".TP\n\\fI/usr/share/tcplab/translations/\\fR\n"
        "Translations (tcplab_LOCALE.qm), found relative to the binary (\\fI../share/tcplab/translations\\fR), "
        "so any installation prefix works.\n")
               .arg(QString::fromLatin1(kOrganizationName), QString::fromLatin1(kApplicationName));
    out += QStringLiteral(
        ".SH EXAMPLES\n"
        ".TP\n\\fBtcplab \\-\\-headless \\-\\-port 0 \\-\\-mode event \\-\\-keepidle 60\\fR\n"
        "The epoll server on a free port with a 60 s keep-alive idle time; it prints the option read-back "
        "and \\(lqlistening on 127.0.0.1:PORT\\(rq.\n"
        ".TP\n\\fBtcplab \\-\\-send hello \\-\\-port 9999 \\-\\-repeat 100\\fR\n"
        "100 exchanges with the server on port 9999 and their round-trip distribution.\n"
        ".TP\n\\fBtcplab \\-\\-experiment nagle \\-\\-json\\fR\n"
        "The Nagle and delayed-ACK experiment, as JSON.\n"
        ".TP\n\\fBtcplab \\-\\-wire delay=20ms,loss=1% \\-\\-send hello \\-\\-ladder\\fR\n"
        "One exchange across an emulated 20 ms, 1% loss path, with every packet printed.\n"
        ".TP\n\\fBtcplab \\-\\-lang zh_CN \\-\\-help\\fR\n"
        "The help in Chinese.\n");
    QStringList pages;
    for (const OptionSpec &spec : optionTable()) {
        if (!spec.manPage.isEmpty() && !pages.contains(spec.manPage))
            pages << spec.manPage;
    }
    pages << QStringLiteral("tc-netem(8)") << QStringLiteral("user_namespaces(7)") << QStringLiteral("ss(8)");
    std::sort(pages.begin(), pages.end());
    QStringList refs;
    for (const QString &p : pages)
        refs << manReference(p);
    out += QStringLiteral(".SH SEE ALSO\n") + refs.join(QLatin1String(",\n")) + QLatin1Char('\n');
    return out;
}

} // namespace tcplab::docgen
