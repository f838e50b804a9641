#include "framers.h"

#include "binframe.h"

#include <QCoreApplication>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Framer", text); }

class ByteFramer final : public Framer
{
public:
    explicit ByteFramer(const HandlerConfig &c) : m_config(c) {}
    qsizetype readSize() const override { return m_config.recvSize; }

    void feed(const char *data, qsizetype size, FrameOutput &out) override
    {
        m_received = true;
        if (m_config.verbose)
            out.notes.append({LogLevel::Debug, EventKind::Received,
                              tr("recv: %1 bytes in one recv() of up to %2").arg(size).arg(m_config.recvSize),
                              QByteArray(data, size)});
        out.reply += asciiUpper(data, size);
        out.requests += 1;
        if (!m_config.persistent)
            out.close = true;
    }

    void finish(FrameOutput &out) override
    {
        if (!m_received)
            out.notes.append({LogLevel::Warning, EventKind::Error, tr("peer closed without sending any data"), {}});
        out.close = true;
    }

private:
    HandlerConfig m_config;
    bool m_received = false;
};

class LineFramer final : public Framer
{
public:
    explicit LineFramer(const HandlerConfig &c) : m_config(c) {}
    qsizetype readSize() const override { return 65536; }

    void feed(const char *data, qsizetype size, FrameOutput &out) override
    {
        m_received = true;
        m_buffer.append(data, size);
        while (!out.close) {
            const qsizetype nl = m_buffer.indexOf('\n', m_scanned);
            if (nl < 0) {
                m_scanned = m_buffer.size();
                if (m_buffer.size() > m_config.maxLine)
                    tooLong(out, m_buffer.size());
                return;
            }
            if (nl > m_config.maxLine) {
                tooLong(out, nl);
                return;
            }
            answer(m_buffer.constData(), nl + 1, out);
            m_buffer.remove(0, nl + 1);
            m_scanned = 0;
            if (!m_config.persistent) {
                out.close = true;
                if (!m_buffer.isEmpty() && m_config.verbose)
                    out.notes.append({LogLevel::Debug, EventKind::Received,
                                      tr("%1 bytes after the first line ignored (one-shot)").arg(m_buffer.size()), {}});
            }
        }
    }

    void finish(FrameOutput &out) override
    {
        if (!m_received) {
            out.notes.append({LogLevel::Warning, EventKind::Error, tr("peer closed without sending any data"), {}});
        } else if (!m_buffer.isEmpty()) {
            // readline() in the recipe returns a last line without its newline at EOF; so does the lab.
            out.notes.append({LogLevel::Info, EventKind::Received,
                              tr("last line has no newline (%1 bytes before EOF)").arg(m_buffer.size()), {}});
            answer(m_buffer.constData(), m_buffer.size(), out);
            m_buffer.clear();
        }
        out.close = true;
    }

private:
    void answer(const char *line, qsizetype size, FrameOutput &out)
    {
        if (m_config.verbose)
            out.notes.append({LogLevel::Debug, EventKind::Received, tr("line: %1 bytes").arg(size), QByteArray(line, size)});
        out.reply += asciiUpper(line, size);
        out.requests += 1;
    }

    void tooLong(FrameOutput &out, qsizetype seen)
    {
        out.notes.append({LogLevel::Error, EventKind::Error,
                          tr("line longer than the limit of %1 bytes (%2 bytes without newline): closing")
                              .arg(m_config.maxLine)
                              .arg(seen),
                          {}});
        m_buffer.clear();
        m_scanned = 0;
        out.close = true;
        out.closeWithError = true;
    }

    HandlerConfig m_config;
    QByteArray m_buffer;
    qsizetype m_scanned = 0;
    bool m_received = false;
};

class BinFramer final : public Framer
{
public:
    explicit BinFramer(const HandlerConfig &c) : m_config(c) {}
    qsizetype readSize() const override { return 4096; }

    void feed(const char *data, qsizetype size, FrameOutput &out) override
    {
        m_received = true;
        m_buffer.append(data, size);
        if (!m_config.persistent) {
            if (m_buffer.size() > BinFrame::Size) {
                error(out, tr("over-long frame: %1 bytes, expected %2").arg(m_buffer.size()).arg(BinFrame::Size));
                return;
            }
            if (m_buffer.size() == BinFrame::Size) {
                answer(m_buffer.constData(), out);
                m_buffer.clear();
                out.close = true;
            }
            return;
        }
        qsizetype offset = 0;
        while (m_buffer.size() - offset >= BinFrame::Size) {
            answer(m_buffer.constData() + offset, out);
            offset += BinFrame::Size;
        }
        m_buffer.remove(0, offset);
    }

    void finish(FrameOutput &out) override
    {
        if (!m_received)
            out.notes.append({LogLevel::Warning, EventKind::Error, tr("peer closed without sending any data"), {}});
        else if (!m_buffer.isEmpty())
            error(out, tr("short frame: %1 of %2 bytes before EOF").arg(m_buffer.size()).arg(BinFrame::Size));
        out.close = true;
    }

private:
    void answer(const char *frame, FrameOutput &out)
    {
        if (m_config.verbose) {
            BinFrame decoded;
            QString unused;
            BinFrame::decode(frame, BinFrame::Size, &decoded, &unused);
            out.notes.append({LogLevel::Debug, EventKind::Received, tr("frame %1").arg(decoded.toText()),
                              QByteArray(frame, BinFrame::Size)});
        }
        out.reply += m_config.binUpperCase ? asciiUpper(frame, BinFrame::Size) : QByteArray(frame, BinFrame::Size);
        out.requests += 1;
    }

    void error(FrameOutput &out, const QString &text)
    {
        out.notes.append({LogLevel::Error, EventKind::Error, text, m_buffer.left(64)});
        m_buffer.clear();
        out.close = true;
        out.closeWithError = true;
    }

    HandlerConfig m_config;
    QByteArray m_buffer;
    bool m_received = false;
};

} // namespace

HandlerConfig HandlerConfig::from(const ServerConfig &config, bool verbose)
{
    HandlerConfig h;
    h.kind = config.handler();
    h.persistent = config.persistent();
    h.recvSize = config.recvSize();
    h.maxLine = config.maxLine();
    h.binUpperCase = config.binUpperCase();
    h.verbose = verbose;
    return h;
}

std::unique_ptr<Framer> createFramer(const HandlerConfig &config)
{
    switch (config.kind) {
    case HandlerKind::Byte: return std::make_unique<ByteFramer>(config);
    case HandlerKind::Line: return std::make_unique<LineFramer>(config);
    case HandlerKind::Bin: return std::make_unique<BinFramer>(config);
    }
    return nullptr;
}

QByteArray asciiUpper(const char *data, qsizetype size)
{
    QByteArray out(data, size);
    char *p = out.data();
    for (qsizetype i = 0; i < size; ++i) {
        if (p[i] >= 'a' && p[i] <= 'z')
            p[i] = char(p[i] - 'a' + 'A');
    }
    return out;
}

} // namespace tcplab
