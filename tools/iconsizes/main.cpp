// tcplab-iconsizes SOURCE.png OUTDIR SIZE...: writes OUTDIR/SIZExSIZE/apps/tcplab.png for each
// size, scaled smoothly from SOURCE (Qt's SVG module is not a dependency of the project).
#include <QCoreApplication>
#include <QDir>
#include <QImage>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: tcplab-iconsizes SOURCE.png OUTDIR SIZE...\n");
        return 2;
    }
    const QImage source(args.at(1));
    if (source.isNull()) {
        std::fprintf(stderr, "tcplab-iconsizes: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    for (const QString &text : args.mid(3)) {
        bool ok = false;
        const int size = text.toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            std::fprintf(stderr, "tcplab-iconsizes: bad size '%s'\n", qPrintable(text));
            return 2;
        }
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2), QString::number(size));
        const QImage scaled = source.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (!QDir().mkpath(dir) || !scaled.save(dir + QStringLiteral("/tcplab.png"))) {
            std::fprintf(stderr, "tcplab-iconsizes: cannot write %s/tcplab.png\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
