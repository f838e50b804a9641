#include "commandline.h"

#include <QCoreApplication>

namespace tcplab {

QList<QCommandLineOption> serverOptions()
{
    QList<QCommandLineOption> options;
    for (const OptionSpec &spec : optionTable()) {
        QString description = spec.translatedHelp();
        description += QStringLiteral(" [%1").arg(describeRange(spec));
        if (spec.seedDefault.isValid())
            description += QCoreApplication::translate("Option", "; default %1").arg(formatOptionValue(spec, spec.seedDefault));
        else if (const QString kernel = kernelDefaultNote(spec); !kernel.isEmpty())
            description += QCoreApplication::translate("Option", "; default: kernel's, %1").arg(kernel);
        else if (spec.isSocketOption())
            description += QCoreApplication::translate("Option", "; default: kernel's");
        description += QLatin1Char(']');
        if (spec.isSocketOption())
            description += QStringLiteral(" %1, %2").arg(spec.name, spec.manPage);
        if (const QString note = choicesNote(spec); !note.isEmpty())
            description += QStringLiteral(". ") + note;
        if (spec.live)
            description += QCoreApplication::translate("Option", " (live: the window applies a change at once to a running server)");
        if (spec.kind == OptionKind::Bool && spec.key == QLatin1String("persistent")) {
            // --persistent works alone (as the examples write it) or with on/off.
            options << QCommandLineOption(spec.key, description);
            options << QCommandLineOption(QStringLiteral("persistent-mode"),
                                          QCoreApplication::translate("Option", "Same as --persistent with on|off"),
                                          QStringLiteral("on|off"));
            continue;
        }
        options << QCommandLineOption(spec.key, description, QStringLiteral("value"));
    }
    options << QCommandLineOption(QStringLiteral("raw"),
                                  QCoreApplication::translate("Option",
                                                              "Any other integer socket option, applied to the listener before listen(): "
                                                              "LEVEL:OPTNAME:VALUE (repeatable)"),
                                  QStringLiteral("level:optname:value"));
    return options;
}

void addServerOptions(QCommandLineParser &parser)
{
    parser.addOptions(serverOptions());
}

Result<ServerConfig> serverConfigFromParser(const QCommandLineParser &parser, ServerConfig config)
{
    for (const OptionSpec &spec : optionTable()) {
        if (spec.key == QLatin1String("persistent")) {
            if (parser.isSet(spec.key))
                config.setValue(spec.key, true);
            if (parser.isSet(QStringLiteral("persistent-mode"))) {
                ParsedValue v = parseOptionValue(spec, parser.value(QStringLiteral("persistent-mode")));
                if (!v.error.isEmpty())
                    return Error::message(v.error);
                config.setValue(spec.key, v.value);
            }
            continue;
        }
        if (!parser.isSet(spec.key))
            continue;
        const ParsedValue v = parseOptionValue(spec, parser.value(spec.key));
        if (!v.error.isEmpty())
            return Error::message(QStringLiteral("--%1: %2").arg(spec.key, v.error));
        config.setValue(spec.key, v.value);
    }
    QList<RawOption> raw;
    for (const QString &text : parser.values(QStringLiteral("raw"))) {
        RawOption r;
        QString error;
        if (!RawOption::parse(text, &r, &error))
            return Error::message(QStringLiteral("--raw: ") + error);
        raw << r;
    }
    if (!raw.isEmpty())
        config.setRawOptions(raw);
    return config;
}

} // namespace tcplab
