// Shell completion scripts from the parser and the option table: every flag, and the words a
// flag's value may be (the congestion controls are read from the kernel at completion time).
#pragma once

#include <QString>
#include <QStringList>

namespace tcplab::docgen {

QString bashCompletion(const QStringList &languages);
QString zshCompletion(const QStringList &languages);

} // namespace tcplab::docgen
