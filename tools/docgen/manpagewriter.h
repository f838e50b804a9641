// The man page tcplab.1 in roff, from the parser and the option table.
#pragma once

#include <QString>

namespace tcplab::docgen {

QString manPage(const QString &version);

} // namespace tcplab::docgen
