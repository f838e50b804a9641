// The label a control shows for a table entry: kernel names (SO_*, TCP_*, IP_*) stay as the man
// pages spell them; the names of the lab's own settings are translated.
#pragma once

#include "optiontable.h"

namespace tcplab {

QString optionLabel(const OptionSpec &spec);

} // namespace tcplab
