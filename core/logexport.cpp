#include "logexport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>
#include <QTextStream>

#include <functional>

namespace tcplab {

QString csvField(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvHeader()
{
    return QStringLiteral("time,level,kind,connection,peer,text,data_text,data_hex");
}

QString csvRow(const ServerEvent &e)
{
    const QStringList fields{
        QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODateWithMs),
        levelName(e.level),
        eventKindName(e.kind),
        e.connectionId ? QString::number(e.connectionId) : QString(),
        e.peer,
        e.text,
        printableData(e.data, int(e.data.size())),
        QString::fromLatin1(e.data.toHex()),
    };
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted << csvField(f);
    return quoted.join(QLatin1Char(','));
}

namespace {

Error writeLines(const QString &path, const QString &header, const QList<ServerEvent> &events,
                 const std::function<QString(const ServerEvent &)> &render)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::message(QCoreApplication::translate("LogExport", "cannot write %1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    if (!header.isEmpty())
        out << header << '\n';
    for (const ServerEvent &e : events)
        out << render(e) << '\n';
    out.flush();
    if (!file.commit())
        return Error::message(QCoreApplication::translate("LogExport", "cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

Error writeLogText(const QString &path, const QList<ServerEvent> &events, DataFormat format)
{
    return writeLines(path, {}, events, [format](const ServerEvent &e) { return e.toText(format); });
}

Error writeLogCsv(const QString &path, const QList<ServerEvent> &events)
{
    return writeLines(path, csvHeader(), events, [](const ServerEvent &e) { return csvRow(e); });
}

} // namespace tcplab
