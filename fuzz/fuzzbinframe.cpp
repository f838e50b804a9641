// Harnesses for the client-side parsers: parseHex and BinFrame::parseFields (binframe.cpp only).
#include "fuzztargets.h"

#include "binframe.h"

#include <QByteArray>
#include <QString>

#include <cctype>

namespace tcplab::fuzz {

const char *hexParser(const uint8_t *data, size_t size)
{
    const char *raw = reinterpret_cast<const char *>(data);
    for (const QString &text : {QString::fromUtf8(raw, qsizetype(size)), QString::fromLatin1(raw, qsizetype(size))}) {
        QByteArray bytes;
        QString error;
        const bool ok = parseHex(text, &bytes, &error);
        if (!ok) {
            if (error.isEmpty())
                return "hex: refused without a reason";
            continue;
        }
        QByteArray again;
        if (!parseHex(QString::fromLatin1(bytes.toHex()), &again, &error) || again != bytes)
            return "hex: parse(toHex(parse(x))) differs";
        // Every hex digit counted once: two per byte.
        qsizetype digits = 0;
        const QString t = text.trimmed();
        for (qsizetype i = (t.startsWith(QLatin1String("0x")) || t.startsWith(QLatin1String("0X"))) ? 2 : 0; i < t.size(); ++i)
            digits += isxdigit(static_cast<unsigned char>(t[i].toLatin1())) && t[i].unicode() < 128 ? 1 : 0;
        if (digits != 2 * bytes.size())
            return "hex: byte count does not match the digits";
    }
    return nullptr;
}

const char *binFields(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    BinFrame frame;
    QString error;
    if (!BinFrame::parseFields(text, &frame, &error))
        return error.isEmpty() ? "fields: refused without a reason" : nullptr;
    const QByteArray bytes = frame.encode();
    BinFrame back;
    if (bytes.size() != BinFrame::Size || !BinFrame::decode(bytes.constData(), bytes.size(), &back, &error) || back.encode() != bytes)
        return "fields: encode/decode round trip failed";
    (void)frame.toText();
    return nullptr;
}

} // namespace tcplab::fuzz
