#include "optionlabel.h"

#include <QCoreApplication>

namespace tcplab {

namespace {

// Only for lupdate: the table's setting names, so that translators see them. A name missing
// here simply shows untranslated.
[[maybe_unused]] const char *const kSettingNames[] = {
    QT_TRANSLATE_NOOP("OptionName", "Host"),
    QT_TRANSLATE_NOOP("OptionName", "Port"),
    QT_TRANSLATE_NOOP("OptionName", "listen backlog"),
    QT_TRANSLATE_NOOP("OptionName", "re-arm TCP_QUICKACK"),
    QT_TRANSLATE_NOOP("OptionName", "idle timeout"),
    QT_TRANSLATE_NOOP("OptionName", "handler"),
    QT_TRANSLATE_NOOP("OptionName", "persistent"),
    QT_TRANSLATE_NOOP("OptionName", "Byte recv size"),
    QT_TRANSLATE_NOOP("OptionName", "Line limit"),
    QT_TRANSLATE_NOOP("OptionName", "Bin reply"),
    QT_TRANSLATE_NOOP("OptionName", "concurrency mode"),
    QT_TRANSLATE_NOOP("OptionName", "thread cap"),
    QT_TRANSLATE_NOOP("OptionName", "log level"),
};

} // namespace

QString optionLabel(const OptionSpec &spec)
{
    if (spec.isSocketOption())
        return spec.name;
    const QByteArray name = spec.name.toUtf8();
    return QCoreApplication::translate("OptionName", name.constData());
}

} // namespace tcplab
