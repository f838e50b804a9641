// Harnesses for the wire's parsers: the spec grammar (wirespec.cpp) and the packet decoder.
#include "fuzztargets.h"

#include "wire/wirespec.h"

#include <QString>

namespace tcplab::fuzz {

const char *wireSpec(const uint8_t *data, size_t size)
{
    using tcplab::wire::WireSpec;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<WireSpec> parsed = WireSpec::parse(text);
    if (!parsed.ok()) {
        const QString &message = parsed.error().text();
        if (!message.startsWith(QLatin1String("wire spec: ")))
            return "wire spec: an error without the \"wire spec: \" prefix";
        if (message.contains(QLatin1Char('\n')) || message.contains(QLatin1Char('\r')))
            return "wire spec: an error of more than one line";
        if (message.size() > 400)
            return "wire spec: an error longer than 400 characters";
        return nullptr;
    }
    const QString canonical = parsed.value().toString();
    const Result<WireSpec> again = WireSpec::parse(canonical);
    if (!again.ok())
        return "wire spec: the canonical form of an accepted spec is refused";
    if (!(again.value() == parsed.value()))
        return "wire spec: parse(toString(x)) != x";
    if (again.value().toString() != canonical)
        return "wire spec: the canonical form is not a fixed point";
    return nullptr;
}

} // namespace tcplab::fuzz
