#include "clientpanel.h"

#include "hostresolver.h"

#include "binframe.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tcplab {

namespace {

enum ReplyEnd { AutoEnd, CloseEnd, LineEnd, FirstReadEnd, FrameEnd };

QString ms(qint64 us)
{
    return us < 0 ? QStringLiteral("-") : QString::number(double(us) / 1000.0, 'f', 3);
}

} // namespace

ClientPanel::ClientPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("clientPanel"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // ---- left column: target and message ----
    auto *left = new QVBoxLayout;
    auto *targetBox = new QGroupBox(tr("Server"), this);
    auto *target = new QHBoxLayout(targetBox);
    m_follow = new QCheckBox(tr("Follow the running server"), targetBox);
    m_follow->setObjectName(QStringLiteral("clientFollow"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Send to the address and port the lab's server is bound to"));
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), targetBox);
    m_host->setObjectName(QStringLiteral("clientHost"));
    m_port = new QSpinBox(targetBox);
    m_port->setObjectName(QStringLiteral("clientPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(9999);
    target->addWidget(m_follow);
    target->addWidget(new QLabel(tr("Host"), targetBox));
    target->addWidget(m_host, 1);
    target->addWidget(new QLabel(tr("Port"), targetBox));
    target->addWidget(m_port);
    left->addWidget(targetBox);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        m_host->setEnabled(!on);
        m_port->setEnabled(!on);
        setServerEndpoint(m_serverHost, m_serverPort, m_serverRunning, m_serverHandler, m_serverPersistent);
    });

    auto *messageBox = new QGroupBox(tr("Message"), this);
    auto *messageLayout = new QVBoxLayout(messageBox);
    auto *formRow = new QHBoxLayout;
    m_form = new QComboBox(messageBox);
    m_form->setObjectName(QStringLiteral("clientForm"));
    m_form->addItem(tr("Text"));
    m_form->addItem(tr("Hex bytes"));
    m_form->addItem(tr("Bin frame (! I 2s Q 2h f)"));
    formRow->addWidget(new QLabel(tr("Form"), messageBox));
    formRow->addWidget(m_form, 1);
    messageLayout->addLayout(formRow);

    m_stack = new QStackedWidget(messageBox);
    auto *textPage = new QWidget(m_stack);
    auto *textLayout = new QHBoxLayout(textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    m_text = new QLineEdit(QStringLiteral("hello tcp lab"), textPage);
    m_text->setObjectName(QStringLiteral("clientText"));
    m_newline = new QCheckBox(tr("append \\n"), textPage);
    m_newline->setObjectName(QStringLiteral("clientNewline"));
    m_newline->setToolTip(tr("The Line handler answers only when a newline arrives"));
    m_newline->setChecked(true);
    textLayout->addWidget(m_text, 1);
    textLayout->addWidget(m_newline);
    m_stack->addWidget(textPage);

    auto *hexPage = new QWidget(m_stack);
    auto *hexLayout = new QHBoxLayout(hexPage);
    hexLayout->setContentsMargins(0, 0, 0, 0);
    m_hex = new QLineEdit(QStringLiteral("68 65 6c 6c 6f 0a"), hexPage);
    m_hex->setObjectName(QStringLiteral("clientHex"));
    m_hex->setFont(mono);
    m_hex->setToolTip(tr("Two hex digits per byte; spaces, ':' and '-' are ignored"));
    hexLayout->addWidget(m_hex);
    m_stack->addWidget(hexPage);

    auto *binPage = new QWidget(m_stack);
    auto *binLayout = new QGridLayout(binPage);
    binLayout->setContentsMargins(0, 0, 0, 0);
    const struct { const char *label; const char *tip; const char *value; } fields[] = {
        {"u32 (I)", QT_TR_NOOP("unsigned 32-bit, 0..4294967295"), "1"},
        {"tag (2s)", QT_TR_NOOP("exactly 2 characters, or 0xHHHH"), "ab"},
        {"u64 (Q)", QT_TR_NOOP("unsigned 64-bit"), "1234567890123"},
        {"i16 (h)", QT_TR_NOOP("signed 16-bit, -32768..32767"), "-2"},
        {"i16 (h)", QT_TR_NOOP("signed 16-bit, -32768..32767"), "3"},
        {"f32 (f)", QT_TR_NOOP("32-bit float"), "1.5"},
    };
    for (int i = 0; i < 6; ++i) {
        auto *edit = new QLineEdit(QString::fromLatin1(fields[i].value), binPage);
        edit->setObjectName(QStringLiteral("clientBin%1").arg(i));
        edit->setToolTip(tr(fields[i].tip));
        binLayout->addWidget(new QLabel(QString::fromLatin1(fields[i].label), binPage), (i / 3) * 2, i % 3);
        binLayout->addWidget(edit, (i / 3) * 2 + 1, i % 3);
        m_binFields << edit;
    }
    m_stack->addWidget(binPage);
    messageLayout->addWidget(m_stack);
    // The stack takes the height of the page shown, not of the tallest page (the Bin form).
    auto fitPage = [this](int index) {
        m_stack->setCurrentIndex(index);
        for (int i = 0; i < m_stack->count(); ++i)
            m_stack->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_stack->adjustSize();
    };
    connect(m_form, &QComboBox::currentIndexChanged, this, fitPage);
    fitPage(0);

    auto *sendRow = new QHBoxLayout;
    m_send = new QPushButton(tr("Send (Ctrl+Return)"), messageBox);
    m_send->setObjectName(QStringLiteral("clientSend"));
    m_send->setToolTip(tr("Send once (Ctrl+Return)"));
    m_send->setMinimumHeight(30);
    m_message = new QLabel(messageBox);
    m_message->setObjectName(QStringLiteral("clientMessage"));
    m_message->setWordWrap(true);
    sendRow->addWidget(m_send);
    sendRow->addWidget(m_message, 1);
    messageLayout->addLayout(sendRow);
    left->addWidget(messageBox);

    auto *replyBox = new QGroupBox(tr("Reply"), this);
    auto *replyForm = new QFormLayout(replyBox);
    m_replyText = new QLineEdit(replyBox);
    m_replyText->setObjectName(QStringLiteral("clientReplyText"));
    m_replyText->setReadOnly(true);
    m_replyHex = new QLineEdit(replyBox);
    m_replyHex->setObjectName(QStringLiteral("clientReplyHex"));
    m_replyHex->setReadOnly(true);
    m_replyHex->setFont(mono);
    m_replyFrame = new QLabel(replyBox);
    m_replyFrame->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rtt = new QLabel(replyBox);
    m_rtt->setObjectName(QStringLiteral("clientRtt"));
    m_rtt->setWordWrap(true);
    m_rtt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    replyForm->addRow(tr("Text"), m_replyText);
    replyForm->addRow(tr("Hex"), m_replyHex);
    replyForm->addRow(tr("Bin frame"), m_replyFrame);
    replyForm->addRow(tr("Timing"), m_rtt);
    left->addWidget(replyBox);
    left->addStretch(1);
    layout->addLayout(left, 3);

    // ---- right column: client options and the batch ----
    auto *right = new QVBoxLayout;
    auto *optionsBox = new QGroupBox(tr("Client socket"), this);
    auto *options = new QFormLayout(optionsBox);
    m_nodelay = new QCheckBox(QStringLiteral("TCP_NODELAY"), optionsBox);
    m_nodelay->setObjectName(QStringLiteral("clientNodelay"));
    m_nodelay->setChecked(true);
    m_nodelay->setToolTip(tr("Off: Nagle's algorithm holds a small write until the previous one is acknowledged"));
    m_quickack = new QCheckBox(QStringLiteral("TCP_QUICKACK"), optionsBox);
    m_quickack->setObjectName(QStringLiteral("clientQuickack"));
    m_quickack->setToolTip(tr("Acknowledge at once instead of delaying ACKs; the kernel does not keep it, so the client sets it again after every read "
                              "(see the Nagle experiment: a reply written in two pieces)"));
    m_fastopen = new QCheckBox(tr("Fast Open (TCP_FASTOPEN_CONNECT)"), optionsBox);
    m_fastopen->setObjectName(QStringLiteral("clientFastopen"));
    m_fastopen->setToolTip(tr("Data rides in the SYN once a cookie from an earlier connection is cached; "
                              "needs bit 1 of net.ipv4.tcp_fastopen here and bit 2 at the server"));
    m_connectTimeout = new QSpinBox(optionsBox);
    m_connectTimeout->setObjectName(QStringLiteral("clientConnectTimeout"));
    m_connectTimeout->setRange(1, 600000);
    m_connectTimeout->setValue(3000);
    m_connectTimeout->setSuffix(QStringLiteral(" ms"));
    m_replyTimeout = new QSpinBox(optionsBox);
    m_replyTimeout->setObjectName(QStringLiteral("clientReplyTimeout"));
    m_replyTimeout->setRange(1, 600000);
    m_replyTimeout->setValue(3000);
    m_replyTimeout->setSuffix(QStringLiteral(" ms"));
    m_replyEnd = new QComboBox(optionsBox);
    m_replyEnd->setObjectName(QStringLiteral("clientReplyEnd"));
    m_replyEnd->addItems({tr("Automatic (from the server's handler)"), tr("When the server closes"), tr("At a newline"),
                          tr("After the first read"), tr("After one Bin frame (22 bytes)")});
    m_replyEnd->setToolTip(tr("TCP is a byte stream: the client needs a rule for where the reply ends"));
    options->addRow(m_nodelay);
    options->addRow(m_quickack);
    options->addRow(m_fastopen);
    options->addRow(tr("Connect timeout"), m_connectTimeout);
    options->addRow(tr("Reply timeout"), m_replyTimeout);
    m_pieces = new QSpinBox(optionsBox);
    m_pieces->setObjectName(QStringLiteral("clientPieces"));
    m_pieces->setRange(1, 64);
    m_pieces->setSuffix(tr(" write(s)"));
    m_pieces->setToolTip(tr("Send the message in this many writes. Two small writes with TCP_NODELAY off show Nagle's "
                            "algorithm meeting the server's delayed ACK (about 40 ms per request)."));
    m_pieceGap = new QSpinBox(optionsBox);
    m_pieceGap->setObjectName(QStringLiteral("clientPieceGap"));
    m_pieceGap->setRange(0, 10000);
    m_pieceGap->setSuffix(QStringLiteral(" ms"));
    m_pieceGap->setToolTip(tr("Pause between the writes; with a pause a byte handler's single recv() sees only the first piece"));
    auto *piecesRow = new QHBoxLayout;
    piecesRow->addWidget(m_pieces, 1);
    piecesRow->addWidget(new QLabel(tr("gap"), optionsBox));
    piecesRow->addWidget(m_pieceGap, 1);
    options->addRow(tr("Reply ends"), m_replyEnd);
    options->addRow(tr("Send in"), piecesRow);
    right->addWidget(optionsBox);

    auto *batchBox = new QGroupBox(tr("Repeat"), this);
    auto *batch = new QFormLayout(batchBox);
    m_repeat = new QSpinBox(batchBox);
    m_repeat->setObjectName(QStringLiteral("clientRepeat"));
    m_repeat->setRange(1, 1000000);
    m_repeat->setValue(100);
    m_repeat->setSuffix(tr(" exchanges"));
    m_concurrency = new QSpinBox(batchBox);
    m_concurrency->setObjectName(QStringLiteral("clientConcurrency"));
    m_concurrency->setRange(1, 512);
    m_concurrency->setValue(8);
    m_concurrency->setSuffix(tr(" at once"));
    m_concurrency->setToolTip(tr("Connections open at the same time; more than the backlog shows the accept queue filling"));
    auto *batchButtons = new QHBoxLayout;
    m_runBatch = new QPushButton(tr("Run (Ctrl+Shift+Return)"), batchBox);
    m_runBatch->setObjectName(QStringLiteral("clientRunBatch"));
    m_cancel = new QPushButton(tr("Cancel"), batchBox);
    m_cancel->setEnabled(false);
    batchButtons->addWidget(m_runBatch);
    batchButtons->addWidget(m_cancel);
    m_progress = new QProgressBar(batchBox);
    m_progress->setObjectName(QStringLiteral("clientProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary = new QLabel(batchBox);
    m_summary->setObjectName(QStringLiteral("clientSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    batch->addRow(tr("Repeat"), m_repeat);
    batch->addRow(tr("Connections"), m_concurrency);
    batch->addRow(batchButtons);
    batch->addRow(m_progress);
    batch->addRow(m_summary);
    right->addWidget(batchBox);
    right->addStretch(1);
    layout->addLayout(right, 2);

    connect(m_send, &QPushButton::clicked, this, &ClientPanel::send);
    connect(m_runBatch, &QPushButton::clicked, this, &ClientPanel::runBatch);
    connect(m_cancel, &QPushButton::clicked, this, &ClientPanel::cancelBatch);
    connect(&m_batch, &ClientBatch::resultsReady, this, &ClientPanel::onResults);
    connect(&m_batch, &ClientBatch::finished, this, &ClientPanel::onFinished);
    connect(&m_batch, &ClientBatch::progress, this, [this](int done, int total) {
        if (m_single)
            return;
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    m_host->setEnabled(false);
    m_port->setEnabled(false);
}

void ClientPanel::setServerEndpoint(const QString &host, quint16 port, bool running, HandlerKind handler, bool persistent)
{
    m_serverHost = host;
    m_serverPort = port;
    m_serverRunning = running;
    m_serverHandler = handler;
    m_serverPersistent = persistent;
    if (m_follow->isChecked() && running) {
        // A server bound to all interfaces is reached on loopback.
        // A server on every interface is reached on loopback, in its own family.
        m_host->setText(host == QLatin1String("0.0.0.0") || host.isEmpty() ? QStringLiteral("127.0.0.1")
                        : host == QLatin1String("::")                      ? QStringLiteral("::1")
                                                                           : host);
        m_port->setValue(port);
    }
}

Result<ClientRequest> ClientPanel::buildRequest() const
{
    ClientRequest request;
    request.host = m_host->text().trimmed();
    if (request.host.isEmpty())
        return Error::message(tr("Host: enter the server's address"));
    request.port = quint16(m_port->value());
    // "[::1]:9000" in the host field names the port too.
    if (const HostAndPort split = splitHostAndPort(request.host); split.hasPort) {
        if (split.port < 1 || split.port > 65535)
            return Error::message(tr("Host: port %1 is not 1..65535").arg(split.port));
        request.host = split.host;
        request.port = quint16(split.port);
    }
    if (!hostNeedsLookup(request.host)) {
        // A literal is checked here; a name is resolved by the client, off this thread.
        if (const Result<ResolvedHost> literal = resolveHost(request.host); !literal)
            return Error::message(tr("Host: %1").arg(literal.error().text()));
    }
    if (m_follow->isChecked() && !m_serverRunning)
        return Error::message(tr("The server is not running: start it (Ctrl+R) or untick \"Follow the running server\""));
    switch (MessageForm(m_form->currentIndex())) {
    case MessageForm::Text:
        request.payload = m_text->text().toUtf8();
        if (m_newline->isChecked())
            request.payload += '\n';
        break;
    case MessageForm::Hex: {
        QString error;
        if (!parseHex(m_hex->text(), &request.payload, &error))
            return Error::message(tr("Hex: %1").arg(error));
        break;
    }
    case MessageForm::Bin: {
        QStringList values;
        for (QLineEdit *e : m_binFields)
            values << e->text();
        BinFrame frame;
        QString error;
        if (!BinFrame::parseFields(values.join(QLatin1Char(',')), &frame, &error))
            return Error::message(tr("Bin frame: %1").arg(error));
        request.payload = frame.encode();
        break;
    }
    }
    if (request.payload.isEmpty())
        return Error::message(tr("Message: nothing to send"));
    const int pieces = std::min<int>(m_pieces->value(), int(request.payload.size()));
    if (pieces > 1) {
        // Equal pieces, the remainder in the last one.
        const qsizetype size = request.payload.size() / pieces;
        for (int i = 0; i < pieces; ++i)
            request.pieces << request.payload.mid(i * size, i + 1 == pieces ? -1 : size);
        request.pieceDelayMs = m_pieceGap->value();
    }
    request.nodelay = m_nodelay->isChecked();
    request.quickack = m_quickack->isChecked();
    request.fastOpen = m_fastopen->isChecked();
    request.socketFactory = m_socketFactory;
    request.connectTimeoutMs = m_connectTimeout->value();
    request.replyTimeoutMs = m_replyTimeout->value();
    ReplyEnd end = ReplyEnd(m_replyEnd->currentIndex());
    if (end == AutoEnd) {
        // A one-shot server closes after its reply; a persistent one keeps the connection, so
        // the end of the reply follows from the handler's framing.
        end = CloseEnd;
        if (m_follow->isChecked() && m_serverPersistent) {
            switch (m_serverHandler) {
            case HandlerKind::Line: end = LineEnd; break;
            case HandlerKind::Bin: end = FrameEnd; break;
            case HandlerKind::Byte: end = FirstReadEnd; break;
            }
        }
    }
    switch (end) {
    case AutoEnd:
    case CloseEnd: request.replyMode = ReplyMode::UntilClose; break;
    case LineEnd: request.replyMode = ReplyMode::Line; break;
    case FirstReadEnd: request.replyMode = ReplyMode::FirstRead; break;
    case FrameEnd:
        request.replyMode = ReplyMode::Bytes;
        request.expectedBytes = BinFrame::Size;
        break;
    }
    return request;
}

std::optional<ClientRequest> ClientPanel::requestIfIdle()
{
    if (m_batch.isRunning()) {
        showMessage(tr("Busy: the previous exchange is still running"), true);
        return std::nullopt;
    }
    Result<ClientRequest> request = buildRequest();
    if (!request) {
        showMessage(request.error().text(), true);
        return std::nullopt;
    }
    return request.take();
}

namespace {
// "[::1]:9000" for an IPv6 literal, "host:9000" otherwise, as the rest of the lab prints endpoints.
QString targetText(const ClientRequest &request)
{
    const QString &host = request.host;
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(request.port)
                                           : QStringLiteral("%1:%2").arg(host).arg(request.port);
}
} // namespace

bool ClientPanel::send()
{
    std::optional<ClientRequest> request = requestIfIdle();
    if (!request)
        return false;
    m_single = true;
    m_lastPayload = request->payload;
    m_binSent = m_form->currentIndex() == int(MessageForm::Bin);
    m_target = targetText(*request);
    post(LogLevel::Info, tr("client -> %1: sending %n byte(s)", nullptr, int(m_lastPayload.size())).arg(m_target), m_lastPayload);
    showMessage(tr("Sending to %1 ...").arg(m_target), false);
    m_batch.start(*request, 1, 1);
    setBusy(true);
    return true;
}

bool ClientPanel::runBatch()
{
    std::optional<ClientRequest> request = requestIfIdle();
    if (!request)
        return false;
    m_single = false;
    m_binSent = false;
    m_target = targetText(*request);
    m_summary->clear();
    m_progress->setRange(0, m_repeat->value());
    m_progress->setValue(0);
    post(LogLevel::Info, tr("client -> %1: %2 exchanges over %3 connection(s) at once")
                             .arg(m_target)
                             .arg(m_repeat->value())
                             .arg(std::min(m_repeat->value(), m_concurrency->value())),
         request->payload);
    showMessage(tr("Running %1 exchanges ...").arg(m_repeat->value()), false);
    m_batch.start(*request, m_repeat->value(), m_concurrency->value());
    setBusy(true);
    return true;
}

void ClientPanel::cancelBatch()
{
    m_batch.cancel();
}

void ClientPanel::setBusy(bool busy)
{
    m_send->setEnabled(!busy);
    m_runBatch->setEnabled(!busy);
    m_cancel->setEnabled(busy && !m_single);
    emit busyChanged(busy);
}

void ClientPanel::onResults(const QList<BatchItem> &items)
{
    for (const BatchItem &item : items) {
        const ClientResult &r = item.result;
        if (m_single) {
            if (r.error) {
                post(LogLevel::Error, tr("client <- %1: %2").arg(m_target, r.error.text()), r.reply);
                showMessage(r.error.text(), true);
            } else {
                post(LogLevel::Info, tr("client <- %1: reply %n byte(s), RTT %2 ms", nullptr, int(r.reply.size()))
                                         .arg(m_target, ms(r.firstByteUs)),
                     r.reply);
                showMessage(tr("Reply received from %1").arg(m_target), false);
            }
            m_replyText->setText(printableData(r.reply, 4096));
            m_replyHex->setText(hexData(r.reply, 4096));
            QString frame;
            if (m_binSent && !r.reply.isEmpty()) {
                BinFrame decoded;
                QString error;
                frame = BinFrame::decode(r.reply.constData(), r.reply.size(), &decoded, &error) ? decoded.toText() : error;
            }
            m_replyFrame->setText(frame);
            if (r.error && r.reply.isEmpty()) {
                m_rtt->setText(tr("connect %1 ms").arg(ms(r.connectUs)));
            } else {
                QString timing = tr("RTT %1 ms (first byte out to first byte back) · connect %2 ms · total %3 ms")
                                     .arg(ms(r.firstByteUs), ms(r.connectUs), ms(r.totalUs));
                if (r.tcp.valid)
                    timing += tr(" · kernel srtt %1 ms").arg(ms(r.tcp.rttUs));
                if (r.fastOpenUsed)
                    timing += tr(" · data rode in the SYN (Fast Open)");
                if (r.peerClosed)
                    timing += tr(" · closed by the server");
                // Read back from the client's socket: what QUICKACK (re-armed or not) left.
                if (r.options.quickackReads > 0)
                    timing += tr(" · client socket: TCP_NODELAY %1, delaying ACKs after %2 of %3 reads")
                                  .arg(r.options.nodelay)
                                  .arg(r.options.delayedAckReads)
                                  .arg(r.options.quickackReads);
                m_rtt->setText(timing);
            }
        } else if (r.error) {
            post(LogLevel::Warning, tr("client exchange %1 <- %2: %3").arg(item.index + 1).arg(m_target, r.error.text()));
        } else {
            post(LogLevel::Debug, tr("client exchange %1 <- %2: %n byte(s), RTT %3 ms", nullptr, int(r.reply.size()))
                                      .arg(item.index + 1)
                                      .arg(m_target, ms(r.firstByteUs)),
                 r.reply);
        }
    }
}

void ClientPanel::onFinished(const BatchSummary &summary)
{
    if (!m_single) {
        m_summary->setText(summary.toText());
        post(summary.failed ? LogLevel::Warning : LogLevel::Info, tr("client batch: %1").arg(summary.toText()));
        showMessage(summary.failed ? tr("%1 of %2 exchanges failed").arg(summary.failed).arg(summary.requested)
                                   : tr("Batch done"),
                    summary.failed > 0);
    }
    m_single = false;
    setBusy(false);
}

void ClientPanel::post(LogLevel level, const QString &text, const QByteArray &data)
{
    ServerEvent e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = EventKind::Client;
    e.level = level;
    e.text = text;
    e.data = data;
    emit clientEvent(e);
}

void ClientPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color:#c01c28; font-weight:bold;") : QString());
}

QString ClientPanel::lastMessage() const { return m_message->text(); }
QString ClientPanel::replyText() const { return m_replyText->text(); }
QString ClientPanel::replyHex() const { return m_replyHex->text(); }
QString ClientPanel::rttText() const { return m_rtt->text(); }
QString ClientPanel::batchSummary() const { return m_summary->text(); }

void ClientPanel::saveSettings(QSettings &s) const
{
    s.beginGroup(QStringLiteral("client"));
    s.setValue(QStringLiteral("follow"), m_follow->isChecked());
    s.setValue(QStringLiteral("host"), m_host->text());
    s.setValue(QStringLiteral("port"), m_port->value());
    s.setValue(QStringLiteral("form"), m_form->currentIndex());
    s.setValue(QStringLiteral("text"), m_text->text());
    s.setValue(QStringLiteral("newline"), m_newline->isChecked());
    s.setValue(QStringLiteral("hex"), m_hex->text());
    QStringList bin;
    for (QLineEdit *e : m_binFields)
        bin << e->text();
    s.setValue(QStringLiteral("bin"), bin);
    s.setValue(QStringLiteral("nodelay"), m_nodelay->isChecked());
    s.setValue(QStringLiteral("quickack"), m_quickack->isChecked());
    s.setValue(QStringLiteral("fastopen"), m_fastopen->isChecked());
    s.setValue(QStringLiteral("connectTimeoutMs"), m_connectTimeout->value());
    s.setValue(QStringLiteral("replyTimeoutMs"), m_replyTimeout->value());
    s.setValue(QStringLiteral("replyEnd"), m_replyEnd->currentIndex());
    s.setValue(QStringLiteral("pieces"), m_pieces->value());
    s.setValue(QStringLiteral("pieceGapMs"), m_pieceGap->value());
    s.setValue(QStringLiteral("repeat"), m_repeat->value());
    s.setValue(QStringLiteral("concurrency"), m_concurrency->value());
    s.endGroup();
}

void ClientPanel::loadSettings(QSettings &s)
{
    s.beginGroup(QStringLiteral("client"));
    auto setBox = [&s](QCheckBox *box, const char *key) {
        if (s.contains(QLatin1String(key)))
            box->setChecked(s.value(QLatin1String(key)).toBool());
    };
    auto setSpin = [&s](QSpinBox *spin, const char *key) {
        if (s.contains(QLatin1String(key)))
            spin->setValue(s.value(QLatin1String(key)).toInt());
    };
    auto setCombo = [&s](QComboBox *combo, const char *key) {
        const int i = s.value(QLatin1String(key), -1).toInt();
        if (i >= 0 && i < combo->count())
            combo->setCurrentIndex(i);
    };
    auto setLine = [&s](QLineEdit *edit, const char *key) {
        if (s.contains(QLatin1String(key)))
            edit->setText(s.value(QLatin1String(key)).toString());
    };
    setBox(m_follow, "follow");
    setLine(m_host, "host");
    setSpin(m_port, "port");
    setCombo(m_form, "form");
    setLine(m_text, "text");
    setBox(m_newline, "newline");
    setLine(m_hex, "hex");
    const QStringList bin = s.value(QStringLiteral("bin")).toStringList();
    for (int i = 0; i < bin.size() && i < m_binFields.size(); ++i)
        m_binFields[i]->setText(bin[i]);
    setBox(m_nodelay, "nodelay");
    setBox(m_quickack, "quickack");
    setBox(m_fastopen, "fastopen");
    setSpin(m_connectTimeout, "connectTimeoutMs");
    setSpin(m_replyTimeout, "replyTimeoutMs");
    setCombo(m_replyEnd, "replyEnd");
    setSpin(m_pieces, "pieces");
    setSpin(m_pieceGap, "pieceGapMs");
    setSpin(m_repeat, "repeat");
    setSpin(m_concurrency, "concurrency");
    s.endGroup();
    m_host->setEnabled(!m_follow->isChecked());
    m_port->setEnabled(!m_follow->isChecked());
}

} // namespace tcplab
