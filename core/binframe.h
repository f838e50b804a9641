// The recipe's binary message: struct '! I 2s Q 2h f' (network byte order, 22 bytes, no padding).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <array>

namespace tcplab {

struct BinFrame
{
    static constexpr int Size = 22;

    quint32 u32 = 0;
    std::array<char, 2> tag{{0, 0}};
    quint64 u64 = 0;
    qint16 i16a = 0;
    qint16 i16b = 0;
    float f32 = 0;

    QByteArray encode() const;
    // Exactly Size bytes; anything else is an error naming the length.
    static bool decode(const char *data, qsizetype size, BinFrame *out, QString *error);
    // "u32,ab,u64,i16,i16,f32" as the CLI takes it (the tag is two characters, or 4 hex digits after 0x).
    static bool parseFields(const QString &text, BinFrame *out, QString *error);
    QString toText() const;
    bool operator==(const BinFrame &) const = default;
};

// Hex string to bytes: whitespace, ':' and '-' separators and a leading 0x are allowed.
bool parseHex(const QString &text, QByteArray *out, QString *error);

} // namespace tcplab
