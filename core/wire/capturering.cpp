#include "capturering.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace tcplab::wire {

namespace {

using Word = std::atomic_ref<quint64>;
static_assert(Word::required_alignment <= alignof(std::max_align_t));

} // namespace

CaptureRing::CaptureRing(qsizetype capacity) : m_capacity(qMax<qsizetype>(1, capacity))
{
    // calloc: large zeroed blocks come straight from mmap, so untouched slots cost no memory.
    m_words = static_cast<quint64 *>(std::calloc(size_t(m_capacity) * (kWordsPerPacket + 1), sizeof(quint64)));
    if (!m_words)
        throw std::bad_alloc();
}

CaptureRing::~CaptureRing()
{
    std::free(m_words);
}

quint64 CaptureRing::overwritten() const
{
    const quint64 w = written();
    return w > quint64(m_capacity) ? w - quint64(m_capacity) : 0;
}

void CaptureRing::push(const CapturedPacket &packet) noexcept
{
    quint64 words[kWordsPerPacket];
    std::memcpy(words, &packet, sizeof(words));
    const quint64 position = m_written.load(std::memory_order_relaxed);
    quint64 *s = slot(position);
    Word(s[0]).store(2 * position + 1, std::memory_order_relaxed);
    // Release on each word: a reader that reads one of them also sees the odd mark before it.
    // (Per-word release/acquire instead of fences: plain moves on x86, and TSan models them.)
    for (size_t i = 0; i < kWordsPerPacket; ++i)
        Word(s[1 + i]).store(words[i], std::memory_order_release);
    Word(s[0]).store(2 * position + 2, std::memory_order_release);
    m_written.store(position + 1, std::memory_order_release);
}

bool CaptureRing::read(quint64 position, CapturedPacket *out) const
{
    quint64 *s = slot(position);
    const quint64 mark = 2 * position + 2;
    if (Word(s[0]).load(std::memory_order_acquire) != mark)
        return false;
    quint64 words[kWordsPerPacket];
    for (size_t i = 0; i < kWordsPerPacket; ++i)
        words[i] = Word(s[1 + i]).load(std::memory_order_acquire);
    // If any word came from a later packet, this load sees that packet's odd mark (or later).
    if (Word(s[0]).load(std::memory_order_relaxed) != mark)
        return false;
    std::memcpy(static_cast<void *>(out), words, sizeof(words));
    return true;
}

CaptureRing::ReadResult CaptureRing::readFrom(quint64 from, QList<CapturedPacket> *out, qsizetype max) const
{
    ReadResult r;
    const quint64 end = written();
    const quint64 oldest = end > quint64(m_capacity) ? end - quint64(m_capacity) : 0;
    if (from < oldest) {
        r.missed += oldest - from;
        from = oldest;
    }
    quint64 position = from;
    qsizetype taken = 0;
    CapturedPacket p;
    while (position < end && (max < 0 || taken < max)) {
        if (read(position, &p)) {
            out->append(p);
            ++taken;
        } else {
            ++r.missed; // overwritten while we got there
        }
        ++position;
    }
    r.next = position;
    return r;
}

QList<CapturedPacket> CaptureRing::snapshot(quint64 *missed) const
{
    QList<CapturedPacket> out;
    const quint64 end = written();
    const quint64 oldest = end > quint64(m_capacity) ? end - quint64(m_capacity) : 0;
    out.reserve(qsizetype(end - oldest));
    const ReadResult r = readFrom(oldest, &out);
    if (missed)
        *missed = oldest + r.missed;
    return out;
}

} // namespace tcplab::wire
