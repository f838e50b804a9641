<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClientBatch</name>
    <message>
        <source>%1 of %2 exchanges done: %3 ok, %4 failed in %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; RTT min %1 / median %2 / p99 %3 / max %4 ms; connect mean %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 carried data in the SYN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; first error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Experiment</name>
    <message>
        <source>Nagle on both sides, delayed ACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client TCP_NODELAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server TCP_NODELAY only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP_NODELAY on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client Nagle, server TCP_QUICKACK re-armed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client Nagle, client TCP_QUICKACK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <source>option report (requested vs effective on the listening socket):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogExport</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Option</name>
    <message>
        <source>; default %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; default: kernel&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as --persistent with on|off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any other integer socket option, applied to the listener before listen(): LEVEL:OPTNAME:VALUE (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to bind: an IPv4 literal, localhost, or empty for all interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binding 0.0.0.0 exposes the server on every interface; 127.0.0.1 keeps it on loopback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port to listen on; 0 lets the kernel pick a free ephemeral port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports below 1024 need CAP_NET_BIND_SERVICE; port 0 picks from net.ipv4.ip_local_port_range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow bind() while old connections on the port are in TIME_WAIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be set before bind(); without it a restarted server fails with EADDRINUSE until TIME_WAIT ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let several listeners bind the same port; the kernel spreads connections across them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every socket sharing the port must set it before bind() and belong to the same user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of the accept queue of completed connections passed to listen()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel silently caps it at net.core.somaxconn; half-open connections are limited by net.ipv4.tcp_max_syn_backlog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wake accept() only when data has arrived, for at most this many seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel turns the seconds into a count of SYN-ACK retransmissions, so it reads back rounded up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send keep-alive probes on idle connections to detect a vanished peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted sockets inherit it from the listener; without the TCP_KEEP* values the sysctls net.ipv4.tcp_keepalive_* apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle time before the first keep-alive probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only takes effect while SO_KEEPALIVE is on; the kernel allows 1..32767 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unanswered probes before the connection is dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this many unanswered probes the kernel resets the connection with ETIMEDOUT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time between keep-alive probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dead peer is noticed after KEEPIDLE + KEEPCNT x KEEPINTVL seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable Nagle&apos;s algorithm: send small segments at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With Nagle on, a small write waits for the ACK of unacknowledged data; with a delayed ACK at the peer that costs ~40 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge at once instead of delaying ACKs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sticky: the kernel may leave quick-ack mode after any ACK, so the lab sets it on every accepted socket (and after every read when re-arm is on).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set TCP_QUICKACK again after every read on accepted sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Because TCP_QUICKACK is not sticky, only re-arming after each read keeps ACKs immediate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept data in the SYN (TCP Fast Open); the value is the queue of pending TFO requests, 0 = off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set at IPPROTO_TCP level (the recipe&apos;s SOL_SOCKET is rejected); works only when net.ipv4.tcp_fastopen has the server bit (2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold partial segments until uncorked or 200 ms pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corked data is sent only in full segments or after a 200 ms ceiling; it overrides TCP_NODELAY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report writable only while less than this much unsent data is queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the send queue short so new data is not stuck behind stale bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive buffer size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel doubles the value for bookkeeping and caps it at net.core.rmem_max; set before listen() to shape the window scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send buffer size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel doubles the value for bookkeeping and caps it at net.core.wmem_max.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper bound on the segment size announced in the SYN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only lowers the MSS; the path MTU and the peer&apos;s MSS still apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive timeout of blocking reads (the recipe&apos;s timeout); 0 = wait forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts only on blocking calls: iterative and threaded modes. Event mode never blocks and uses the idle timeout instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send timeout of blocking writes; 0 = wait forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts only on blocking calls; a peer that never reads then stalls only its own connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the connection when sent data stays unacknowledged this long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also bounds keep-alive: with keep-alive on, it overrides KEEPCNT when the peer stops answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How close() treats unsent data: -1 off, 0 reset at once, N wait up to N seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linger 0 makes close() send RST and skip TIME_WAIT; a positive value makes a blocking close() wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime of orphaned FIN_WAIT2 sockets; -1 = skip FIN_WAIT2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capped by the kernel at 120 s (TCP_FIN_TIMEOUT_MAX); 0 means net.ipv4.tcp_fin_timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event mode: close a connection that sent nothing for this long; 0 = never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SO_RCVTIMEO has no effect on non-blocking sockets, so event mode keeps its own timer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Congestion control algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only algorithms in net.ipv4.tcp_available_congestion_control can be chosen by an unprivileged process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type-of-service / DSCP byte of outgoing packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two low ECN bits are managed by the kernel&apos;s TCP and are masked on read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time-to-live of outgoing packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unset, the kernel uses net.ipv4.ip_default_ttl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol: byte (one recv, upper-cased), line (up to newline, upper-cased), bin (struct ! I 2s Q 2h f)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP is a byte stream: only the handler&apos;s framing decides where a message ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve request after request until the peer closes (off: one request, then close, as in the recipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shot connections pay a handshake and a TIME_WAIT each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byte handler: size of its one recv() call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One recv returns what has arrived so far, up to this size: a message split across segments arrives cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line handler: longest line accepted; longer closes the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a limit a peer that never sends a newline makes the server buffer without end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin handler reply: echo the frame unchanged, or upper (the recipe&apos;s upper-casing of raw bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper-casing raw bytes corrupts binary fields; it is kept only for comparison with the recipe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iterative (one connection at a time), threaded (a thread per connection), event (epoll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterative mode shows head-of-line blocking: later clients wait in the accept queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threaded mode: most connection threads at once; more wait in the accept queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each thread costs a stack; beyond the cap new connections queue in the kernel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least severe event logged: debug (data and per-connection reports), info, warning, error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-connection reports cost getsockopt calls; they are made only when someone listens at debug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep-alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP and congestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is out of range %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not one of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a whole number (allowed %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number of seconds (allowed %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raw option &apos;%1&apos; is not LEVEL:OPTNAME:VALUE (LEVEL a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap on every listen() backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>half-open (SYN_RECV) connections per listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast Open bits: 1 client, 2 server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>largest SO_RCVBUF a process may ask for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>largest SO_SNDBUF a process may ask for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP receive buffer min/default/max (autotuning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP send buffer min/default/max (autotuning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default TCP_KEEPIDLE (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default TCP_KEEPINTVL (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default TCP_KEEPCNT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default FIN_WAIT2 lifetime (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ephemeral ports for port 0 and clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default congestion control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen backlog %1 exceeds net.core.somaxconn = %2: the kernel caps it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP_FASTOPEN is set but net.ipv4.tcp_fastopen = %1 lacks the server bit (2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 exceeds %3 = %4: the kernel caps it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binding all interfaces: the server is reachable from other machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SO_RCVTIMEO/SO_SNDTIMEO act only on blocking calls: event mode ignores them (use the idle timeout)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>TCP Lab: switch TCP server socket options, run a real server, talk to it, and see what the kernel did.
Times are in each kernel option&apos;s own unit: seconds for keep-alive, DEFER_ACCEPT and LINGER; seconds with fractions for RCVTIMEO/SNDTIMEO; milliseconds for USER_TIMEOUT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the server without a window; the log goes to stdout until SIGINT/SIGTERM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the report and every event as one JSON object per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: start the server at launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab</name>
    <message>
        <source>&apos;%1&apos; at position %2 is not a hex digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>odd number of hex digits (%1): every byte needs two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send timeout (SO_SNDTIMEO expired with %1 of %2 bytes sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receive timeout (SO_RCVTIMEO expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed after a protocol error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed after reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect to %1 timed out after %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short send to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QTcpSocket refused the descriptor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no complete reply from %1 within %2 ms (%3 bytes so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without a reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address (the lab serves IPv4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown host &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1 is in use on %2 (EADDRINUSE): another server holds it, or connections are in TIME_WAIT and SO_REUSEADDR is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binding %1 needs privileges (EACCES): ports below 1024 need CAP_NET_BIND_SERVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an address of this machine (EADDRNOTAVAIL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>getrlimit(RLIMIT_NOFILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setrlimit(RLIMIT_NOFILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>doubled by the kernel to leave room for bookkeeping overhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capped at 2 x %1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adjusted by the kernel (it doubles the value and enforces a minimum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kernel stores a count of SYN-ACK retransmissions, so the seconds read back rounded up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sticky: the kernel leaves quick-ack mode on its own; it is set again on each accepted socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 and values above net.ipv4.tcp_fin_timeout read back as the sysctl&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on a socket that is not connected the kernel reports its default MSS until the handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the two ECN bits are owned by TCP and masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kernel holds a different value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clamped to net.core.somaxconn = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net.ipv4.tcp_fastopen = %1 lacks the server bit (2): clients fall back to a normal handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acts only on blocking calls: event mode ignores it (use the idle timeout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sticky: set again on each accepted socket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::AcceptQueueExperiment</name>
    <message>
        <source>Accept queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An iterative server (backlog %1) is stuck serving one silent connection while %2 clients connect.
The kernel completes at most backlog + 1 handshakes into the accept queue and drops the other SYNs: watch ListenOverflows and the queue length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one client connects and stays silent: the iterative server waits in recv()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not accept the first connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clients connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the kernel&apos;s view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients while the server is stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state (TCP_INFO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed, waits in the accept queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYN dropped, retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel counters and listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListenOverflows (/proc/net/netstat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListenDrops (/proc/net/netstat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept queue length (TCP_INFO tcpi_unacked = ss Recv-Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept queue limit (tcpi_sacked = ss Send-Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clients against backlog %2 while the server is stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections / count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still in SYN_SENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListenOverflows +</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListenDrops +</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 clients completed the handshake while the server was stuck: Linux lets backlog + 1 = %3 connections wait in the accept queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clients are still in SYN_SENT: their SYNs were dropped and they retry after 1 s, 3 s, 7 s... (ListenOverflows +%2, ListenDrops +%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listener&apos;s TCP_INFO reports %1 connections queued against a limit of %2, as `ss -lnt` shows in Recv-Q / Send-Q.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The counters are per network namespace: other programs&apos; overflows in the same namespace add to them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleaning up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::BinFrame</name>
    <message>
        <source>short frame: %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over-long frame: %1 bytes, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Bin frame takes 6 comma-separated fields u32,tag,u64,i16,i16,f32; got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 1 (u32): &apos;%1&apos; is not 0..4294967295</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 2 (tag): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 2 (tag): &apos;%1&apos; is not exactly 2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 3 (u64): &apos;%1&apos; is not an unsigned 64-bit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 4 (i16): &apos;%1&apos; is not -32768..32767</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 5 (i16): &apos;%1&apos; is not -32768..32767</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field 6 (f32): &apos;%1&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::BinFramer</name>
    <message>
        <source>over-long frame: %1 bytes, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer closed without sending any data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short frame: %1 of %2 bytes before EOF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::BlockingEngine</name>
    <message>
        <source>accept (backing off 100 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ByteFramer</name>
    <message>
        <source>recv: %1 bytes in one recv() of up to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer closed without sending any data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ClientPanel</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the running server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the address and port the lab&apos;s server is bound to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin frame (! I 2s Q 2h f)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>append \n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Line handler answers only when a newline arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two hex digits per byte; spaces, &apos;:&apos; and &apos;-&apos; are ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsigned 32-bit, 0..4294967295</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exactly 2 characters, or 0xHHHH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsigned 64-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed 16-bit, -32768..32767</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send once (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: Nagle&apos;s algorithm holds a small write until the previous one is acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge at once instead of delaying ACKs (not sticky)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast Open (TCP_FASTOPEN_CONNECT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data rides in the SYN once a cookie from an earlier connection is cached; needs bit 1 of net.ipv4.tcp_fastopen here and bit 2 at the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (from the server&apos;s handler)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the server closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At a newline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the first read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After one Bin frame (22 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP is a byte stream: the client needs a rule for where the reply ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections open at the same time; more than the backlog shows the accept queue filling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: enter the server&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is not running: start it (Ctrl+R) or untick &quot;Follow the running server&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin frame: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message: nothing to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy: the previous exchange is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>client -&gt; %1: sending %n byte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sending to %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client -&gt; %1: %2 exchanges over %3 connection(s) at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1 exchanges ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client &lt;- %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>client &lt;- %1: reply %n byte(s), RTT %2 ms</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reply received from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT %1 ms (first byte out to first byte back) · connect %2 ms · total %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · kernel srtt %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · data rode in the SYN (Fast Open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client exchange %1 &lt;- %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>client exchange %1 &lt;- %2: %n byte(s), RTT %3 ms</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>client batch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 exchanges failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ClientResult</name>
    <message>
        <source>reply %1 bytes, connect %2 us, first byte %3 us, total %4 us%5%6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, closed by server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, data carried in the SYN (Fast Open)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::CloseButtonsDelegate</name>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ConnectionModel</name>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cwnd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrans now / total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ConnectionSession</name>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted socket carries: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reset by the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in %2 bytes, out %3 bytes, %4 requests)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ConnectionsPanel</name>
    <message>
        <source>Close selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graceful close: shutdown() and close(), the peer reads end-of-file (FIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abortive close: SO_LINGER 0 then close(), the peer gets ECONNRESET (RST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close #%1 (FIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset #%1 (RST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open, %2 shown (closed ones stay greyed for 30 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::EventEngine</name>
    <message>
        <source>epoll/eventfd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoll_wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept (pausing 100 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost while sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection reset by peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed after a protocol error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed after reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer went away before the reply was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle timeout (%1 s without data)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::EventHub</name>
    <message numerus="yes">
        <source>%n event(s) dropped: the observers could not keep up</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tcplab::Experiment</name>
    <message>
        <source>cancelled by the user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ExperimentRegistry</name>
    <message>
        <source>unknown experiment &apos;%1&apos;; known: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::FileLimitReport</name>
    <message>
        <source>file descriptor limit stays at %1 (hard %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file descriptor limit raised from %1 to the hard limit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file descriptor limit %1 (the hard limit)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::KeepAliveExperiment</name>
    <message>
        <source>Keep-alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An idle connection with KEEPIDLE %1 s, KEEPINTVL %2 s, KEEPCNT %3: the kernel probes the silent peer, and the probes are answered.
Then the path to the peer is cut (lo down in a private network namespace): watch the unanswered probes count up until the kernel drops the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer-vanishes part was skipped: %1. Cutting the path needs a private network namespace, where lo can be taken down without disturbing this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran in a private network namespace; the peer vanished by taking its lo down, so no FIN or RST could reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::KeepAliveRun</name>
    <message>
        <source>the server did not accept the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle connection, peer answering the probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle, peer present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cutting the path to the peer (lo down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer vanished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path restored: the client writes on its half-open connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server socket over time (TCP_INFO and /proc/net/tcp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unanswered probes (tcpi_probes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timer fires in ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unanswered probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server socket open (1) / gone (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep-alive %1/%2/%3 (idle s / interval s / count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probes / open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the peer present the keep-alive timer fires every %1 s and each probe is answered: unanswered probes stayed at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the path was cut, the probes went unanswered (%1 counted) and the kernel dropped the server&apos;s connection %2 s later (expected about KEEPCNT x KEEPINTVL = %3 s): %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the path was cut the server&apos;s connection was still open %1 s later (probes counted: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client, without keep-alive, still believed its connection was %1; its next write, once the path was back, got: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::LabWindow</name>
    <message>
        <source>TCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the server to see what the kernel made of each option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save log...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart with the panel&apos;s options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close all connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset all connections (RST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to &amp;recipe defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run the repeat batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;TCP Lab %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Switch TCP server socket options, run a real server, talk to it with the built-in client and see what the kernel did.&lt;/p&gt;&lt;p&gt;Every control&apos;s tooltip explains the option and the kernel rule behind it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option changed while running: it applies on restart (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Listener on %1: %n option(s) differ from what was asked (highlighted).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Server started on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe defaults restored: they apply on restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe defaults restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop server (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start server (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1 · %2 mode · %3 handler · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-shot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::LineFramer</name>
    <message>
        <source>%1 bytes after the first line ignored (one-shot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer closed without sending any data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last line has no newline (%1 bytes before EOF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line: %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line longer than the limit of %1 bytes (%2 bytes without newline): closing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::LogPanel</name>
    <message>
        <source>debug and up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info and up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show events of this level and more severe. The server only produces debug events (data, per-connection reports) when its log level option is debug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the events of one connection number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data as hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text and hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold new events (up to the line limit) without updating the pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the log (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown lines as text or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most lines kept; older ones are dropped and counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 lines shown (limit %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost by the server&apos;s event queue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused, %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (*.txt *.log)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::NagleExperiment</name>
    <message>
        <source>Nagle and delayed ACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client writes each request in two small pieces, then waits for the reply, %1 times per combination of TCP_NODELAY and TCP_QUICKACK.
With Nagle on at the client, the second piece waits for the ACK of the first, which the server delays (~40 ms): look at the max and median round trip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip per combination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>combination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client NODELAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server NODELAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server QUICKACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client QUICKACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalls &gt;= %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every round trip (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request round trip: two small writes, then read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: stopped after %2 exchanges: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With Nagle on at the client, each request waited for the server&apos;s delayed ACK: median %1 ms against %2 ms with client TCP_NODELAY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No delayed-ACK stall showed this time (median %1 ms with Nagle, %2 ms with client TCP_NODELAY): the kernel acknowledged the first piece at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP_NODELAY on the server alone does not help (median %1 ms): it is the client&apos;s second write that Nagle holds back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-arming TCP_QUICKACK on the server after every read removes the wait (median %1 ms); TCP_QUICKACK on the client does not (median %2 ms): it changes the client&apos;s ACKs, not the server&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each combination uses one persistent connection to a Line server in threaded mode on 127.0.0.1; a stall is a round trip of %1 ms or more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::OptionEditor</name>
    <message>
        <source>Host: &apos;%1&apos; is not an IPv4 address (four numbers 0..255 separated by dots)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: &apos;%1&apos; is neither an IPv4 address nor a host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipe: kernel default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially checked: not set, the kernel&apos;s default applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unticked: not set, the kernel&apos;s default applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off (-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set this option; unticked leaves it to the kernel&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a whole number in %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::OptionReportModel</name>
    <message>
        <source>The kernel holds %1 where %2 was asked: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective (getsockopt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it differs / note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ReuseAddrExperiment</name>
    <message>
        <source>SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A one-shot server answers %1 clients and closes first, so their connections stay in TIME_WAIT on its port for a minute; then it restarts on the same port.
Without SO_REUSEADDR the restart&apos;s bind() fails with EADDRINUSE; with it (on the old and the new socket) it succeeds. Two live listeners still conflict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server with SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server without SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restart with SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restart without SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound and listening on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second server while the restarted one listens, both with SO_REUSEADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound (unexpected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind() on the same port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME_WAIT on the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME_WAIT sockets on the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind succeeded (1) / failed (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarting on a port with connections in TIME_WAIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without SO_REUSEADDR, with %1 connections in TIME_WAIT on the port, the restart&apos;s bind() %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With SO_REUSEADDR, with %1 connections in TIME_WAIT, the restart&apos;s bind() %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second server on the port while the first listens: %1 — SO_REUSEADDR does not let two listeners share a port on Linux (that is SO_REUSEPORT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME_WAIT lasts 60 s on Linux; the lab counts the sockets from /proc/net/tcp (state 06) on the server&apos;s port. SO_REUSEPORT is off in both servers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ReusePortExperiment</name>
    <message>
        <source>SO_REUSEPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 listeners bind the same port with SO_REUSEPORT and %2 clients connect: the kernel hashes each connection to one listener&apos;s accept queue.
Then one more listener tries the same port without the option: bind() fails with EADDRINUSE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening %1 listeners with SO_REUSEPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clients connect to port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading each listener&apos;s accept queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued (TCP_INFO tcpi_unacked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one more listener without SO_REUSEPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener %1 without the option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound (unexpected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener %1 with the option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound: it now shares the port too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections to port %2 over %3 SO_REUSEPORT listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel spread %1 connections over %2 of %3 listeners (%4): it picks a listener by a hash of the connection&apos;s addresses and ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A listener without SO_REUSEPORT was allowed to bind (unexpected on Linux).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A listener without SO_REUSEPORT could not join: %1 (%2). Every socket sharing the port must set the option before bind().</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each listener is a socket opened by the lab&apos;s core (options before bind, then listen); the connections were counted by accepting them from each listener.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::Server</name>
    <message>
        <source>the server is already running on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening on %1 (%2 mode, %3 handler, %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped (was %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::ServerPanel</name>
    <message>
        <source>Changed while running: the new values apply on restart (Server &gt; Restart, Ctrl+Shift+R).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw socket options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Any other integer socket option, set on the listener before listen(): LEVEL:OPTNAME:VALUE, separated by commas. LEVEL is a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP.&lt;/p&gt;&lt;p&gt;The effective options table shows what the kernel kept.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEVEL:OPTNAME:VALUE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::SystemPanel</name>
    <message>
        <source>sysctl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from /proc/sys when shown; change them with sysctl -w (as root).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No kernel limit defeats the chosen options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel limits that defeat the chosen options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unreadable)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tcplab::lab</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retransmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep-alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME_WAIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zero-window probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect to 127.0.0.1:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect to 127.0.0.1:%1 timed out after %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIOCGIFFLAGS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIOCSIFFLAGS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unshare(CLONE_NEWNET) (a private network namespace needs CAP_SYS_ADMIN)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
