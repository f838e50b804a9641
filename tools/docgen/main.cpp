// tcplab-docgen: writes the man page and the shell completions at build time from the same
// parser and option table the program uses, so they list exactly what `tcplab --help` lists.
//
//   tcplab-docgen man|bash|zsh OUTPUT [LANGUAGE...]
//
// LANGUAGE: the locales the build translates to (the completion's --lang values).
#include "cliparser.h"
#include "completionwriter.h"
#include "manpagewriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: tcplab-docgen man|bash|zsh OUTPUT [LANGUAGE...]\n");
        return 2;
    }
    const QString what = args.at(1);
    const QStringList languages = args.mid(3);
    QString text;
    if (what == QLatin1String("man"))
        text = tcplab::docgen::manPage(QStringLiteral(TCPLAB_VERSION));
    else if (what == QLatin1String("bash"))
        text = tcplab::docgen::bashCompletion(languages);
    else if (what == QLatin1String("zsh"))
        text = tcplab::docgen::zshCompletion(languages);
    else {
        std::fprintf(stderr, "tcplab-docgen: unknown output '%s' (man, bash or zsh)\n", qPrintable(what));
        return 2;
    }
    QSaveFile out(args.at(2));
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        std::fprintf(stderr, "tcplab-docgen: cannot write %s: %s\n", qPrintable(args.at(2)), qPrintable(out.errorString()));
        return 1;
    }
    return 0;
}
