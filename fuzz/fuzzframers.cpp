// Harnesses for the protocol framers (framers.cpp and what it needs).
#include "fuzztargets.h"

#include "binframe.h"
#include "framers.h"

#include <QByteArray>
#include <QString>

namespace tcplab::fuzz {

namespace {

struct Control
{
    HandlerConfig config;
    qsizetype chunk = 1;
    QByteArray payload;
};

// Two control bytes, then the payload the peer "sends".
bool readControl(const uint8_t *data, size_t size, HandlerKind kind, Control *c)
{
    if (size < 2)
        return false;
    c->config.kind = kind;
    c->config.persistent = data[0] & 1;
    c->config.verbose = data[0] & 2;
    c->config.binUpperCase = data[0] & 4;
    // Small limits reach the over-long path with small inputs; sometimes the real default.
    c->config.maxLine = (data[0] & 8) ? 65536 : 1 + (data[0] >> 4) * 17;
    c->chunk = 1 + data[1] % 64;
    c->payload = QByteArray(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    return true;
}

// Feeds the payload in chunks until the framer asks to close, then EOF; collects everything.
struct Run
{
    QByteArray reply;
    bool closed = false;
    bool closedWithError = false;
    bool sawEof = false;
    int requests = 0;
    bool errorNote = false;
};

Run drive(Framer &framer, const Control &c)
{
    Run run;
    FrameOutput out;
    auto collect = [&] {
        run.reply += out.reply;
        run.requests += out.requests;
        for (const FrameNote &n : out.notes)
            run.errorNote = run.errorNote || n.level == LogLevel::Error;
        run.closed = run.closed || out.close;
        run.closedWithError = run.closedWithError || out.closeWithError;
    };
    for (qsizetype off = 0; off < c.payload.size() && !run.closed; off += c.chunk) {
        out.clear();
        framer.feed(c.payload.constData() + off, std::min(c.chunk, c.payload.size() - off), out);
        collect();
    }
    if (!run.closed) {
        out.clear();
        framer.finish(out);
        run.sawEof = true;
        collect();
    }
    return run;
}

// The oracle for upper-casing, written independently of the framers' asciiUpper(): the reply
// byte at each position must be the input byte with bit 5 cleared when the input is one of the
// 26 lower-case ASCII letters (0x61..0x7a), and the input byte unchanged otherwise - every
// byte >= 0x80 included (Python's bytes.upper() leaves them, unlike a Latin-1 toupper).
bool isUpperCasedCopy(const QByteArray &reply, const char *input)
{
    for (qsizetype i = 0; i < reply.size(); ++i) {
        const auto in = static_cast<unsigned char>(input[i]);
        const auto out = static_cast<unsigned char>(reply[i]);
        const bool lowerLetter = in >= 0x61 && in <= 0x7a;
        if (out != (lowerLetter ? (in & 0xdf) : in))
            return false;
    }
    return true;
}

} // namespace

const char *lineFramer(const uint8_t *data, size_t size)
{
    Control c;
    if (!readControl(data, size, HandlerKind::Line, &c))
        return nullptr;
    std::unique_ptr<Framer> framer = createFramer(c.config);
    const Run run = drive(*framer, c);
    if (run.reply.size() > c.payload.size())
        return "Line: more reply than input";
    // Lines are answered in order, each upper-cased byte for byte: the reply is a prefix.
    if (!isUpperCasedCopy(run.reply, c.payload.constData()))
        return "Line: the reply is not the upper-cased input prefix";
    if (!run.closed)
        return "Line: EOF did not close";
    if (run.closedWithError != run.errorNote)
        return "Line: closed with an error without logging one (or the reverse)";
    if (c.config.persistent && !run.closedWithError && run.sawEof && run.reply.size() != c.payload.size())
        return "Line: persistent run without error lost input";
    if (!c.config.persistent && run.requests > 1)
        return "Line: one-shot answered more than one line";
    if (run.closedWithError) {
        // Only a line longer than the limit is an error.
        qsizetype longest = 0, current = 0;
        for (char ch : c.payload) {
            current = ch == '\n' ? 0 : current + 1;
            longest = std::max(longest, current);
        }
        if (longest <= c.config.maxLine)
            return "Line: error without a line over the limit";
    }
    return nullptr;
}

const char *binFramer(const uint8_t *data, size_t size)
{
    Control c;
    if (!readControl(data, size, HandlerKind::Bin, &c))
        return nullptr;
    std::unique_ptr<Framer> framer = createFramer(c.config);
    const Run run = drive(*framer, c);
    if (run.reply.size() % BinFrame::Size)
        return "Bin: reply is not whole frames";
    const QByteArray expected = c.payload.left(run.reply.size());
    if (c.config.binUpperCase ? !isUpperCasedCopy(run.reply, expected.constData()) : run.reply != expected)
        return "Bin: reply is not the frames echoed";
    if (!c.config.persistent && run.reply.size() > BinFrame::Size)
        return "Bin: one-shot answered more than one frame";
    if (c.config.persistent && run.sawEof) {
        const bool partial = c.payload.size() % BinFrame::Size != 0;
        if (partial != run.closedWithError)
            return "Bin: a partial last frame is an error, and only that";
        if (run.reply.size() != c.payload.size() - c.payload.size() % BinFrame::Size)
            return "Bin: persistent run lost whole frames";
    }
    if (!c.config.persistent && !c.payload.isEmpty()) {
        // One-shot: an error unless some read ends exactly at byte 22 (reads are chunk-sized).
        const bool hit22 = c.payload.size() == BinFrame::Size || (c.payload.size() > BinFrame::Size && BinFrame::Size % c.chunk == 0);
        if (hit22 == run.closedWithError)
            return "Bin: one-shot must answer a 22-byte read and refuse anything else";
    }
    // decode/encode: exactly 22 bytes decode, and encode gives the same bytes back.
    BinFrame frame;
    QString error;
    const bool ok = BinFrame::decode(c.payload.constData(), c.payload.size(), &frame, &error);
    if (ok != (c.payload.size() == BinFrame::Size) || ok == !error.isEmpty())
        return "Bin: decode accepts exactly 22 bytes and explains every refusal";
    if (ok && frame.encode() != c.payload)
        return "Bin: encode(decode(x)) != x";
    return nullptr;
}

} // namespace tcplab::fuzz
