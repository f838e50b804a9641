// A deliberate data race, built only for scripts/sanitize.sh (CMake option TCPLAB_TSAN_CANARY)
// and never part of the suite: two QThreads increment a plain int of a lab-style class without
// any synchronisation. The racing frames are this file's own, while the threads' creation stacks
// run through QThread::start() in libQt6Core, as every engine thread of the lab does. If
// ThreadSanitizer, with the suppressions of scripts/tsan.supp, does not report this race, the
// suppressions hide races in the lab's own code too and the TSan run guards nothing.
#include <QCoreApplication>
#include <QString>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <memory>

namespace {

class HitCounter
{
public:
    // Not inlined, so that the racing accesses have frames of their own in the report.
    __attribute__((noinline)) void hit(const QString &who)
    {
        m_hits = m_hits + 1; // the race: no mutex, no atomic
        if (who.isEmpty())
            ++m_anonymous;
    }
    int hits() const { return m_hits; }

private:
    int m_hits = 0;
    int m_anonymous = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    HitCounter counter;
    std::atomic<int> finished{0};
    std::unique_ptr<QThread> threads[2];
    for (int t = 0; t < 2; ++t) {
        threads[t].reset(QThread::create([&counter, &finished, t] {
            const QString who = QStringLiteral("worker-%1").arg(t);
            for (int i = 0; i < 10000; ++i)
                counter.hit(who);
            finished.fetch_add(1, std::memory_order_release);
        }));
        threads[t]->start();
    }
    for (auto &thread : threads)
        thread->wait();
    // The atomic is the edge TSan can see (QThread::wait() synchronises inside uninstrumented Qt).
    while (finished.load(std::memory_order_acquire) != 2)
        QThread::yieldCurrentThread();
    std::printf("tsan_canary: %d hits (20000 without the race's lost updates)\n", counter.hits());
    return 0;
}
