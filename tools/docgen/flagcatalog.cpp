#include "flagcatalog.h"

#include "cliparser.h"
#include "experiments/experiment.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <netinet/in.h>
#include <netinet/tcp.h>

namespace tcplab::docgen {

QString FlagDoc::longName() const
{
    for (const QString &n : names) {
        if (n.size() > 1)
            return n;
    }
    return names.value(0);
}

QStringList FlagDoc::spelled() const
{
    QStringList out;
    for (const QString &n : names) {
        if (n == QLatin1String("?"))
            continue; // -? is --help again; shells glob it
        out << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    }
    return out;
}

namespace {

void classifyValue(FlagDoc &flag, const QStringList &languages)
{
    if (flag.valueName.isEmpty())
        return;
    const QString name = flag.longName();
    if (flag.spec) {
        if (flag.spec->level == IPPROTO_TCP && flag.spec->optname == TCP_CONGESTION) {
            flag.completion = ValueCompletion::Congestion;
        } else if (flag.spec->kind == OptionKind::Choice) {
            flag.completion = ValueCompletion::Words;
            flag.words = flag.spec->choices;
        } else if (flag.spec->kind == OptionKind::Bool) {
            flag.completion = ValueCompletion::Words;
            flag.words = {QStringLiteral("on"), QStringLiteral("off")};
        }
        return;
    }
    if (name == QLatin1String("experiment")) {
        flag.completion = ValueCompletion::Experiments;
        flag.words = ExperimentRegistry::names() << QStringLiteral("list");
    } else if (name == QLatin1String("lang")) {
        flag.completion = ValueCompletion::Languages;
        flag.words = QStringList{QStringLiteral("en")} + languages;
    } else if (flag.valueName == QLatin1String("file")) {
        flag.completion = ValueCompletion::Files;
    } else if (static const QRegularExpression words(QStringLiteral("^[a-z]+(\\|[a-z]+)+$")); words.match(flag.valueName).hasMatch()) {
        flag.completion = ValueCompletion::Words;
        flag.words = flag.valueName.split(QLatin1Char('|'));
    }
}

} // namespace

QList<FlagSection> flagSections(const QStringList &languages)
{
    QCommandLineParser parser;
    const CommandLineOptions options = addCommandLineOptions(parser);
    auto docOf = [&languages](const QCommandLineOption &o, const OptionSpec *spec) {
        FlagDoc flag;
        flag.names = o.names();
        flag.valueName = o.valueName();
        flag.description = o.description();
        flag.spec = spec;
        classifyValue(flag, languages);
        return flag;
    };

    FlagSection generalSection{QStringLiteral("General"), {}};
    for (const QCommandLineOption &o : options.general) {
        generalSection.flags << docOf(o, nullptr);
        // Qt's addHelpOption() also adds --help-all without returning it; --help lists it.
        if (o.names().contains(QLatin1String("help")))
            generalSection.flags << docOf(QCommandLineOption(QStringLiteral("help-all"),
                                                             QStringLiteral("Displays help including Qt specific options.")),
                                          nullptr);
    }
    QList<FlagSection> groups; // the table's groups, in table order
    QList<OptionGroup> groupOrder;
    FlagSection serverOther{QStringLiteral("Server: other flags"), {}};
    for (const QCommandLineOption &o : options.server) {
        const OptionSpec *spec = findOption(o.names().constFirst());
        if (!spec) {
            serverOther.flags << docOf(o, nullptr);
            continue;
        }
        qsizetype index = groupOrder.indexOf(spec->group);
        if (index < 0) {
            groupOrder << spec->group;
            groups << FlagSection{QStringLiteral("Server: ") + groupTitle(spec->group), {}};
            index = groups.size() - 1;
        }
        groups[index].flags << docOf(o, spec);
    }
    FlagSection clientSection{QStringLiteral("Client (--send, --bin)"), {}};
    for (const QCommandLineOption &o : options.client)
        clientSection.flags << docOf(o, nullptr);
    FlagSection wireSection{QStringLiteral("Wire (--wire)"), {}};
    for (const QCommandLineOption &o : options.wire)
        wireSection.flags << docOf(o, nullptr);
    QList<FlagSection> out{generalSection};
    out << groups << serverOther << clientSection << wireSection;
    out.removeIf([](const FlagSection &s) { return s.flags.isEmpty(); });
    return out;
}

QList<FlagDoc> allFlags(const QStringList &languages)
{
    QList<FlagDoc> out;
    for (const FlagSection &s : flagSections(languages))
        out << s.flags;
    return out;
}

} // namespace tcplab::docgen
