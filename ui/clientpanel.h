// The built-in client: a message as text, hex or a Bin frame (one field per struct member),
// the client socket options, one Send, or N exchanges over M connections at once. Every
// exchange runs on worker threads (ClientBatch); the panel only shows results.
#pragma once

#include "clientbatch.h"
#include "serverevent.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QStackedWidget;

namespace tcplab {

class ClientPanel : public QWidget
{
    Q_OBJECT
public:
    enum class MessageForm { Text, Hex, Bin };
    explicit ClientPanel(QWidget *parent = nullptr);

    // The running server's address, the default target while "follow server" is ticked.
    void setServerEndpoint(const QString &host, quint16 port, bool running, HandlerKind handler, bool persistent);
    // Where the client's sockets come from: the wire's client side while the server runs across
    // the wire, ::socket() (empty) on loopback. Every Send and batch after the call uses it.
    void setSocketFactory(SocketFactory factory) { m_socketFactory = std::move(factory); }

    // Builds the request from the form; the error names the field that is wrong.
    Result<ClientRequest> buildRequest() const;
    // The request of the form, or nothing (with the reason shown) while busy or invalid.
    std::optional<ClientRequest> requestIfIdle();
    // Start one exchange (Send) or the batch (Run). False with a message when refused.
    bool send();
    bool runBatch();
    void cancelBatch();
    bool isBusy() const { return m_batch.isRunning(); }

    void saveSettings(QSettings &settings) const;
    void loadSettings(QSettings &settings);

    QString lastMessage() const;
    QString replyText() const;
    QString replyHex() const;
    QString rttText() const;
    QString batchSummary() const;

    // Widgets the window and the tests drive.
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QCheckBox *followServerBox() const { return m_follow; }
    QComboBox *formCombo() const { return m_form; }
    QLineEdit *textEdit() const { return m_text; }
    QCheckBox *newlineBox() const { return m_newline; }
    QLineEdit *hexEdit() const { return m_hex; }
    QSpinBox *repeatSpin() const { return m_repeat; }
    QSpinBox *concurrencySpin() const { return m_concurrency; }
    QSpinBox *piecesSpin() const { return m_pieces; }
    QSpinBox *pieceGapSpin() const { return m_pieceGap; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *batchButton() const { return m_runBatch; }
    QList<QLineEdit *> binFields() const { return m_binFields; }

signals:
    // A client event for the log pane (sent, reply, error, batch summary).
    void clientEvent(const tcplab::ServerEvent &event);
    void busyChanged(bool busy);

private:
    void showMessage(const QString &text, bool error);
    void onResults(const QList<BatchItem> &items);
    void onFinished(const BatchSummary &summary);
    void post(LogLevel level, const QString &text, const QByteArray &data = {});
    void setBusy(bool busy);

    ClientBatch m_batch;
    SocketFactory m_socketFactory;
    bool m_single = false;  // the running batch is one Send
    QString m_target;
    QByteArray m_lastPayload;
    bool m_binSent = false;

    // follow-server state
    QString m_serverHost = QStringLiteral("127.0.0.1");
    quint16 m_serverPort = 0;
    bool m_serverRunning = false;
    HandlerKind m_serverHandler = HandlerKind::Byte;
    bool m_serverPersistent = false;

    QCheckBox *m_follow;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_form;
    QStackedWidget *m_stack;
    QLineEdit *m_text;
    QCheckBox *m_newline;
    QLineEdit *m_hex;
    QList<QLineEdit *> m_binFields;
    QCheckBox *m_nodelay;
    QCheckBox *m_quickack;
    QCheckBox *m_fastopen;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_replyTimeout;
    QComboBox *m_replyEnd;
    QSpinBox *m_pieces;
    QSpinBox *m_pieceGap;
    QPushButton *m_send;
    QLabel *m_message;
    QLineEdit *m_replyText;
    QLineEdit *m_replyHex;
    QLabel *m_replyFrame;
    QLabel *m_rtt;
    QSpinBox *m_repeat;
    QSpinBox *m_concurrency;
    QPushButton *m_runBatch;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_summary;
};

} // namespace tcplab
