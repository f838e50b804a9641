// Replays the fuzzers' committed inputs through the same harnesses (fuzz/fuzztargets.h) in the
// normal build: the seed corpus (fuzz/corpus/<target>/) and every crash input ever found
// (fuzz/regressions/<target>/), so a fixed crash stays fixed without clang or libFuzzer.
#include "fuzztargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

namespace {
using Harness = const char *(*)(const uint8_t *, size_t);
} // namespace

class HardeningFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void replay_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("target");
        int files = 0;
        for (const char *target : {"fuzz_line_framer", "fuzz_bin_framer", "fuzz_hex_parser", "fuzz_bin_fields", "fuzz_wirespec", "fuzz_packet_decoder"}) {
            for (const char *kind : {"corpus", "regressions"}) {
                // ctest's TCPLAB_FUZZ_DIR wins: the unprivileged pass may replay a copy of fuzz/.
                const QDir dir(qEnvironmentVariable("TCPLAB_FUZZ_DIR", QStringLiteral(TCPLAB_FUZZ_DIR))
                               + QStringLiteral("/%1/%2").arg(QLatin1String(kind), QLatin1String(target)));
                for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name)) {
                    if (name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1String(".md")))
                        continue;
                    QTest::addRow("%s/%s/%s", kind, target, qPrintable(name)) << dir.filePath(name) << QString::fromLatin1(target);
                    ++files;
                }
            }
        }
        QVERIFY2(files >= 4, "the seed corpus is missing");
    }

    void replay()
    {
        QFETCH(QString, path);
        QFETCH(QString, target);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray input = f.readAll();
        Harness harness = nullptr;
        if (target == QLatin1String("fuzz_line_framer"))
            harness = tcplab::fuzz::lineFramer;
        else if (target == QLatin1String("fuzz_bin_framer"))
            harness = tcplab::fuzz::binFramer;
        else if (target == QLatin1String("fuzz_hex_parser"))
            harness = tcplab::fuzz::hexParser;
        else if (target == QLatin1String("fuzz_wirespec"))
            harness = tcplab::fuzz::wireSpec;
        else if (target == QLatin1String("fuzz_packet_decoder"))
            harness = tcplab::fuzz::packetDecoder;
        else
            harness = tcplab::fuzz::binFields;
        const char *broken = harness(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
        QVERIFY2(!broken, broken);
    }

    // Valid input passes the invariants (a harness that refused everything would hide bugs).
    void harnessesAcceptValidInput()
    {
        // Bin, persistent, chunk 1: 22 bytes give one echoed frame and no error.
        QByteArray ok("\x01\x00", 2);
        ok += QByteArray(22, 'x');
        QVERIFY(!tcplab::fuzz::binFramer(reinterpret_cast<const uint8_t *>(ok.constData()), size_t(ok.size())));
        const QByteArray hex("48656c6c6f");
        QVERIFY(!tcplab::fuzz::hexParser(reinterpret_cast<const uint8_t *>(hex.constData()), size_t(hex.size())));
        const QByteArray spec("delay=50ms,s2c.loss=5%,drop=c2s:data#5*2");
        QVERIFY(!tcplab::fuzz::wireSpec(reinterpret_cast<const uint8_t *>(spec.constData()), size_t(spec.size())));
    }
};

QTEST_GUILESS_MAIN(HardeningFuzzCorpus)
#include "tst_hardening_fuzzcorpus.moc"
