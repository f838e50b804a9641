// A TcpInfoSampler on a thread of its own, with its own event loop for the sampler's timer: the
// window's GUI thread must not spend its time in the kernel's socket dumps (two sock_diag
// dumps every 10 ms under a bulk transfer). The sampler QObject is moved to the thread, started
// and stopped by queued calls; its series are read from any thread (the sampler guards them).
#pragma once

#include "tcpinfosampler.h"

#include <QThread>

#include <atomic>
#include <memory>

namespace tcplab::wire {

class TcpInfoSamplerThread
{
public:
    // The sampler is set up (watchNamespaces, setActivityCounter) but not started.
    explicit TcpInfoSamplerThread(std::unique_ptr<TcpInfoSampler> sampler);
    ~TcpInfoSamplerThread(); // stop()
    TcpInfoSamplerThread(const TcpInfoSamplerThread &) = delete;
    TcpInfoSamplerThread &operator=(const TcpInfoSamplerThread &) = delete;

    // Starts the thread and the sampler's timer in it. Call from the thread the sampler lives in.
    void start();
    // Takes a last sample in the thread, stops the timer and joins the thread; the sampler and its
    // series stay, back in the thread that calls stop(). Waits at most for the tick under way and
    // that last sample (a few ms). Nothing happens if the thread is not running.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

    // For reading the series (from any thread) and for tests (lastSamplingThread(), thread()).
    const TcpInfoSampler *sampler() const { return m_sampler.get(); }
    const QThread *thread() const { return &m_thread; }

private:
    std::unique_ptr<TcpInfoSampler> m_sampler; // destroyed after m_thread has been joined
    QThread m_thread;
    // Set by the thread as its last act on the sampler, read once it is joined: QThread::wait()
    // orders the two threads inside Qt, where ThreadSanitizer cannot see it; this flag's
    // release/acquire is the same order, made visible.
    std::atomic<bool> m_handedBack{false};
};

} // namespace tcplab::wire
