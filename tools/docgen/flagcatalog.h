// The command line as documentation sees it: every flag of the real parser (app/cliparser), in
// sections, with the option table's entry where there is one and the words a shell may offer
// as its value.
#pragma once

#include "optiontable.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tcplab::docgen {

enum class ValueCompletion {
    None,        // a switch, or a free value
    Words,       // one of FlagDoc::words
    Files,
    Congestion,  // the running kernel's list, read when the user presses Tab
    Experiments, // FlagDoc::words: the registry's names and "list"
    Languages,   // FlagDoc::words: en and the build's translations
};

struct FlagDoc
{
    QStringList names;       // as the parser has them: "h", "help"
    QString valueName;       // empty for a switch
    QString description;     // what --help prints
    const OptionSpec *spec = nullptr;
    ValueCompletion completion = ValueCompletion::None;
    QStringList words;

    QString longName() const;            // "keepidle"
    QStringList spelled() const;         // "-h", "--help"
};

struct FlagSection
{
    QString title;
    QList<FlagDoc> flags;
};

// Every flag of addCommandLineOptions(), each once, in the table's order within its group.
QList<FlagSection> flagSections(const QStringList &languages);
QList<FlagDoc> allFlags(const QStringList &languages);

} // namespace tcplab::docgen
