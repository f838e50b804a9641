// The installed tree (issue 15): the fixture tst_install_tree runs `cmake --install --strip`
// into a fresh DESTDIR (TCPLAB_INSTALL_ROOT, prefix /usr); this test checks what landed there
// and runs the INSTALLED binary, without the build tree in its environment. The flag list comes
// from that binary's --help, so the man page and the completion are checked against what the
// program really accepts.
#include "optiontable.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <netinet/in.h>
#include <netinet/tcp.h>

using namespace tcplab;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    bool finished = false;
};

// The installed program's environment: no path into the build tree, no display.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LD_LIBRARY_PATH", "TCPLAB_BINARY", "DISPLAY", "WAYLAND_DISPLAY", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(), int timeoutMs = 10000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QDir::tempPath());
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(5000))
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(3000);
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool haveProgram(const QString &name)
{
    return !QStandardPaths::findExecutable(name).isEmpty();
}

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT

private:
    QString m_prefix;
    QString m_binary;
    QStringList m_flags; // every spelling --help lists: "-h", "--help", "--keepidle", ...
    QString m_help;

    QString installed(const QString &relative) const { return m_prefix + QLatin1Char('/') + relative; }

    QString metainfoFile() const
    {
        const QStringList files = QDir(installed(QStringLiteral("share/metainfo"))).entryList({QStringLiteral("*.metainfo.xml")}, QDir::Files);
        return files.size() == 1 ? installed(QStringLiteral("share/metainfo/") + files.first()) : QString();
    }

    QString renderedManPage()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("200"));
        env.insert(QStringLiteral("MAN_KEEP_FORMATTING"), QString());
        env.remove(QStringLiteral("MAN_KEEP_FORMATTING"));
        const Run r = run(QStringLiteral("man"), {QStringLiteral("-l"), installed(QStringLiteral("share/man/man1/tcplab.1"))}, env);
        return r.finished && r.exitCode == 0 ? r.out : QString();
    }

    // The man page's entry of one flag: from its tag line to the next tag line or heading.
    static QString manEntry(const QString &page, const QString &flag)
    {
        const QRegularExpression tag(QStringLiteral("^ {7}(-\\S+, )*%1([ ,].*)?$").arg(QRegularExpression::escape(flag)),
                                     QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = tag.match(page);
        if (!m.hasMatch())
            return {};
        static const QRegularExpression next(QStringLiteral("^( {7}-|\\S| {3}\\S)"), QRegularExpression::MultilineOption);
        const qsizetype start = m.capturedEnd();
        const QRegularExpressionMatch n = next.match(page, start + 1);
        return page.mid(m.capturedStart(), (n.hasMatch() ? n.capturedStart() : page.size()) - m.capturedStart());
    }

private slots:
    void initTestCase()
    {
        const QString root = qEnvironmentVariable("TCPLAB_INSTALL_ROOT");
        QVERIFY2(!root.isEmpty(), "TCPLAB_INSTALL_ROOT is not set: run this test through ctest (fixture tst_install_tree)");
        m_prefix = root + QStringLiteral("/usr");
        m_binary = installed(QStringLiteral("bin/tcplab"));
        QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not an installed executable")));

        const Run help = run(m_binary, {QStringLiteral("--help")});
        QVERIFY2(help.finished && help.exitCode == 0, qPrintable(help.err));
        m_help = help.out;
        static const QRegularExpression flagLine(QStringLiteral("^  (-[A-Za-z?], )?(--[a-z0-9-]+)"), QRegularExpression::MultilineOption);
        for (auto it = flagLine.globalMatch(m_help); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength(1) && !m.captured(1).startsWith(QLatin1String("-?")))
                m_flags << m.captured(1).chopped(2);
            m_flags << m.captured(2);
        }
        // A sanity floor, not the list: the table alone has more than 30 entries.
        QVERIFY2(m_flags.size() > 40, qPrintable(m_help));
    }

    void filesExist_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *p : {"bin/tcplab", "share/applications/tcplab.desktop", "share/icons/hicolor/scalable/apps/tcplab.svg",
                              "share/man/man1/tcplab.1", "share/bash-completion/completions/tcplab",
                              "share/zsh/vendor-completions/_tcplab", "share/tcplab/translations/tcplab_zh_CN.qm",
                              "share/doc/tcplab/README.Debian"})
            QTest::newRow(p) << QString::fromLatin1(p);
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            const QString p = QStringLiteral("share/icons/hicolor/%1x%1/apps/tcplab.png").arg(size);
            QTest::newRow(qPrintable(p)) << p;
        }
    }
    void filesExist()
    {
        QFETCH(QString, path);
        const QFileInfo info(installed(path));
        QVERIFY2(info.isFile() && info.size() > 0, qPrintable(info.filePath() + QStringLiteral(" is missing or empty")));
        static const QRegularExpression sized(QStringLiteral("/(\\d+)x\\1/apps/tcplab\\.png$"));
        if (const QRegularExpressionMatch m = sized.match(path); m.hasMatch()) {
            const QImage icon(info.filePath());
            QCOMPARE(icon.size(), QSize(m.captured(1).toInt(), m.captured(1).toInt()));
        }
    }

    void noBuildTreePathInBinary()
    {
#ifdef TCPLAB_SANITIZER_BUILD
        QSKIP("a sanitizer build names its source files in the binary (ASan's global metadata); the normal build checks it");
#endif
        QFile f(m_binary);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        for (const char *dir : {TCPLAB_BUILD_DIR, TCPLAB_SOURCE_DIR})
            QVERIFY2(!bytes.contains(QByteArray(dir) + '/'), qPrintable(QStringLiteral("the stripped binary names %1").arg(QString::fromUtf8(dir))));
        const Run dynamic = run(QStringLiteral("readelf"), {QStringLiteral("-d"), m_binary});
        if (dynamic.finished && dynamic.exitCode == 0)
            QVERIFY2(!dynamic.out.contains(QLatin1String("RUNPATH")) && !dynamic.out.contains(QLatin1String("RPATH")), qPrintable(dynamic.out));
    }

    void desktopFileValidates()
    {
        if (!haveProgram(QStringLiteral("desktop-file-validate")))
            QSKIP("desktop-file-validate (Debian package desktop-file-utils) is not installed; scripts/install-deps.sh installs it");
        const QString file = installed(QStringLiteral("share/applications/tcplab.desktop"));
        const Run r = run(QStringLiteral("desktop-file-validate"), {file});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.out + r.err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        // The entry starts the installed program and shows the installed icon.
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^Exec=tcplab( |$)"), QRegularExpression::MultilineOption)), qPrintable(text));
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^Icon=tcplab$"), QRegularExpression::MultilineOption)), qPrintable(text));
    }

    void metainfoValidates()
    {
        const QString file = metainfoFile();
        QVERIFY2(!file.isEmpty(), "not exactly one file under share/metainfo");
        if (!haveProgram(QStringLiteral("appstreamcli")))
            QSKIP("appstreamcli (Debian package appstream) is not installed; scripts/install-deps.sh installs it");
        const Run r = run(QStringLiteral("appstreamcli"), {QStringLiteral("validate"), QStringLiteral("--no-net"), file});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.out + r.err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString xml = QString::fromUtf8(f.readAll());
        for (const char *part : {"<description>", "<screenshot", "screenshot.png</image>", "<content_rating", "<launchable type=\"desktop-id\">tcplab.desktop<"})
            QVERIFY2(xml.contains(QLatin1String(part)), part);
        // Its release is the installed program's version.
        const Run version = run(m_binary, {QStringLiteral("--version")});
        const QString v = version.out.section(QLatin1Char(' '), -1).trimmed();
        QVERIFY2(!v.isEmpty() && xml.contains(QStringLiteral("<release version=\"%1\"").arg(v)), qPrintable(version.out));
    }

    void manPageListsEveryFlag()
    {
        if (!haveProgram(QStringLiteral("man")))
            QSKIP("man (Debian package man-db) is not installed");
        const QString page = renderedManPage();
        QVERIFY2(!page.isEmpty(), "man -l did not render the installed tcplab.1");
        for (const char *heading : {"NAME", "SYNOPSIS", "OPTIONS", "EXPERIMENTS", "WIRE SPEC", "EXIT STATUS", "FILES", "EXAMPLES", "SEE ALSO"})
            QVERIFY2(page.contains(QRegularExpression(QStringLiteral("^%1$").arg(QLatin1String(heading)), QRegularExpression::MultilineOption)), heading);
        for (const QString &flag : std::as_const(m_flags))
            QVERIFY2(!manEntry(page, flag).isEmpty(), qPrintable(flag + QStringLiteral(" has no entry in the man page")));
        // Every entry of the table with its range, default, unit and man page.
        for (const OptionSpec &spec : optionTable()) {
            const QString entry = manEntry(page, QStringLiteral("--") + spec.key);
            const QString simplified = entry.simplified();
            if (!(spec.level == IPPROTO_TCP && spec.optname == TCP_CONGESTION) && spec.kind != OptionKind::Text)
                QVERIFY2(simplified.contains(QStringLiteral("Range: ") + describeRange(spec)), qPrintable(spec.key + QLatin1Char('\n') + entry));
            if (spec.seedDefault.isValid())
                QVERIFY2(simplified.contains(QStringLiteral("default: ") + formatOptionValue(spec, spec.seedDefault)), qPrintable(spec.key + QLatin1Char('\n') + entry));
            if (!spec.manPage.isEmpty())
                QVERIFY2(simplified.contains(spec.manPage), qPrintable(spec.key + QLatin1Char('\n') + entry));
            if (spec.isSocketOption())
                QVERIFY2(simplified.contains(spec.name), qPrintable(spec.key + QLatin1Char('\n') + entry));
        }
        // The experiments the installed program knows.
        const Run list = run(m_binary, {QStringLiteral("--experiment"), QStringLiteral("list")});
        QVERIFY2(list.finished && list.exitCode == 0, qPrintable(list.err));
        static const QRegularExpression name(QStringLiteral("^([a-z][a-z0-9-]+)  "), QRegularExpression::MultilineOption);
        int experiments = 0;
        for (auto it = name.globalMatch(list.out); it.hasNext(); ++experiments) {
            const QString n = it.next().captured(1);
            QVERIFY2(page.contains(QRegularExpression(QStringLiteral("^ {7}%1 ").arg(n), QRegularExpression::MultilineOption)),
                     qPrintable(n + QStringLiteral(" is not in EXPERIMENTS")));
        }
        QVERIFY2(experiments > 0, qPrintable(list.out));
    }

    void bashCompletionOffersEveryFlag()
    {
        if (!haveProgram(QStringLiteral("bash")))
            QSKIP("bash is not installed");
        const QString script = installed(QStringLiteral("share/bash-completion/completions/tcplab"));
        auto complete = [&](const QStringList &words) {
            QString array;
            for (const QString &w : words)
                array += QLatin1Char('\'') + w + QStringLiteral("' ");
            const QString code = QStringLiteral("source '%1' || exit 3; COMP_WORDS=(%2); COMP_CWORD=%3; _tcplab; printf '%s\\n' \"${COMPREPLY[@]}\"")
                                     .arg(script, array, QString::number(words.size() - 1));
            const Run r = run(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), code});
            return r.finished && r.exitCode == 0 ? r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList{QStringLiteral("error: ") + r.err};
        };
        const QStringList offered = complete({QStringLiteral("tcplab"), QStringLiteral("-")});
        for (const QString &flag : std::as_const(m_flags))
            QVERIFY2(offered.contains(flag), qPrintable(flag + QStringLiteral(" is not offered; offered: ") + offered.join(QLatin1Char(' '))));
        for (const char *key : {"mode", "handler", "log-level"}) {
            const OptionSpec *spec = findOption(QString::fromLatin1(key));
            QVERIFY(spec);
            QStringList values = complete({QStringLiteral("tcplab"), QStringLiteral("--") + spec->key, QString()});
            QStringList expected = spec->choices;
            values.sort();
            expected.sort();
            QCOMPARE(values, expected);
        }
        // --congestion: the kernel's list, read when Tab is pressed.
        QFile available(QStringLiteral("/proc/sys/net/ipv4/tcp_available_congestion_control"));
        if (available.open(QIODevice::ReadOnly)) {
            QStringList expected = QString::fromLatin1(available.readAll()).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QStringList values = complete({QStringLiteral("tcplab"), QStringLiteral("--congestion"), QString()});
            values.sort();
            expected.sort();
            QCOMPARE(values, expected);
        }
        const QStringList experiments = complete({QStringLiteral("tcplab"), QStringLiteral("--experiment"), QString()});
        QVERIFY2(experiments.contains(QLatin1String("list")) && experiments.contains(QLatin1String("nagle")), qPrintable(experiments.join(QLatin1Char(' '))));
    }

    void installedBinaryServesAndSends()
    {
        QProcess server;
        server.setProcessEnvironment(cleanEnvironment());
        server.start(m_binary, {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--host"),
                                QStringLiteral("127.0.0.1")});
        QVERIFY2(server.waitForStarted(5000), qPrintable(server.errorString()));
        QByteArray out;
        static const QRegularExpression listening(QStringLiteral("^listening on 127\\.0\\.0\\.1:(\\d+)$"), QRegularExpression::MultilineOption);
        QRegularExpressionMatch m;
        QDeadlineTimer deadline(10000);
        while (!(m = listening.match(QString::fromUtf8(out))).hasMatch() && !deadline.hasExpired()
               && server.state() == QProcess::Running) {
            server.waitForReadyRead(100);
            out += server.readAllStandardOutput();
        }
        QVERIFY2(m.hasMatch(), qPrintable(QString::fromUtf8(out + server.readAllStandardError())));
        const Run send = run(m_binary, {QStringLiteral("--send"), QStringLiteral("hello"), QStringLiteral("--port"), m.captured(1)});
        server.terminate();
        const bool stopped = server.waitForFinished(5000);
        if (!stopped) {
            server.kill();
            server.waitForFinished(3000);
        }
        QVERIFY2(send.finished && send.exitCode == 0, qPrintable(send.out + send.err));
        QVERIFY2(send.out.contains(QLatin1String("reply: 'HELLO'")), qPrintable(send.out));
        QVERIFY2(stopped && server.exitCode() == 0, "the installed headless server did not stop on SIGTERM with exit 0");
    }

    void installedBinarySpeaksChinese()
    {
        const Run zh = run(m_binary, {QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help")});
        QVERIFY2(zh.finished && zh.exitCode == 0, qPrintable(zh.err));
        // The English description (the lines between "Usage:" and the blank line), translated by
        // the installed .qm, is what the installed program prints with --lang zh_CN.
        const QStringList lines = m_help.split(QLatin1Char('\n'));
        const qsizetype blank = lines.indexOf(QString());
        QVERIFY(blank > 1);
        const QString english = lines.mid(1, blank - 1).join(QLatin1Char('\n'));
        QTranslator translator;
        QVERIFY(translator.load(installed(QStringLiteral("share/tcplab/translations/tcplab_zh_CN.qm"))));
        const QString chinese = translator.translate("main", english.toUtf8().constData());
        QVERIFY2(!chinese.isEmpty() && chinese != english, qPrintable(QStringLiteral("the installed .qm has no translation of: ") + english));
        QVERIFY2(zh.out.contains(chinese), qPrintable(zh.out.left(600)));
        static const QRegularExpression han(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        QVERIFY(han.match(zh.out).hasMatch());
        QVERIFY(!han.match(m_help).hasMatch());
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
