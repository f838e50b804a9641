// The option table is the single source of truth: every entry must be complete, parse its own
// formatting, refuse out-of-range values with a message naming it, and map to a CLI flag.
#include "commandline.h"
#include "optiontable.h"
#include "serverconfig.h"

#include <QtTest>

#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;

class TestOptionTable : public QObject
{
    Q_OBJECT
private slots:
    void everyEntryIsComplete()
    {
        QSet<QString> keys;
        for (const OptionSpec &spec : optionTable()) {
            QVERIFY2(!keys.contains(spec.key), qPrintable(spec.key));
            keys.insert(spec.key);
            QVERIFY2(spec.help && *spec.help, qPrintable(spec.key));
            QVERIFY2(spec.kernelRule && *spec.kernelRule, qPrintable(spec.key));
            if (spec.isSocketOption()) {
                QVERIFY2(spec.level >= 0 && spec.optname > 0, qPrintable(spec.key));
                QVERIFY2(!spec.manPage.isEmpty(), qPrintable(spec.key));
            }
            if (spec.kind == OptionKind::Choice)
                QVERIFY2(!spec.choices.isEmpty(), qPrintable(spec.key));
        }
        // The options the issue names, at least.
        for (const char *k : {"reuseaddr", "reuseport", "keepalive", "keepidle", "keepcnt", "keepintvl", "nodelay",
                              "quickack", "fastopen", "rcvbuf", "sndbuf", "rcvtimeo", "sndtimeo", "defer-accept",
                              "user-timeout", "linger", "linger2", "cork", "maxseg", "notsent-lowat", "congestion",
                              "tos", "ttl", "host", "port", "backlog", "handler", "mode", "persistent"})
            QVERIFY2(keys.contains(QString::fromLatin1(k)), k);
    }

    void fastOpenIsAtTcpLevel()
    {
        // The recipe's bug: TCP_FASTOPEN at SOL_SOCKET, which Linux rejects.
        const OptionSpec *spec = findOption(QStringLiteral("fastopen"));
        QVERIFY(spec);
        QCOMPARE(spec->level, int(IPPROTO_TCP));
    }

    void seedDefaultsMatchTheRecipe()
    {
        const ServerConfig c = ServerConfig::seedDefaults();
        QCOMPARE(c.port(), quint16(9999));
        QCOMPARE(c.backlog(), int(SOMAXCONN));
        QCOMPARE(c.value("reuseaddr").toBool(), true);
        QCOMPARE(c.value("reuseport").toBool(), true);
        QCOMPARE(c.value("nodelay").toBool(), true);
        QCOMPARE(c.value("quickack").toBool(), true);
        QCOMPARE(c.value("keepidle").toInt(), 1800);
        QCOMPARE(c.value("keepcnt").toInt(), 9);
        QCOMPARE(c.value("keepintvl").toInt(), 15);
        QCOMPARE(c.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(!c.isSet("fastopen"));
        QVERIFY(c.validate().isEmpty());
    }

    void parseRoundTripsAndRejects_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("keepidle ok") << "keepidle" << "60" << true << "";
        QTest::newRow("keepidle 0") << "keepidle" << "0" << false << "TCP_KEEPIDLE: 0 is out of range 1..32767 s";
        QTest::newRow("keepidle big") << "keepidle" << "40000" << false << "1..32767 s";
        QTest::newRow("keepcnt word") << "keepcnt" << "many" << false << "TCP_KEEPCNT";
        QTest::newRow("nodelay off") << "nodelay" << "off" << true << "";
        QTest::newRow("nodelay maybe") << "nodelay" << "maybe" << false << "not on or off";
        QTest::newRow("rcvtimeo fraction") << "rcvtimeo" << "5.5" << true << "";
        QTest::newRow("rcvtimeo negative") << "rcvtimeo" << "-1" << false << "SO_RCVTIMEO";
        QTest::newRow("linger off") << "linger" << "-1" << true << "";
        QTest::newRow("port too big") << "port" << "70000" << false << "0..65535";
        QTest::newRow("handler bad") << "handler" << "json" << false << "byte|line|bin";
        QTest::newRow("mode event") << "mode" << "event" << true << "";
        QTest::newRow("tos") << "tos" << "256" << false << "0..255";
        QTest::newRow("fastopen default") << "fastopen" << "default" << true << "";
    }

    void parseRoundTripsAndRejects()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, errorPart);
        const OptionSpec *spec = findOption(key);
        QVERIFY(spec);
        const ParsedValue v = parseOptionValue(*spec, text);
        QCOMPARE(v.error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(formatOptionValue(*spec, v.value), text);
        } else {
            QVERIFY2(v.error.contains(errorPart), qPrintable(v.error));
        }
    }

    void everyOptionHasAFlagThatSetsIt()
    {
        // For each entry: the real parser must know --KEY (an unknown flag fails parse()), and
        // parsing it must set exactly that entry to the parsed value, which differs from the base.
        const ServerConfig base = ServerConfig::seedDefaults();
        int checked = 0;
        for (const OptionSpec &spec : optionTable()) {
            const QVariant before = base.value(spec.key);
            QString text;
            switch (spec.kind) {
            case OptionKind::Bool: text = before.isValid() && before.toBool() ? QStringLiteral("off") : QStringLiteral("on"); break;
            case OptionKind::Int:
            case OptionKind::Linger:
            case OptionKind::Seconds: {
                // A whole value in range that is not the base's.
                qlonglong v = qlonglong(spec.minimum) + 1;
                if (v > spec.maximum || (before.isValid() && before.toLongLong() == v))
                    v = qlonglong(spec.maximum);
                text = QString::number(v);
                break;
            }
            case OptionKind::Choice:
                for (const QString &c : spec.choices) {
                    if (c != before.toString()) {
                        text = c;
                        break;
                    }
                }
                break;
            case OptionKind::Text: text = QStringLiteral("127.0.0.2"); break;
            }
            QVERIFY2(!text.isEmpty(), qPrintable(spec.key + QLatin1String(": no value other than the base's")));
            const ParsedValue expected = parseOptionValue(spec, text);
            QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
            QVERIFY2(expected.value != before, qPrintable(spec.key));

            QCommandLineParser parser;
            addServerOptions(parser);
            QStringList args{QStringLiteral("tcplab"), QStringLiteral("--") + spec.key};
            if (spec.key == QLatin1String("persistent"))
                QVERIFY(text == QLatin1String("on")); // --persistent takes no value
            else
                args << text;
            QVERIFY2(parser.parse(args), qPrintable(QStringLiteral("--%1: %2").arg(spec.key, parser.errorText())));
            Result<ServerConfig> c = serverConfigFromParser(parser, base);
            QVERIFY2(c.ok(), qPrintable(c.error().text()));
            QVERIFY2(c.value().value(spec.key) == expected.value,
                     qPrintable(QStringLiteral("--%1 %2 left %3").arg(spec.key, text, formatOptionValue(spec, c.value().value(spec.key)))));
            // Nothing else moved.
            ServerConfig onlyThat = base;
            onlyThat.setValue(spec.key, expected.value);
            QVERIFY2(c.value() == onlyThat, qPrintable(spec.key));
            ++checked;
        }
        QCOMPARE(checked, optionTable().size());

        // The check above can fail: a flag the table does not have is refused by parse().
        QCommandLineParser parser;
        addServerOptions(parser);
        QVERIFY(!parser.parse({"tcplab", "--no-such-option", "1"}));
        QVERIFY(!parser.parse({"tcplab", "--persistent-mode", "on", "--keepidle"})); // a value is required
    }

    // The rule for both kinds of process, whoever runs the test.
    void congestionChoicesFollowTheCapability()
    {
        const QStringList available{"reno", "bbr", "cubic"};
        const QStringList allowed{"reno", "bbr"};
        const CongestionControlChoices admin = congestionControlChoices(available, allowed, true);
        QCOMPARE(admin.settable, available);
        QVERIFY(admin.restricted.isEmpty());
        QVERIFY(admin.whyRestricted().isEmpty());
        const CongestionControlChoices user = congestionControlChoices(available, allowed, false);
        QCOMPARE(user.settable, allowed);
        QCOMPARE(user.restricted, QStringList{"cubic"});
        for (const char *part : {"cubic", "CAP_NET_ADMIN", "net.ipv4.tcp_allowed_congestion_control", "reno bbr"})
            QVERIFY2(user.whyRestricted().contains(QLatin1String(part)), qPrintable(user.whyRestricted()));
    }

    // What this process is offered is what the kernel lets it set: every available algorithm
    // is tried on a fresh socket. Run as root and as an unprivileged user (tests/README).
    void congestionChoicesAreWhatTheKernelAccepts()
    {
        const CongestionControlChoices &mine = congestionControlChoices();
        qInfo("uid %d, CAP_NET_ADMIN over this netns: %s; offered: %s; not offered: %s", int(::getuid()),
              mayChooseAnyCongestionControl() ? "yes" : "no", qPrintable(mine.settable.join(' ')),
              mine.restricted.isEmpty() ? "(none)" : qPrintable(mine.restricted.join(' ')));
        QVERIFY(!mine.settable.isEmpty());
        for (const QStringList *list : {&mine.settable, &mine.restricted}) {
            for (const QString &name : *list) {
                const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                QVERIFY(fd >= 0);
                const QByteArray n = name.toLatin1();
                const int rc = ::setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, n.constData(), socklen_t(n.size()));
                const int err = errno;
                ::close(fd);
                if (list == &mine.settable)
                    QVERIFY2(rc == 0, qPrintable(name + QLatin1String(" is offered but the kernel refuses it: ") + qt_error_string(err)));
                else
                    QVERIFY2(rc != 0 && err == EPERM, qPrintable(name + QLatin1String(" is not offered but the kernel accepts it")));
            }
        }
        // The window's menu and the CLI read the table's choices, which are these.
        const OptionSpec *spec = findOption(QStringLiteral("congestion"));
        QVERIFY(spec);
        QCOMPARE(spec->choices, mine.settable);
        QCOMPARE(choicesNote(*spec), mine.whyRestricted());
        for (const QString &name : mine.restricted) {
            const QString error = validateOptionValue(*spec, name);
            QVERIFY2(error.contains(QLatin1String("CAP_NET_ADMIN")) && error.contains(name), qPrintable(error));
            QCommandLineParser parser;
            addServerOptions(parser);
            QVERIFY(parser.parse({"tcplab", "--congestion", name}));
            Result<ServerConfig> c = serverConfigFromParser(parser, ServerConfig::seedDefaults());
            QVERIFY(!c.ok());
            QVERIFY2(c.error().text().contains(QLatin1String("--congestion")) && c.error().text().contains(QLatin1String("CAP_NET_ADMIN")),
                     qPrintable(c.error().text()));
            QVERIFY2(parser.helpText().contains(name), qPrintable(parser.helpText()));
        }
    }

    void commandLineFlagsComeFromTheTable()
    {
        QCommandLineParser parser;
        addServerOptions(parser);
        QVERIFY(parser.parse({"tcplab", "--keepidle", "60", "--nodelay", "off", "--rcvtimeo", "2.5", "--persistent",
                              "--raw", "IPPROTO_TCP:3:1"}));
        Result<ServerConfig> c = serverConfigFromParser(parser, ServerConfig::seedDefaults());
        QVERIFY2(c.ok(), qPrintable(c.error().text()));
        QCOMPARE(c.value().value("keepidle").toInt(), 60);
        QCOMPARE(c.value().value("nodelay").toBool(), false);
        QCOMPARE(c.value().value("rcvtimeo").toDouble(), 2.5);
        QCOMPARE(c.value().persistent(), true);
        QCOMPARE(c.value().rawOptions().size(), 1);
        QCOMPARE(c.value().rawOptions().first().level, 6);

        QCommandLineParser bad;
        addServerOptions(bad);
        QVERIFY(bad.parse({"tcplab", "--keepcnt", "500"}));
        Result<ServerConfig> e = serverConfigFromParser(bad, ServerConfig::seedDefaults());
        QVERIFY(!e.ok());
        QVERIFY2(e.error().text().contains("--keepcnt") && e.error().text().contains("1..127"), qPrintable(e.error().text()));
    }
};

QTEST_GUILESS_MAIN(TestOptionTable)
#include "tst_optiontable.moc"
