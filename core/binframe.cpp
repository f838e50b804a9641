#include "binframe.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("BinFrame", text); }
} // namespace

QByteArray BinFrame::encode() const
{
    QByteArray out(Size, Qt::Uninitialized);
    char *p = out.data();
    qToBigEndian(u32, p);
    p[4] = tag[0];
    p[5] = tag[1];
    qToBigEndian(u64, p + 6);
    qToBigEndian(i16a, p + 14);
    qToBigEndian(i16b, p + 16);
    quint32 bits;
    std::memcpy(&bits, &f32, sizeof(bits));
    qToBigEndian(bits, p + 18);
    return out;
}

bool BinFrame::decode(const char *data, qsizetype size, BinFrame *out, QString *error)
{
    if (size != Size) {
        *error = size < Size ? tr("short frame: %1 of %2 bytes").arg(size).arg(Size)
                             : tr("over-long frame: %1 bytes, expected %2").arg(size).arg(Size);
        return false;
    }
    out->u32 = qFromBigEndian<quint32>(data);
    out->tag = {data[4], data[5]};
    out->u64 = qFromBigEndian<quint64>(data + 6);
    out->i16a = qFromBigEndian<qint16>(data + 14);
    out->i16b = qFromBigEndian<qint16>(data + 16);
    const quint32 bits = qFromBigEndian<quint32>(data + 18);
    std::memcpy(&out->f32, &bits, sizeof(bits));
    return true;
}

bool BinFrame::parseFields(const QString &text, BinFrame *out, QString *error)
{
    const QStringList f = text.split(QLatin1Char(','));
    if (f.size() != 6) {
        *error = tr("a Bin frame takes 6 comma-separated fields u32,tag,u64,i16,i16,f32; got %1").arg(f.size());
        return false;
    }
    bool ok = false;
    BinFrame b;
    b.u32 = f[0].trimmed().toUInt(&ok, 0);
    if (!ok) { *error = tr("field 1 (u32): '%1' is not 0..4294967295").arg(f[0]); return false; }
    const QString tag = f[1];
    if (tag.startsWith(QLatin1String("0x")) && tag.size() == 6) {
        QByteArray bytes;
        QString hexError;
        if (!parseHex(tag, &bytes, &hexError) || bytes.size() != 2) { *error = tr("field 2 (tag): %1").arg(hexError); return false; }
        b.tag = {bytes[0], bytes[1]};
    } else {
        const QByteArray latin = tag.toLatin1();
        if (latin.size() != 2) { *error = tr("field 2 (tag): '%1' is not exactly 2 characters").arg(tag); return false; }
        b.tag = {latin[0], latin[1]};
    }
    b.u64 = f[2].trimmed().toULongLong(&ok, 0);
    if (!ok) { *error = tr("field 3 (u64): '%1' is not an unsigned 64-bit number").arg(f[2]); return false; }
    const int a = f[3].trimmed().toInt(&ok, 0);
    if (!ok || a < -32768 || a > 32767) { *error = tr("field 4 (i16): '%1' is not -32768..32767").arg(f[3]); return false; }
    b.i16a = qint16(a);
    const int c = f[4].trimmed().toInt(&ok, 0);
    if (!ok || c < -32768 || c > 32767) { *error = tr("field 5 (i16): '%1' is not -32768..32767").arg(f[4]); return false; }
    b.i16b = qint16(c);
    b.f32 = f[5].trimmed().toFloat(&ok);
    if (!ok) { *error = tr("field 6 (f32): '%1' is not a number").arg(f[5]); return false; }
    *out = b;
    return true;
}

QString BinFrame::toText() const
{
    const QByteArray t(tag.data(), 2);
    return QStringLiteral("(u32=%1, tag=%2, u64=%3, i16=%4, i16=%5, f32=%6)")
        .arg(u32)
        .arg(QString::fromLatin1(t.toHex()))
        .arg(u64)
        .arg(i16a)
        .arg(i16b)
        .arg(double(f32));
}

bool parseHex(const QString &text, QByteArray *out, QString *error)
{
    QByteArray digits;
    digits.reserve(text.size());
    int start = 0;
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1String("0x")) || t.startsWith(QLatin1String("0X")))
        start = 2;
    for (int i = start; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('-'))
            continue;
        const char l = c.toLatin1();
        const bool hex = (l >= '0' && l <= '9') || (l >= 'a' && l <= 'f') || (l >= 'A' && l <= 'F');
        if (!hex) {
            *error = tr("'%1' at position %2 is not a hex digit").arg(c).arg(i + 1);
            return false;
        }
        digits.append(l);
    }
    if (digits.size() % 2) {
        *error = tr("odd number of hex digits (%1): every byte needs two").arg(digits.size());
        return false;
    }
    *out = QByteArray::fromHex(digits);
    return true;
}

} // namespace tcplab
