<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>BinFrame</name>
        <message>
            <source>short frame: %1 of %2 bytes</source>
            <translation>帧过短：%1 / %2 字节</translation>
        </message>
        <message>
            <source>over-long frame: %1 bytes, expected %2</source>
            <translation>帧过长：%1 字节，应为 %2</translation>
        </message>
        <message>
            <source>a Bin frame takes 6 comma-separated fields u32,tag,u64,i16,i16,f32; got %1</source>
            <translation>Bin 帧需要 6 个逗号分隔的字段 u32,tag,u64,i16,i16,f32；实际为 %1 个</translation>
        </message>
        <message>
            <source>field 1 (u32): '%1' is not 0..4294967295</source>
            <translation>字段 1（u32）：'%1' 不在 0..4294967295 之内</translation>
        </message>
        <message>
            <source>field 2 (tag): %1</source>
            <translation>字段 2（tag）：%1</translation>
        </message>
        <message>
            <source>field 2 (tag): '%1' is not exactly 2 characters</source>
            <translation>字段 2（tag）：'%1' 不是恰好 2 个字符</translation>
        </message>
        <message>
            <source>field 3 (u64): '%1' is not an unsigned 64-bit number</source>
            <translation>字段 3（u64）：'%1' 不是无符号 64 位整数</translation>
        </message>
        <message>
            <source>field 4 (i16): '%1' is not -32768..32767</source>
            <translation>字段 4（i16）：'%1' 不在 -32768..32767 之内</translation>
        </message>
        <message>
            <source>field 5 (i16): '%1' is not -32768..32767</source>
            <translation>字段 5（i16）：'%1' 不在 -32768..32767 之内</translation>
        </message>
        <message>
            <source>field 6 (f32): '%1' is not a number</source>
            <translation>字段 6（f32）：'%1' 不是数字</translation>
        </message>
        <message>
            <source>'%1' at position %2 is not a hex digit</source>
            <translation>第 %2 个位置的 '%1' 不是十六进制数字</translation>
        </message>
        <message>
            <source>odd number of hex digits (%1): every byte needs two</source>
            <translation>十六进制数字个数为奇数（%1）：每个字节需要两个</translation>
        </message>
    </context>
    <context>
        <name>Client</name>
        <message>
            <source>a session needs replies that end without a close (line, bytes or first read)</source>
            <translation>会话需要不靠关闭连接来结束的应答（行、字节数或首次读取）</translation>
        </message>
        <message>
            <source>%1: the session is closed</source>
            <translation>%1：会话已关闭</translation>
        </message>
        <message>
            <source>send to %1: %2</source>
            <translation>发送到 %1：%2</translation>
        </message>
        <message>
            <source>no complete reply from %1 within %2 ms (%3 bytes so far)</source>
            <translation>%2 毫秒内未收到 %1 的完整回复（已收到 %3 字节）</translation>
        </message>
        <message>
            <source>%1 closed the connection before the reply was complete</source>
            <translation>%1 在应答完整之前关闭了连接</translation>
        </message>
        <message>
            <source>receive from %1</source>
            <translation>从 %1 接收</translation>
        </message>
        <message>
            <source>socket(AF_INET6): IPv6 is not available on this machine</source>
            <translation>socket(AF_INET6)：本机不支持 IPv6</translation>
        </message>
        <message>
            <source>socket</source>
            <translation>socket</translation>
        </message>
        <message>
            <source>connect to %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <source>connect to %1 timed out after %2 ms</source>
            <translation>连接 %1 超时（%2 毫秒）</translation>
        </message>
        <message>
            <source>reply %1 bytes, connect %2 us, first byte %3 us, total %4 us%5%6</source>
            <translation>回复 %1 字节，连接 %2 微秒，首字节 %3 微秒，总计 %4 微秒%5%6</translation>
        </message>
        <message>
            <source>, closed by server</source>
            <translation>，服务器已关闭连接</translation>
        </message>
        <message>
            <source>, data carried in the SYN (Fast Open)</source>
            <translation>，数据随 SYN 发送（Fast Open）</translation>
        </message>
        <message>
            <source>send to %1</source>
            <translation>发送到 %1</translation>
        </message>
        <message>
            <source>short send to %1</source>
            <translation>发送到 %1 不完整</translation>
        </message>
        <message>
            <source>QTcpSocket refused the descriptor: %1</source>
            <translation>QTcpSocket 拒绝了该描述符：%1</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>%1 closed the connection without a reply</source>
            <translation>%1 未回复就关闭了连接</translation>
        </message>
    </context>
    <context>
        <name>ClientBatch</name>
        <message>
            <source>%1 of %2 exchanges done: %3 ok, %4 failed in %5 ms</source>
            <translation>已完成 %1 / %2 次交换：成功 %3，失败 %4，用时 %5 毫秒</translation>
        </message>
        <message>
            <source> (cancelled)</source>
            <translation>（已取消）</translation>
        </message>
        <message>
            <source>; RTT min %1 / median %2 / p99 %3 / max %4 ms; connect mean %5 ms</source>
            <translation>；RTT 最小 %1 / 中位 %2 / p99 %3 / 最大 %4 毫秒；平均连接 %5 毫秒</translation>
        </message>
        <message>
            <source>; %1 carried data in the SYN</source>
            <translation>；%1 次数据随 SYN 发送</translation>
        </message>
        <message>
            <source>; first error: %1</source>
            <translation>；第一个错误：%1</translation>
        </message>
    </context>
    <context>
        <name>ClientCommand</name>
        <message>
            <source>Client: send TEXT to --host:--port and print the reply</source>
            <translation>客户端：向 --host:--port 发送 TEXT 并打印回复</translation>
        </message>
        <message>
            <source>Client: TEXT of --send is hex digits (e.g. 48656c6c6f0a)</source>
            <translation>客户端：--send 的 TEXT 为十六进制数字（例如 48656c6c6f0a）</translation>
        </message>
        <message>
            <source>Client: send a Bin frame built from u32,tag,u64,i16,i16,f32</source>
            <translation>客户端：发送由 u32,tag,u64,i16,i16,f32 构成的 Bin 帧</translation>
        </message>
        <message>
            <source>Client: N exchanges one after the other and the round-trip distribution (min/median/p99/max). On one connection when the server is persistent (across --wire the lab knows its own server; without --wire only when --persistent is given), else one connection each [1..1000000; default 1]</source>
            <translation>客户端：依次进行 N 次交换，并给出往返时间分布（最小/中位数/p99/最大）。服务器为持久连接时在同一个连接上进行（经由 --wire 时实验室了解自己的服务器；不经由 --wire 时仅在给出 --persistent 时），否则每次交换一个连接 [1..1000000；默认 1]</translation>
        </message>
        <message>
            <source>Client: TCP_NODELAY on the client socket [on|off; default on]</source>
            <translation>客户端：客户端套接字的 TCP_NODELAY [on|off；默认 on]</translation>
        </message>
        <message>
            <source>Client: TCP_QUICKACK on the client socket [on|off; default off]</source>
            <translation>客户端：客户端套接字的 TCP_QUICKACK [on|off；默认 off]</translation>
        </message>
        <message>
            <source>Client: TCP_FASTOPEN_CONNECT, data in the SYN when a cookie is cached [on|off; default off]</source>
            <translation>客户端：TCP_FASTOPEN_CONNECT，已缓存 cookie 时数据随 SYN 发送 [on|off；默认 off]</translation>
        </message>
        <message>
            <source>Client: connect timeout [ms; default 3000]</source>
            <translation>客户端：连接超时 [毫秒；默认 3000]</translation>
        </message>
        <message>
            <source>Client: how long to wait for the reply [ms; default 3000]</source>
            <translation>客户端：等待回复的时间 [毫秒；默认 3000]</translation>
        </message>
        <message>
            <source>--client-nodelay/--client-quickack/--client-fastopen take on or off</source>
            <translation>--client-nodelay/--client-quickack/--client-fastopen 只接受 on 或 off</translation>
        </message>
        <message>
            <source>--connect-timeout: a positive number of milliseconds</source>
            <translation>--connect-timeout：须为正的毫秒数</translation>
        </message>
        <message>
            <source>--reply-timeout: a positive number of milliseconds</source>
            <translation>--reply-timeout：须为正的毫秒数</translation>
        </message>
        <message>
            <source>nothing to send</source>
            <translation>没有可发送的内容</translation>
        </message>
        <message>
            <source>--repeat: a number of exchanges from 1 to 1000000</source>
            <translation>--repeat：交换次数，从 1 到 1000000</translation>
        </message>
        <message>
            <source>
on one connection (%1 local port%2 used)</source>
            <translation>
在同一个连接上（使用了 %1 个本地端口%2）</translation>
        </message>
        <message>
            <source>
one connection each (%1 local ports used)</source>
            <translation>
每次交换一个连接（使用了 %1 个本地端口）</translation>
        </message>
        <message>
            <source>--host %1 names port %2, --port says %3</source>
            <translation>--host %1 指定了端口 %2，而 --port 指定的是 %3</translation>
        </message>
        <message>
            <source>--port: the client needs a server port 1..65535</source>
            <translation>--port：客户端需要服务器端口 1..65535</translation>
        </message>
        <message>
            <source>--host: %1</source>
            <translation>--host：%1</translation>
        </message>
    </context>
    <context>
        <name>Experiment</name>
        <message>
            <source>Nagle on, delayed ACK</source>
            <translation>Nagle 开启，延迟确认</translation>
        </message>
        <message>
            <source>client TCP_NODELAY</source>
            <translation>客户端 TCP_NODELAY</translation>
        </message>
        <message>
            <source>server TCP_NODELAY only</source>
            <translation>仅服务器 TCP_NODELAY</translation>
        </message>
        <message>
            <source>TCP_NODELAY both sides</source>
            <translation>两端都设 TCP_NODELAY</translation>
        </message>
        <message>
            <source>client Nagle, server QUICKACK re-armed</source>
            <translation>客户端 Nagle，服务器每次读后重设 QUICKACK</translation>
        </message>
        <message>
            <source>reply in two writes, client QUICKACK set once before connect</source>
            <translation>回复分两次写出，客户端在 connect 前设置一次 QUICKACK</translation>
        </message>
        <message>
            <source>reply in two writes, server TCP_NODELAY</source>
            <translation>回复分两次写出，服务器 TCP_NODELAY</translation>
        </message>
        <message>
            <source>reply in two writes, client QUICKACK re-armed</source>
            <translation>回复分两次写出，客户端每次读后重设 QUICKACK</translation>
        </message>
        <message>
            <source>no complete reply within %1 ms</source>
            <translation>%1 毫秒内没有收到完整回复</translation>
        </message>
        <message>
            <source>the server closed the connection</source>
            <translation>服务器关闭了连接</translation>
        </message>
        <message>
            <source>Accept queue</source>
            <translation>接受队列</translation>
        </message>
        <message>
            <source>An iterative server (backlog %1) is stuck serving one silent connection while %2 clients connect.
Compare how many handshakes the kernel completes into the accept queue with the backlog, and watch ListenOverflows and the queue length.</source>
            <translation>迭代式服务器（backlog %1）卡在为一个沉默的连接服务，同时有 %2 个客户端在连接。
请将内核完成并放入接受队列的握手数与 backlog 比较，并观察 ListenOverflows 和队列长度。</translation>
        </message>
        <message>
            <source>The counters are per network namespace: other programs' overflows on this machine add to them (%1).</source>
            <translation>计数器按网络命名空间统计：本机其他程序的溢出也会计入（%1）。</translation>
        </message>
        <message>
            <source>Ran in a private network namespace, so the counters changed only by this experiment's connections.</source>
            <translation>在私有网络命名空间中运行，因此计数器只因本实验的连接而变化。</translation>
        </message>
        <message>
            <source>Handshakes in the capture (lo of the experiment's namespace)</source>
            <translation>抓包中的握手（实验命名空间的 lo）</translation>
        </message>
        <message>
            <source>client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>local port</source>
            <translation>本地端口</translation>
        </message>
        <message>
            <source>SYNs sent</source>
            <translation>已发送 SYN</translation>
        </message>
        <message>
            <source>SYN-ACKs received</source>
            <translation>已收到 SYN-ACK</translation>
        </message>
        <message>
            <source>first SYN sent again after s</source>
            <translation>首个 SYN 重发于（s）</translation>
        </message>
        <message>
            <source>The capture shows the SYNs of %1 client(s) answered by no SYN-ACK: the full accept queue made the kernel ignore them, and the clients sent %2 SYN(s) again, the first %3 s after the original (the client's initial retransmission timeout).</source>
            <translation>抓包显示 %1 个客户端的 SYN 没有得到 SYN-ACK 应答：接受队列已满，内核忽略了它们；客户端又重发了 %2 个 SYN，第一个在原始 SYN 之后 %3 s（客户端的初始重传超时）。</translation>
        </message>
        <message>
            <source>-</source>
            <translation>-</translation>
        </message>
        <message>
            <source>The capture shows every client's SYN answered by a SYN-ACK: no SYN was ignored.</source>
            <translation>抓包显示每个客户端的 SYN 都得到了 SYN-ACK 应答：没有 SYN 被忽略。</translation>
        </message>
        <message>
            <source>one client connects and stays silent: the iterative server waits in recv()</source>
            <translation>一个客户端连接后保持沉默：迭代式服务器阻塞在 recv() 中</translation>
        </message>
        <message>
            <source>the server did not accept the first connection</source>
            <translation>服务器没有接受第一个连接</translation>
        </message>
        <message>
            <source>%1 clients connect</source>
            <translation>%1 个客户端发起连接</translation>
        </message>
        <message>
            <source>reading the kernel's view</source>
            <translation>读取内核的视图</translation>
        </message>
        <message>
            <source>Clients while the server is stuck</source>
            <translation>服务器卡住时的客户端</translation>
        </message>
        <message>
            <source>state (TCP_INFO)</source>
            <translation>状态（TCP_INFO）</translation>
        </message>
        <message>
            <source>handshake</source>
            <translation>握手</translation>
        </message>
        <message>
            <source>completed, waits in the accept queue</source>
            <translation>已完成，在接受队列中等待</translation>
        </message>
        <message>
            <source>SYN dropped, retrying</source>
            <translation>SYN 被丢弃，正在重试</translation>
        </message>
        <message>
            <source>Kernel counters and listener</source>
            <translation>内核计数器与监听套接字</translation>
        </message>
        <message>
            <source>what</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>before</source>
            <translation>之前</translation>
        </message>
        <message>
            <source>after</source>
            <translation>之后</translation>
        </message>
        <message>
            <source>change</source>
            <translation>变化</translation>
        </message>
        <message>
            <source>ListenOverflows (/proc/net/netstat)</source>
            <translation>ListenOverflows（/proc/net/netstat）</translation>
        </message>
        <message>
            <source>ListenDrops (/proc/net/netstat)</source>
            <translation>ListenDrops（/proc/net/netstat）</translation>
        </message>
        <message>
            <source>accept queue length (TCP_INFO tcpi_unacked = ss Recv-Q)</source>
            <translation>接受队列长度（TCP_INFO tcpi_unacked = ss Recv-Q）</translation>
        </message>
        <message>
            <source>accept queue limit (tcpi_sacked = ss Send-Q)</source>
            <translation>接受队列上限（tcpi_sacked = ss Send-Q）</translation>
        </message>
        <message>
            <source>%1 clients against backlog %2 while the server is stuck</source>
            <translation>服务器卡住时 %1 个客户端对 backlog %2</translation>
        </message>
        <message>
            <source>kernel view</source>
            <translation>内核视图</translation>
        </message>
        <message>
            <source>connections / count</source>
            <translation>连接数 / 计数</translation>
        </message>
        <message>
            <source>handshake completed</source>
            <translation>握手已完成</translation>
        </message>
        <message>
            <source>still in SYN_SENT</source>
            <translation>仍处于 SYN_SENT</translation>
        </message>
        <message>
            <source>queue length</source>
            <translation>队列长度</translation>
        </message>
        <message>
            <source>queue limit</source>
            <translation>队列上限</translation>
        </message>
        <message>
            <source>ListenOverflows +</source>
            <translation>ListenOverflows +</translation>
        </message>
        <message>
            <source>ListenDrops +</source>
            <translation>ListenDrops +</translation>
        </message>
        <message>
            <source>count</source>
            <translation>计数</translation>
        </message>
        <message>
            <source>exactly the backlog (%1)</source>
            <translation>恰好等于 backlog（%1）</translation>
        </message>
        <message>
            <source>backlog %1 + %2</source>
            <translation>backlog %1 + %2</translation>
        </message>
        <message>
            <source>backlog %1 - %2</source>
            <translation>backlog %1 - %2</translation>
        </message>
        <message>
            <source>%1 of %2 clients completed the handshake while the server was stuck (their TCP_INFO says ESTABLISHED): %3.</source>
            <translation>服务器卡住期间，%2 个客户端中有 %1 个完成了握手（其 TCP_INFO 显示 ESTABLISHED）：%3。</translation>
        </message>
        <message>
            <source>The listener's TCP_INFO counted %1 connection(s) waiting in its accept queue against a limit of %2 (tcpi_unacked / tcpi_sacked, as `ss -lnt` shows in Recv-Q / Send-Q)%3.</source>
            <translation>监听套接字的 TCP_INFO 统计到其接受队列中有 %1 个连接在等待，上限为 %2（tcpi_unacked / tcpi_sacked，即 `ss -lnt` 中的 Recv-Q / Send-Q）%3。</translation>
        </message>
        <message>
            <source>: %1 more than the limit</source>
            <translation>：比上限多 %1 个</translation>
        </message>
        <message>
            <source>%1 client(s) were still in SYN_SENT %2 ms after connecting: the kernel counted ListenOverflows +%3 and ListenDrops +%4 meanwhile.</source>
            <translation>发起连接 %2 毫秒后仍有 %1 个客户端处于 SYN_SENT：其间内核计数 ListenOverflows +%3、ListenDrops +%4。</translation>
        </message>
        <message>
            <source>No client was left in SYN_SENT %1 ms after connecting (ListenOverflows +%2, ListenDrops +%3).</source>
            <translation>发起连接 %1 毫秒后没有客户端仍处于 SYN_SENT（ListenOverflows +%2，ListenDrops +%3）。</translation>
        </message>
        <message>
            <source>Why: Linux counts the accept queue as full only when it holds more than the backlog, so one connection beyond it gets in; while the queue is full the kernel drops new SYNs (ListenOverflows, ListenDrops) and each client retransmits its SYN after its retransmission timeout (1 s, then doubling).</source>
            <translation>原因：Linux 只在接受队列中的连接数超过 backlog 时才认为队列已满，因此会多放进一个连接；队列满时，内核丢弃新的 SYN（ListenOverflows、ListenDrops），每个客户端在其重传超时（先 1 秒，之后逐次翻倍）后重传 SYN。</translation>
        </message>
        <message>
            <source>cleaning up</source>
            <translation>正在清理</translation>
        </message>
        <message>
            <source>Bandwidth-delay product: throughput against buffer size</source>
            <translation>带宽时延积：吞吐量与缓冲区大小</translation>
        </message>
        <message>
            <source>Across the wire (default %1) a bulk transfer from the server for a few receive buffer sizes (SO_RCVBUF before connect()), two send buffer sizes, and autotuning.
Look for throughput rising with the buffer as window / RTT while the buffer is below the bandwidth-delay product, and flattening at the link's rate beyond it.</source>
            <translation>在线路上（默认 %1）从服务器进行批量传输，测试几种接收缓冲区大小（connect() 之前设置 SO_RCVBUF）、两种发送缓冲区大小以及自动调优。
观察：缓冲区小于带宽时延积时，吞吐量随缓冲区按 window / RTT 上升；超过后则在链路速率处趋于平坦。</translation>
        </message>
        <message>
            <source>SO_RCVBUF %1 KiB</source>
            <translation>SO_RCVBUF %1 KiB</translation>
        </message>
        <message>
            <source>autotuning</source>
            <translation>自动调优</translation>
        </message>
        <message>
            <source>SO_SNDBUF %1 KiB</source>
            <translation>SO_SNDBUF %1 KiB</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Throughput against buffer size (link %1, path RTT %2 ms, BDP %3 KiB)</source>
            <translation>吞吐量与缓冲区大小（链路 %1，路径 RTT %2 ms，BDP %3 KiB）</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>无限制</translation>
        </message>
        <message>
            <source>buffer</source>
            <translation>缓冲区</translation>
        </message>
        <message>
            <source>SO_RCVBUF (read back)</source>
            <translation>SO_RCVBUF（回读）</translation>
        </message>
        <message>
            <source>SO_RCVBUF after</source>
            <translation>之后的 SO_RCVBUF</translation>
        </message>
        <message>
            <source>SO_SNDBUF (read back)</source>
            <translation>SO_SNDBUF（回读）</translation>
        </message>
        <message>
            <source>largest window advertised</source>
            <translation>通告的最大窗口</translation>
        </message>
        <message>
            <source>in flight at most</source>
            <translation>最多在途</translation>
        </message>
        <message>
            <source>in flight / RTT Mbit/s</source>
            <translation>在途 / RTT Mbit/s</translation>
        </message>
        <message>
            <source>theory min(rate, in flight / RTT)</source>
            <translation>理论值 min(rate, in flight / RTT)</translation>
        </message>
        <message>
            <source>measured Mbit/s (wire)</source>
            <translation>实测 Mbit/s（线路）</translation>
        </message>
        <message>
            <source>at the receiving socket Mbit/s</source>
            <translation>接收套接字处 Mbit/s</translation>
        </message>
        <message>
            <source>measured Mbit/s</source>
            <translation>实测 Mbit/s</translation>
        </message>
        <message>
            <source>min(link rate, in flight / RTT) Mbit/s</source>
            <translation>min(link rate, in flight / RTT) Mbit/s</translation>
        </message>
        <message>
            <source>Bulk transfer rate against buffer size, measured beside min(rate, in flight / RTT)</source>
            <translation>批量传输速率与缓冲区大小，与 min(rate, in flight / RTT) 并列对比</translation>
        </message>
        <message>
            <source>Mbit/s</source>
            <translation>Mbit/s</translation>
        </message>
        <message>
            <source>%1: at most %2 bytes in flight (the receiver's largest window %3 bytes, SO_SNDBUF %4); %5 Mbit/s measured against that / RTT = %6 Mbit/s (%7 of the link's rate).</source>
            <translation>%1：最多 %2 字节在途（接收方最大窗口 %3 字节，SO_SNDBUF %4）；实测 %5 Mbit/s，对比该值 / RTT = %6 Mbit/s（链路速率的 %7）。</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>无限制</translation>
        </message>
        <message>
            <source>Autotuning: SO_RCVBUF grew from %1 to %2 bytes and the window to %3 bytes; %4 Mbit/s.</source>
            <translation>自动调优：SO_RCVBUF 从 %1 增长到 %2 字节，窗口增长到 %3 字节；%4 Mbit/s。</translation>
        </message>
        <message>
            <source>The bandwidth-delay product is %1 Mbit/s x %2 ms = %3 KiB: windows below it cap the rate at window / RTT, larger ones only fill the bottleneck's queue.</source>
            <translation>带宽时延积为 %1 Mbit/s x %2 ms = %3 KiB：低于它的窗口会把速率限制在 window / RTT，更大的窗口只会填满瓶颈处的队列。</translation>
        </message>
        <message>
            <source>The kernel doubles a requested SO_RCVBUF and advertises a share of it as the window; the window in the table is the largest the receiver's ACKs carried (capture). Rates are measured after the first %1 ms of each transfer, leaving slow start out.</source>
            <translation>内核会把请求的 SO_RCVBUF 加倍，并将其中一部分作为窗口通告；表中的窗口是接收方 ACK 携带的最大值（抓包）。速率在每次传输的前 %1 ms 之后才开始测量，以排除慢启动。</translation>
        </message>
        <message>
            <source>send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>Socket buffers</source>
            <translation>套接字缓冲区</translation>
        </message>
        <message>
            <source>For a few sizes the server sets SO_RCVBUF/SO_SNDBUF before listen() and the client sets them before connect(); then the client sends as much as it can for %1 ms, %2 rounds over all sizes.
Compare requested and effective sizes (the kernel doubles them and caps them at net.core.rmem_max/wmem_max) and the throughput each one allows.</source>
            <translation>对于几种大小，服务器在 listen() 之前设置 SO_RCVBUF/SO_SNDBUF，客户端在 connect() 之前设置；然后客户端在 %1 毫秒内尽可能多地发送，所有大小轮流进行 %2 轮。
比较请求的与实际生效的大小（内核会将其加倍，并以 net.core.rmem_max/wmem_max 为上限）以及各自允许的吞吐量。</translation>
        </message>
        <message>
            <source>Ran on this machine's loopback (%1).</source>
            <translation>在本机的环回接口上运行（%1）。</translation>
        </message>
        <message>
            <source>Ran on the loopback of a private network namespace, where the capture sees only this experiment's packets.</source>
            <translation>在私有网络命名空间的环回接口上运行，抓包只能看到本实验的数据包。</translation>
        </message>
        <message>
            <source>%1 KiB</source>
            <translation>%1 KiB</translation>
        </message>
        <message>
            <source>kernel default</source>
            <translation>内核默认</translation>
        </message>
        <message>
            <source>%1, round %2 of %3</source>
            <translation>%1，第 %2 / %3 轮</translation>
        </message>
        <message>
            <source>Requested vs effective buffer sizes and throughput (%1 rounds of %2 ms)</source>
            <translation>请求与实际缓冲区大小及吞吐量（%1 轮，每轮 %2 毫秒）</translation>
        </message>
        <message>
            <source>requested bytes</source>
            <translation>请求字节数</translation>
        </message>
        <message>
            <source>listener SO_RCVBUF</source>
            <translation>监听套接字 SO_RCVBUF</translation>
        </message>
        <message>
            <source>accepted SO_RCVBUF</source>
            <translation>已接受套接字 SO_RCVBUF</translation>
        </message>
        <message>
            <source>accepted SO_RCVBUF after</source>
            <translation>传输后已接受套接字 SO_RCVBUF</translation>
        </message>
        <message>
            <source>listener SO_SNDBUF</source>
            <translation>监听套接字 SO_SNDBUF</translation>
        </message>
        <message>
            <source>client SO_SNDBUF</source>
            <translation>客户端 SO_SNDBUF</translation>
        </message>
        <message>
            <source>client SO_SNDBUF after</source>
            <translation>传输后客户端 SO_SNDBUF</translation>
        </message>
        <message>
            <source>kernel rule</source>
            <translation>内核规则</translation>
        </message>
        <message>
            <source>best MiB/s</source>
            <translation>最佳 MiB/s</translation>
        </message>
        <message>
            <source>median MiB/s</source>
            <translation>中位 MiB/s</translation>
        </message>
        <message>
            <source>throughput MiB/s, best of %1 rounds</source>
            <translation>吞吐量 MiB/s，%1 轮中的最佳值</translation>
        </message>
        <message>
            <source>throughput MiB/s, median of %1 rounds</source>
            <translation>吞吐量 MiB/s，%1 轮的中位数</translation>
        </message>
        <message>
            <source>unset: autotuning grew the accepted socket's buffer during the transfer</source>
            <translation>未设置：传输期间自动调优扩大了已接受套接字的缓冲区</translation>
        </message>
        <message>
            <source>unset: the kernel's default (net.ipv4.tcp_rmem/tcp_wmem)</source>
            <translation>未设置：内核默认值（net.ipv4.tcp_rmem/tcp_wmem）</translation>
        </message>
        <message>
            <source>doubled, and fixed during the transfer (no autotuning)</source>
            <translation>已加倍，且传输期间保持不变（无自动调优）</translation>
        </message>
        <message>
            <source>doubled</source>
            <translation>已加倍</translation>
        </message>
        <message>
            <source>capped at 2 x net.core.rmem_max = %1 (no error is returned)</source>
            <translation>被限制为 2 x net.core.rmem_max = %1（不会返回错误）</translation>
        </message>
        <message>
            <source>adjusted by the kernel (minimum or cap)</source>
            <translation>被内核调整（最小值或上限）</translation>
        </message>
        <message>
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>Bulk transfer on loopback, %1 rounds of %2 ms per buffer size</source>
            <translation>回环上的批量传输，每种缓冲区大小 %1 轮，每轮 %2 毫秒</translation>
        </message>
        <message>
            <source>SO_RCVBUF = SO_SNDBUF requested</source>
            <translation>请求的 SO_RCVBUF = SO_SNDBUF</translation>
        </message>
        <message>
            <source>MiB/s</source>
            <translation>MiB/s</translation>
        </message>
        <message>
            <source>getsockopt returned twice the request for %1 of %2 requested sizes (SO_RCVBUF on the listener).</source>
            <translation>在 %2 个请求大小中，有 %1 个的 getsockopt 返回了请求值的两倍（监听套接字上的 SO_RCVBUF）。</translation>
        </message>
        <message>
            <source>%1 request(s) above net.core.rmem_max = %2 came back as %3, twice the cap; setsockopt reported no error.</source>
            <translation>%1 个超过 net.core.rmem_max = %2 的请求读回为 %3，即上限的两倍；setsockopt 没有报告错误。</translation>
        </message>
        <message>
            <source>In %1 of %2 sizes the accepted socket's SO_RCVBUF equalled the listener's, set before listen(); in %3 both ends' buffers were unchanged after the transfer.</source>
            <translation>在 %2 种大小中，有 %1 种的已接受套接字 SO_RCVBUF 等于在 listen() 之前设置的监听套接字的值；有 %3 种在传输后两端的缓冲区都没有变化。</translation>
        </message>
        <message>
            <source>Left to the kernel, the accepted socket's SO_RCVBUF went from %1 to %2 bytes during the transfer and the client's SO_SNDBUF from %3 to %4%5.</source>
            <translation>交由内核决定时，传输期间已接受套接字的 SO_RCVBUF 从 %1 字节变为 %2 字节，客户端的 SO_SNDBUF 从 %3 变为 %4%5。</translation>
        </message>
        <message>
            <source>: autotuning grew them</source>
            <translation>：自动调优扩大了它们</translation>
        </message>
        <message>
            <source>Best of %1 rounds: %2 MiB/s with %3 bytes of receive buffer (%4 requested), %5 MiB/s with %6 bytes (%7 requested); the fastest was %8 at %9 MiB/s.</source>
            <translation>%1 轮中的最佳值：接收缓冲区 %3 字节（请求 %4）时 %2 MiB/s，%6 字节（请求 %7）时 %5 MiB/s；最快的是 %8，为 %9 MiB/s。</translation>
        </message>
        <message>
            <source>Why: the kernel doubles a requested size to leave room for its own bookkeeping, caps it at net.core.rmem_max/wmem_max, and turns autotuning off for a socket whose buffer was set; the window scale is chosen at the SYN, so a listener's buffer must be set before listen().</source>
            <translation>原因：内核把请求的大小加倍，为自身的记账开销留出空间，并以 net.core.rmem_max/wmem_max 为上限，同时对设置过缓冲区的套接字关闭自动调优；窗口缩放在 SYN 时就已选定，所以监听套接字的缓冲区必须在 listen() 之前设置。</translation>
        </message>
        <message>
            <source>Throughput on loopback depends on the machine and its load; compare the sizes with each other, not with another machine.</source>
            <translation>回环上的吞吐量取决于机器及其负载；请在不同大小之间比较，而不要与其他机器比较。</translation>
        </message>
        <message>
            <source>Receiver's advertised window in the capture (first round)</source>
            <translation>抓包中接收方通告的窗口（第一轮）</translation>
        </message>
        <message>
            <source>max window bytes</source>
            <translation>最大窗口字节数</translation>
        </message>
        <message>
            <source>median window bytes</source>
            <translation>窗口字节数中位数</translation>
        </message>
        <message>
            <source>largest segment bytes</source>
            <translation>最大报文段字节数</translation>
        </message>
        <message>
            <source>data segments</source>
            <translation>数据报文段</translation>
        </message>
        <message>
            <source>In the capture the receiver advertised at most %1 bytes of window with %2 bytes of receive buffer, and %3 bytes with %4: the window, and so the data in flight, follows the buffer.</source>
            <translation>抓包中，接收缓冲区为 %2 字节时接收方最多通告 %1 字节窗口，为 %4 字节时则为 %3 字节：窗口以及在途数据随缓冲区而变化。</translation>
        </message>
        <message>
            <source>on</source>
            <translation>开启</translation>
        </message>
        <message>
            <source>off</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>connected, but no listener had it to accept within %1 ms</source>
            <translation>已连接，但在 %1 ms 内没有监听套接字接受它</translation>
        </message>
        <message>
            <source>was refused: connect() failed with %1</source>
            <translation>被拒绝：connect() 失败，错误为 %1</translation>
        </message>
        <message>
            <source>was accepted by %1, which saw it as %2%3</source>
            <translation>被 %1 接受，它看到的对端为 %2%3</translation>
        </message>
        <message>
            <source> (an IPv4-mapped IPv6 address)</source>
            <translation>（IPv4 映射的 IPv6 地址）</translation>
        </message>
        <message>
            <source>connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <source>Dual stack: IPV6_V6ONLY</source>
            <translation>双栈：IPV6_V6ONLY</translation>
        </message>
        <message>
            <source>A listener on [::] with IPV6_V6ONLY off, then on; an IPv4 client (127.0.0.1) and an IPv6 client (::1) connect to it: who gets in, and with which address accept() sees.
Then a separate IPv4 listener tries 0.0.0.0 on the same port: see where bind() meets EADDRINUSE, and read net.ipv6.bindv6only, the kernel's default.</source>
            <translation>在 [::] 上的一个监听套接字，先关闭 IPV6_V6ONLY，再开启；一个 IPv4 客户端（127.0.0.1）和一个 IPv6 客户端（::1）连接它：看谁能连上，以及 accept() 看到的是哪个地址。
然后一个独立的 IPv4 监听套接字尝试在同一端口上绑定 0.0.0.0：观察 bind() 在哪里遇到 EADDRINUSE，并读取内核的默认值 net.ipv6.bindv6only。</translation>
        </message>
        <message>
            <source>Ran on the loopback of a private network namespace: no other program holds its ports.</source>
            <translation>在私有网络命名空间的环回接口上运行：没有其他程序占用其端口。</translation>
        </message>
        <message>
            <source>--wire, --pcap and --ladder were not used: this experiment opens its own sockets on loopback over both families, and the wire and its capture carry IPv4 only.</source>
            <translation>未使用 --wire、--pcap 和 --ladder：本实验在环回接口上用两种地址族打开自己的套接字，而线路及其抓包只承载 IPv4。</translation>
        </message>
        <message>
            <source>checking IPv6 on loopback</source>
            <translation>正在检查环回接口上的 IPv6</translation>
        </message>
        <message>
            <source>choosing a port free for IPv4 and IPv6: %1</source>
            <translation>选择一个 IPv4 和 IPv6 都空闲的端口：%1</translation>
        </message>
        <message>
            <source>listener on %1 with IPV6_V6ONLY %2</source>
            <translation>%1 上的监听套接字，IPV6_V6ONLY %2</translation>
        </message>
        <message>
            <source>bound and listening</source>
            <translation>已绑定并在监听</translation>
        </message>
        <message>
            <source>reporting</source>
            <translation>生成报告</translation>
        </message>
        <message>
            <source>Who gets in on port %1</source>
            <translation>谁能连上端口 %1</translation>
        </message>
        <message>
            <source>IPV6_V6ONLY</source>
            <translation>IPV6_V6ONLY</translation>
        </message>
        <message>
            <source>when</source>
            <translation>情形</translation>
        </message>
        <message>
            <source>connect()</source>
            <translation>connect()</translation>
        </message>
        <message>
            <source>accepted by</source>
            <translation>接受者</translation>
        </message>
        <message>
            <source>peer as accept() saw it</source>
            <translation>accept() 看到的对端</translation>
        </message>
        <message>
            <source>local address</source>
            <translation>本地地址</translation>
        </message>
        <message>
            <source>A separate IPv4 listener on %1</source>
            <translation>%1 上的独立 IPv4 监听套接字</translation>
        </message>
        <message>
            <source>IPV6_V6ONLY of [::]</source>
            <translation>[::] 的 IPV6_V6ONLY</translation>
        </message>
        <message>
            <source>read back</source>
            <translation>回读</translation>
        </message>
        <message>
            <source>bind()</source>
            <translation>bind()</translation>
        </message>
        <message>
            <source>errno</source>
            <translation>errno</translation>
        </message>
        <message>
            <source>message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>IPv4 client accepted by [::]</source>
            <translation>IPv4 客户端被 [::] 接受</translation>
        </message>
        <message>
            <source>IPv6 client accepted by [::]</source>
            <translation>IPv6 客户端被 [::] 接受</translation>
        </message>
        <message>
            <source>0.0.0.0 bind succeeded</source>
            <translation>0.0.0.0 绑定成功</translation>
        </message>
        <message>
            <source>[::] alone</source>
            <translation>仅 [::]</translation>
        </message>
        <message>
            <source>0.0.0.0 listening too</source>
            <translation>0.0.0.0 也在监听</translation>
        </message>
        <message>
            <source>after the 0.0.0.0 bind failed</source>
            <translation>0.0.0.0 绑定失败之后</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>成功</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>IPV6_V6ONLY %1</source>
            <translation>IPV6_V6ONLY %1</translation>
        </message>
        <message>
            <source>The default</source>
            <translation>默认值</translation>
        </message>
        <message>
            <source>where</source>
            <translation>位置</translation>
        </message>
        <message>
            <source>value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>net.ipv6.bindv6only of this machine (/proc/sys/net/ipv6/bindv6only)</source>
            <translation>本机的 net.ipv6.bindv6only（/proc/sys/net/ipv6/bindv6only）</translation>
        </message>
        <message>
            <source>net.ipv6.bindv6only where the experiment ran</source>
            <translation>实验运行处的 net.ipv6.bindv6only</translation>
        </message>
        <message>
            <source>IPV6_V6ONLY of a new AF_INET6 socket there (getsockopt)</source>
            <translation>该处新建 AF_INET6 套接字的 IPV6_V6ONLY（getsockopt）</translation>
        </message>
        <message>
            <source>A listener on [::]:%1 with IPV6_V6ONLY off and on</source>
            <translation>[::]:%1 上的监听套接字，IPV6_V6ONLY 分别关闭和开启</translation>
        </message>
        <message>
            <source>yes (1) / no (0)</source>
            <translation>是（1）/ 否（0）</translation>
        </message>
        <message>
            <source>IPV6_V6ONLY %1 (read back %2) on %3:</source>
            <translation>%3 上 IPV6_V6ONLY %1（回读 %2）：</translation>
        </message>
        <message>
            <source>%1 the IPv4 client %2 %3; the IPv6 client %4 %5.</source>
            <translation>%1 IPv4 客户端 %2 %3；IPv6 客户端 %4 %5。</translation>
        </message>
        <message>
            <source>%1 a separate IPv4 listener bound %2 beside it, and the next IPv4 client %3.</source>
            <translation>%1 一个独立的 IPv4 监听套接字在其旁边绑定了 %2，下一个 IPv4 客户端 %3。</translation>
        </message>
        <message>
            <source>%1 a separate IPv4 listener could not bind %2: %3; the next IPv4 client %4.</source>
            <translation>%1 一个独立的 IPv4 监听套接字无法绑定 %2：%3；下一个 IPv4 客户端 %4。</translation>
        </message>
        <message>
            <source>like the 'off' case above</source>
            <translation>与上面 'off' 的情形相同</translation>
        </message>
        <message>
            <source>like the 'on' case above</source>
            <translation>与上面 'on' 的情形相同</translation>
        </message>
        <message>
            <source>A listener on [::] that never sets IPV6_V6ONLY starts with %1 here (net.ipv6.bindv6only = %2 where the experiment ran, %3 on this machine): it behaves %4.</source>
            <translation>从不设置 IPV6_V6ONLY 的 [::] 监听套接字在这里初始为 %1（实验运行处 net.ipv6.bindv6only = %2，本机为 %3）：它的行为%4。</translation>
        </message>
        <message>
            <source>Why: an AF_INET6 socket bound to :: with IPV6_V6ONLY 0 also owns the IPv4 wildcard of its port, so IPv4 connections reach it and accept() writes their peer as ::ffff:a.b.c.d (RFC 4291 2.5.5.2, RFC 3493 5.3); with 1 it owns only the IPv6 port. The option counts only before bind(); its default is net.ipv6.bindv6only, a sysctl of each network namespace.</source>
            <translation>原因：绑定到 :: 且 IPV6_V6ONLY 为 0 的 AF_INET6 套接字同时拥有其端口的 IPv4 通配地址，因此 IPv4 连接能到达它，accept() 把对端写成 ::ffff:a.b.c.d（RFC 4291 2.5.5.2，RFC 3493 5.3）；为 1 时它只拥有 IPv6 端口。该选项只在 bind() 之前有效；其默认值为 net.ipv6.bindv6only，这是每个网络命名空间各自的 sysctl。</translation>
        </message>
        <message>
            <source>The sockets are the experiment's own (socket, setsockopt, bind, listen, connect, accept); each client closes first, so no TIME_WAIT stays on the port between the cases.</source>
            <translation>这些套接字是实验自己的（socket、setsockopt、bind、listen、connect、accept）；每个客户端都先关闭，因此各情形之间端口上不会留下 TIME_WAIT。</translation>
        </message>
        <message>
            <source>cancelled by the user</source>
            <translation>已被用户取消</translation>
        </message>
        <message>
            <source>unknown experiment '%1'; known: %2</source>
            <translation>未知实验 '%1'；已知：%2</translation>
        </message>
        <message>
            <source>starting</source>
            <translation>正在开始</translation>
        </message>
        <message>
            <source>socket</source>
            <translation>socket</translation>
        </message>
        <message>
            <source>connect to %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <source>connect to %1 timed out after %2 ms</source>
            <translation>连接 %1 超时（%2 毫秒）</translation>
        </message>
        <message>
            <source>no connection to accept within %1 ms</source>
            <translation>%1 ms 内没有可接受的连接</translation>
        </message>
        <message>
            <source>accept</source>
            <translation>accept</translation>
        </message>
        <message>
            <source>socket(%1)</source>
            <translation>socket(%1)</translation>
        </message>
        <message>
            <source>setsockopt SO_REUSEADDR</source>
            <translation>setsockopt SO_REUSEADDR</translation>
        </message>
        <message>
            <source>setsockopt SO_REUSEPORT</source>
            <translation>setsockopt SO_REUSEPORT</translation>
        </message>
        <message>
            <source>setsockopt IPV6_V6ONLY</source>
            <translation>setsockopt IPV6_V6ONLY</translation>
        </message>
        <message>
            <source>bind %1</source>
            <translation>bind %1</translation>
        </message>
        <message>
            <source>listen on %1</source>
            <translation>在 %1 上监听</translation>
        </message>
        <message>
            <source>IPv6 is unavailable: this kernel has no IPv6 (no /proc/sys/net/ipv6; booted with ipv6.disable=1?)</source>
            <translation>IPv6 不可用：此内核没有 IPv6（没有 /proc/sys/net/ipv6；是否以 ipv6.disable=1 启动？）</translation>
        </message>
        <message>
            <source>IPv6 is unavailable: net.ipv6.conf.%1.disable_ipv6 = 1</source>
            <translation>IPv6 不可用：net.ipv6.conf.%1.disable_ipv6 = 1</translation>
        </message>
        <message>
            <source>IPv6 is unavailable: %1</source>
            <translation>IPv6 不可用：%1</translation>
        </message>
        <message>
            <source>IPv6 is unavailable: no ::1 on lo (%1)</source>
            <translation>IPv6 不可用：lo 上没有 ::1（%1）</translation>
        </message>
        <message>
            <source>connect to 127.0.0.1:%1</source>
            <translation>连接 127.0.0.1:%1</translation>
        </message>
        <message>
            <source>no reply within %1 ms</source>
            <translation>%1 毫秒内无回复</translation>
        </message>
        <message>
            <source>recv</source>
            <translation>recv</translation>
        </message>
        <message>
            <source>--wire %1 was not used: this experiment reads its listener's kernel counters and tables, so it runs on the loopback of a private network namespace (captured there for --pcap and the ladder).</source>
            <translation>未使用 --wire %1：本实验需要读取其监听套接字的内核计数器和表，因此在私有网络命名空间的环回接口上运行（在那里为 --pcap 和梯形图抓包）。</translation>
        </message>
        <message>
            <source>no sock_diag socket on the wire's sides: %1</source>
            <translation>线路两侧没有 sock_diag 套接字：%1</translation>
        </message>
        <message>
            <source>connect to 198.18.0.2:%1</source>
            <translation>连接到 198.18.0.2:%1</translation>
        </message>
        <message>
            <source>connect to 198.18.0.2:%1 across the wire timed out after %2 ms</source>
            <translation>经线路连接到 198.18.0.2:%1 在 %2 ms 后超时</translation>
        </message>
        <message>
            <source>connect to 198.18.0.2:%1 across the wire</source>
            <translation>经线路连接到 198.18.0.2:%1</translation>
        </message>
        <message>
            <source>(%1 more packets; --pcap FILE keeps them all)</source>
            <translation>（还有 %1 个数据包；--pcap FILE 会全部保存）</translation>
        </message>
        <message>
            <source>pcap not written: %1</source>
            <translation>未写入 pcap：%1</translation>
        </message>
        <message>
            <source>unreadable</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <source>client and server</source>
            <translation>客户端和服务器</translation>
        </message>
        <message>
            <source>client only: the server bit (2) is needed to accept data in the SYN</source>
            <translation>仅客户端：服务器要接受 SYN 中的数据需要服务器位 (2)</translation>
        </message>
        <message>
            <source>server only</source>
            <translation>仅服务器</translation>
        </message>
        <message>
            <source>no reply within 3000 ms</source>
            <translation>3000 ms 内无应答</translation>
        </message>
        <message>
            <source>TCP Fast Open</source>
            <translation>TCP Fast Open</translation>
        </message>
        <message>
            <source>Across the wire (%1 ms each way by default) with net.ipv4.tcp_fastopen = 3 inside its two namespaces, a client with TCP_FASTOPEN_CONNECT talks %2 times to a server with TCP_FASTOPEN.
The first connection fetches a cookie (the SYN-ACK's cookie option); the later ones carry the request in the SYN: see the first reply arrive one round trip sooner, in the app's timings and in the capture.</source>
            <translation>在线路上（默认每个方向 %1 ms），两个命名空间内设置 net.ipv4.tcp_fastopen = 3，一个使用 TCP_FASTOPEN_CONNECT 的客户端与使用 TCP_FASTOPEN 的服务器通信 %2 次。
第一次连接获取 cookie（SYN-ACK 的 cookie 选项）；之后的连接在 SYN 中携带请求：可以在应用计时和抓包中看到首个应答早一个往返到达。</translation>
        </message>
        <message>
            <source>starting the wire</source>
            <translation>正在启动线路</translation>
        </message>
        <message>
            <source>connection %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <source>connection %1: %2</source>
            <translation>连接 %1：%2</translation>
        </message>
        <message>
            <source>reading the capture</source>
            <translation>正在读取抓包</translation>
        </message>
        <message>
            <source>Connections with TCP_FASTOPEN_CONNECT</source>
            <translation>使用 TCP_FASTOPEN_CONNECT 的连接</translation>
        </message>
        <message>
            <source>connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>SYN payload bytes (capture)</source>
            <translation>SYN 载荷字节数（抓包）</translation>
        </message>
        <message>
            <source>SYN's Fast Open option</source>
            <translation>SYN 的 Fast Open 选项</translation>
        </message>
        <message>
            <source>SYN-ACK cookie bytes</source>
            <translation>SYN-ACK cookie 字节数</translation>
        </message>
        <message>
            <source>data in SYN (TCPI_OPT_SYN_DATA)</source>
            <translation>SYN 携带数据（TCPI_OPT_SYN_DATA）</translation>
        </message>
        <message>
            <source>connect() to first reply byte ms (app)</source>
            <translation>connect() 到首个应答字节 ms（应用）</translation>
        </message>
        <message>
            <source>SYN to first reply byte ms (capture)</source>
            <translation>SYN 到首个应答字节 ms（抓包）</translation>
        </message>
        <message>
            <source>srtt ms (TCP_INFO)</source>
            <translation>srtt ms（TCP_INFO）</translation>
        </message>
        <message>
            <source>connect() to first reply byte, app (ms)</source>
            <translation>connect() 到首个应答字节，应用（ms）</translation>
        </message>
        <message>
            <source>SYN to first reply byte, capture (ms)</source>
            <translation>SYN 到首个应答字节，抓包（ms）</translation>
        </message>
        <message>
            <source>(not captured)</source>
            <translation>（未抓包）</translation>
        </message>
        <message>
            <source>cookie request</source>
            <translation>cookie 请求</translation>
        </message>
        <message>
            <source>cookie, %1 bytes</source>
            <translation>cookie，%1 字节</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>connection %1 (data in SYN)</source>
            <translation>连接 %1（SYN 携带数据）</translation>
        </message>
        <message>
            <source>connection %1 (handshake first)</source>
            <translation>连接 %1（先握手）</translation>
        </message>
        <message>
            <source>meaning</source>
            <translation>含义</translation>
        </message>
        <message>
            <source>this machine (never changed)</source>
            <translation>本机（从未更改）</translation>
        </message>
        <message>
            <source>wire's client side, as created</source>
            <translation>线路的客户端一侧，创建时</translation>
        </message>
        <message>
            <source>wire's server side, as created</source>
            <translation>线路的服务器一侧，创建时</translation>
        </message>
        <message>
            <source>wire's client side, set by the lab</source>
            <translation>线路的客户端一侧，由实验室设置</translation>
        </message>
        <message>
            <source>wire's server side, set by the lab</source>
            <translation>线路的服务器一侧，由实验室设置</translation>
        </message>
        <message>
            <source>Fast Open: time to the first reply byte, per connection</source>
            <translation>Fast Open：每个连接到首个应答字节的时间</translation>
        </message>
        <message>
            <source>milliseconds</source>
            <translation>毫秒</translation>
        </message>
        <message>
            <source>Connection 1: its SYN carried %1 bytes of data and %2; the server's SYN-ACK %3. The request followed after the handshake.</source>
            <translation>连接 1：其 SYN 携带了 %1 字节数据和%2；服务器的 SYN-ACK %3。请求在握手之后才发出。</translation>
        </message>
        <message>
            <source>an empty Fast Open option (a cookie request)</source>
            <translation>一个空的 Fast Open 选项（cookie 请求）</translation>
        </message>
        <message>
            <source>no cookie request</source>
            <translation>没有 cookie 请求</translation>
        </message>
        <message>
            <source>handed out a %1-byte cookie</source>
            <translation>发放了一个 %1 字节的 cookie</translation>
        </message>
        <message>
            <source>carried no cookie</source>
            <translation>未携带 cookie</translation>
        </message>
        <message>
            <source>Connections 2 to %1: %2 of %3 SYNs carried the request inside (the capture: %4 bytes in connection 2's SYN, beside its %5-byte cookie); the client's TCP_INFO confirms data in the SYN for %6.</source>
            <translation>连接 2 到 %1：%3 个 SYN 中有 %2 个在内部携带了请求（抓包：连接 2 的 SYN 中有 %4 字节，另有 %5 字节的 cookie）；客户端的 TCP_INFO 确认 %6 的 SYN 中带有数据。</translation>
        </message>
        <message>
            <source>The first reply byte came %1 ms after connect() on connection 1 and %2 ms (median) on the connections with data in the SYN: %3 ms saved (app timings). From the capture, SYN out to first reply byte in: %4 ms against %5 ms, %6 ms saved. The wire's round trip is %7 ms: the saving is %8 round trip(s).</source>
            <translation>连接 1 的首个应答字节在 connect() 之后 %1 ms 到达，SYN 中带数据的连接为 %2 ms（中位数）：节省 %3 ms（应用计时）。从抓包看，SYN 发出到首个应答字节到达：%4 ms 对比 %5 ms，节省 %6 ms。线路的往返时间为 %7 ms：节省了 %8 个往返。</translation>
        </message>
        <message>
            <source>No connection after the first carried data in its SYN, so there is no saved round trip to measure.</source>
            <translation>第一次之后没有连接在 SYN 中携带数据，因此无法测量节省的往返。</translation>
        </message>
        <message>
            <source>net.ipv4.tcp_fastopen was set inside the wire's client and server namespaces only; this machine's stays %1.</source>
            <translation>net.ipv4.tcp_fastopen 只在线路的客户端和服务器命名空间内设置；本机的值保持为 %1。</translation>
        </message>
        <message>
            <source>With TCP_FASTOPEN_CONNECT and a cookie cached, connect() sends nothing and the first send() emits the SYN with the request inside; without a cookie connect() does the whole handshake first. The app's time runs from the connect() call to the first reply byte in both cases.</source>
            <translation>使用 TCP_FASTOPEN_CONNECT 且已缓存 cookie 时，connect() 不发送任何内容，第一次 send() 发出携带请求的 SYN；没有 cookie 时 connect() 先完成整个握手。两种情况下应用计时都从调用 connect() 到首个应答字节。</translation>
        </message>
        <message>
            <source>the server did not accept the connection</source>
            <translation>服务器没有接受该连接</translation>
        </message>
        <message>
            <source>idle connection, peer answering the probes</source>
            <translation>空闲连接，对端应答探测</translation>
        </message>
        <message>
            <source>idle, peer present</source>
            <translation>空闲，对端在线</translation>
        </message>
        <message>
            <source>cutting the wire both ways</source>
            <translation>正在双向切断线路</translation>
        </message>
        <message>
            <source>wire cut</source>
            <translation>线路已切断</translation>
        </message>
        <message>
            <source>wire restored: the client writes on its half-open connection</source>
            <translation>线路已恢复：客户端在其半开连接上写入</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>reply</source>
            <translation>回复</translation>
        </message>
        <message>
            <source>TCP_USER_TIMEOUT %1 ms with KEEPCNT %2: cut right after the handshake</source>
            <translation>TCP_USER_TIMEOUT %1 ms，KEEPCNT %2：握手后立即切断</translation>
        </message>
        <message>
            <source>wire cut, TCP_USER_TIMEOUT</source>
            <translation>线路切断，TCP_USER_TIMEOUT</translation>
        </message>
        <message>
            <source>Keep-alive probes in the capture (server -&gt; client)</source>
            <translation>抓包中的保活探测（服务器 -&gt; 客户端）</translation>
        </message>
        <message>
            <source>phase</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>probes</source>
            <translation>探测</translation>
        </message>
        <message>
            <source>answered</source>
            <translation>已应答</translation>
        </message>
        <message>
            <source>spacing min s</source>
            <translation>最小间隔 s</translation>
        </message>
        <message>
            <source>spacing median s</source>
            <translation>间隔中位数 s</translation>
        </message>
        <message>
            <source>spacing max s</source>
            <translation>最大间隔 s</translation>
        </message>
        <message>
            <source>wire whole</source>
            <translation>线路完好</translation>
        </message>
        <message>
            <source>wire cut, TCP_USER_TIMEOUT %1 ms</source>
            <translation>线路切断，TCP_USER_TIMEOUT %1 ms</translation>
        </message>
        <message>
            <source>Server socket over time (TCP_INFO)</source>
            <translation>服务器套接字随时间变化（TCP_INFO）</translation>
        </message>
        <message>
            <source>time s</source>
            <translation>时间 秒</translation>
        </message>
        <message>
            <source>server state</source>
            <translation>服务器状态</translation>
        </message>
        <message>
            <source>segments sent (tcpi_segs_out)</source>
            <translation>已发送报文段（tcpi_segs_out）</translation>
        </message>
        <message>
            <source>segments received (tcpi_segs_in)</source>
            <translation>已接收报文段（tcpi_segs_in）</translation>
        </message>
        <message>
            <source>unanswered probes (tcpi_probes)</source>
            <translation>未应答的探测（tcpi_probes）</translation>
        </message>
        <message>
            <source>client state</source>
            <translation>客户端状态</translation>
        </message>
        <message>
            <source>unanswered probes (server tcpi_probes)</source>
            <translation>未应答的探测（服务器 tcpi_probes）</translation>
        </message>
        <message>
            <source>server socket open (1) / gone (0)</source>
            <translation>服务器套接字打开（1）/ 已消失（0）</translation>
        </message>
        <message>
            <source>wire whole (1) / cut (0)</source>
            <translation>线路完好 (1) / 切断 (0)</translation>
        </message>
        <message>
            <source>keep-alive probes sent (capture, running count)</source>
            <translation>已发送的保活探测（抓包，累计）</translation>
        </message>
        <message>
            <source>Keep-alive %1/%2/%3 (idle s / interval s / count) across the wire</source>
            <translation>经线路的保活 %1/%2/%3（空闲 s / 间隔 s / 次数）</translation>
        </message>
        <message>
            <source>time (s)</source>
            <translation>时间（秒）</translation>
        </message>
        <message>
            <source>probes / open</source>
            <translation>探测 / 打开</translation>
        </message>
        <message>
            <source>With the wire whole, the capture shows %1 keep-alive probe(s) from the server (a segment one byte below what it had sent, no data) %2; the client answered %3 with an ACK.</source>
            <translation>线路完好时，抓包显示服务器发出 %1 个保活探测（比已发送序号低一个字节的报文段，不带数据）%2；客户端以 ACK 应答了 %3 个。</translation>
        </message>
        <message>
            <source>in the idle time</source>
            <translation>在空闲期间</translation>
        </message>
        <message>
            <source>%1 s apart (median)</source>
            <translation>间隔 %1 s（中位数）</translation>
        </message>
        <message>
            <source>With the wire whole, no keep-alive probe crossed in %1 s of silence (KEEPIDLE %2 s).</source>
            <translation>线路完好时，%1 s 的静默中没有保活探测经过（KEEPIDLE %2 s）。</translation>
        </message>
        <message>
            <source>After the cut the server sent %1 unanswered probe(s) (KEEPCNT %2), the first %3 s after the cut, then %4 s apart (median; KEEPINTVL %5 s)%6.</source>
            <translation>切断后服务器发送了 %1 个未应答的探测（KEEPCNT %2），第一个在切断后 %3 s，之后间隔 %4 s（中位数；KEEPINTVL %5 s）%6。</translation>
        </message>
        <message>
            <source>; %1 s after the last one it sent an RST, which the cut wire dropped</source>
            <translation>；在最后一个探测之后 %1 s 它发送了 RST，被切断的线路丢弃</translation>
        </message>
        <message>
            <source>The kernel dropped the server's connection %1 s after the cut (sampled every %2 ms); the server's log gave: %3.</source>
            <translation>内核在切断后 %1 s 丢弃了服务器的连接（每 %2 ms 采样一次）；服务器日志为：%3。</translation>
        </message>
        <message>
            <source>no close reason</source>
            <translation>没有关闭原因</translation>
        </message>
        <message>
            <source>The server's connection was still open %1 s after the cut.</source>
            <translation>切断后 %1 s 服务器的连接仍然打开。</translation>
        </message>
        <message>
            <source>The client (SO_KEEPALIVE read back: %1) still saw its connection as %2 (TCP_INFO); its write once the wire was back got: %3.</source>
            <translation>客户端（SO_KEEPALIVE 回读：%1）仍认为其连接处于 %2（TCP_INFO）；线路恢复后它的写入得到：%3。</translation>
        </message>
        <message>
            <source>With TCP_USER_TIMEOUT %1 ms and KEEPCNT %2, the second connection, cut right after its handshake, sent %3 probe(s) and was dropped %4 s after the cut (log: %5): the user timeout ended it, not KEEPCNT, whose %2 probes would have taken %6 s.</source>
            <translation>在 TCP_USER_TIMEOUT %1 ms、KEEPCNT %2 下，第二个连接在握手后立即被切断，发送了 %3 个探测，并在切断后 %4 s 被丢弃（日志：%5）：是用户超时结束了它，而不是 KEEPCNT，后者的 %2 个探测需要 %6 s。</translation>
        </message>
        <message>
            <source>With TCP_USER_TIMEOUT %1 ms and KEEPCNT %2, the second connection was still open at the end (%3 probes sent).</source>
            <translation>在 TCP_USER_TIMEOUT %1 ms、KEEPCNT %2 下，第二个连接在结束时仍然打开（已发送 %3 个探测）。</translation>
        </message>
        <message>
            <source>The wire was cut both ways (cut in its spec): every packet, the probes and the server's final RST included, was dropped, so neither side heard of the other; the probes were picked from the capture (a server segment whose sequence number is one below what it had sent, carrying at most one byte).</source>
            <translation>线路被双向切断（其规格中的 cut）：所有数据包，包括探测和服务器最后的 RST，都被丢弃，因此双方都收不到对方的消息；探测是从抓包中挑出的（服务器的报文段，其序号比已发送的低一，最多携带一个字节）。</translation>
        </message>
        <message>
            <source>Why: with TCP_USER_TIMEOUT set, the keep-alive timer gives up once that long has passed since the last thing heard from the peer (and at least one probe is out), whatever KEEPCNT says.</source>
            <translation>原因：设置 TCP_USER_TIMEOUT 后，一旦距离最后一次收到对端消息已过这么久（且至少有一个探测发出），保活定时器就会放弃，不管 KEEPCNT 是多少。</translation>
        </message>
        <message>
            <source>Keep-alive</source>
            <translation>保活</translation>
        </message>
        <message>
            <source>An idle connection across the wire with KEEPIDLE %1 s, KEEPINTVL %2 s, KEEPCNT %3: watch the probes the server sends to the silent peer and the ACKs that answer them (capture).
Then the wire is cut: count the unanswered probes and their spacing until the kernel drops the connection with ETIMEDOUT; last, TCP_USER_TIMEOUT %4 ms ends a connection before KEEPCNT %5 would.</source>
            <translation>一个经线路的空闲连接，KEEPIDLE %1 s，KEEPINTVL %2 s，KEEPCNT %3：观察服务器发给静默对端的探测以及应答它们的 ACK（抓包）。
然后切断线路：统计未应答的探测及其间隔，直到内核以 ETIMEDOUT 丢弃连接；最后，TCP_USER_TIMEOUT %4 ms 会在 KEEPCNT %5 之前结束连接。</translation>
        </message>
        <message>
            <source>capture on lo: socket(AF_PACKET) (needs CAP_NET_RAW in the network namespace)</source>
            <translation>在 lo 上抓包：socket(AF_PACKET)（需要网络命名空间中的 CAP_NET_RAW）</translation>
        </message>
        <message>
            <source>capture on lo: bind</source>
            <translation>在 lo 上抓包：bind</translation>
        </message>
        <message>
            <source>capture on lo: eventfd</source>
            <translation>在 lo 上抓包：eventfd</translation>
        </message>
        <message>
            <source>No packets were captured: %1.</source>
            <translation>没有抓到数据包：%1。</translation>
        </message>
        <message>
            <source>The capture on lo lost %1 packets that came faster than it could read them (the pcap lacks them).</source>
            <translation>lo 上的抓包丢失了 %1 个来得比读取速度更快的数据包（pcap 中缺少它们）。</translation>
        </message>
        <message>
            <source>TCP_INFO is sampled on the wire only; this run used a private loopback</source>
            <translation>TCP_INFO 只在线路上采样；本次运行使用的是私有环回接口</translation>
        </message>
        <message>
            <source>send failed</source>
            <translation>发送失败</translation>
        </message>
        <message>
            <source>Nagle and delayed ACK</source>
            <translation>Nagle 与延迟 ACK</translation>
        </message>
        <message>
            <source>Across the wire (%1 ms each way by default; --wire '' for a clean wire, like loopback) the client writes each request in two small pieces, then waits for the reply, %2 times per combination of TCP_NODELAY and TCP_QUICKACK.
With Nagle on at the client, the second piece waits for the ACK of the first, which the server delays (~40 ms): the capture shows the held piece and the late ACK. The last rows turn it around: the server writes each reply in two pieces with Nagle on, and the client's delayed ACK holds the second piece unless the client re-arms TCP_QUICKACK after every read.</source>
            <translation>在线路上（默认每个方向 %1 ms；--wire '' 表示干净的线路，类似环回），客户端把每个请求分成两小块写入，然后等待应答，每种 TCP_NODELAY 与 TCP_QUICKACK 组合各 %2 次。
客户端开启 Nagle 时，第二块要等待第一块的 ACK，而服务器会延迟该 ACK（约 40 ms）：抓包显示被扣住的数据块和迟到的 ACK。最后几行反过来：服务器在开启 Nagle 的情况下把每个应答分两块写入，客户端的延迟 ACK 会扣住第二块，除非客户端在每次读取后重新设置 TCP_QUICKACK。</translation>
        </message>
        <message>
            <source>Round trip per combination</source>
            <translation>每种组合的往返时间</translation>
        </message>
        <message>
            <source>combination</source>
            <translation>组合</translation>
        </message>
        <message>
            <source>split writes</source>
            <translation>拆分写入</translation>
        </message>
        <message>
            <source>client NODELAY</source>
            <translation>客户端 NODELAY</translation>
        </message>
        <message>
            <source>server NODELAY</source>
            <translation>服务器 NODELAY</translation>
        </message>
        <message>
            <source>server QUICKACK</source>
            <translation>服务器 QUICKACK</translation>
        </message>
        <message>
            <source>client QUICKACK</source>
            <translation>客户端 QUICKACK</translation>
        </message>
        <message>
            <source>exchanges</source>
            <translation>交换次数</translation>
        </message>
        <message>
            <source>min ms</source>
            <translation>最小 毫秒</translation>
        </message>
        <message>
            <source>median ms</source>
            <translation>中位 毫秒</translation>
        </message>
        <message>
            <source>p90 ms</source>
            <translation>p90 毫秒</translation>
        </message>
        <message>
            <source>max ms</source>
            <translation>最大 毫秒</translation>
        </message>
        <message>
            <source>stalls &gt;= %1 ms</source>
            <translation>停顿 &gt;= %1 毫秒</translation>
        </message>
        <message>
            <source>2nd piece held ms (capture, median)</source>
            <translation>第 2 块被扣住 ms（抓包，中位数）</translation>
        </message>
        <message>
            <source>releasing ACK's delay ms (capture, median)</source>
            <translation>释放 ACK 的延迟 ms（抓包，中位数）</translation>
        </message>
        <message>
            <source>delayed releasing ACKs (capture)</source>
            <translation>延迟的释放 ACK（抓包）</translation>
        </message>
        <message>
            <source>Every round trip (ms)</source>
            <translation>每次往返（毫秒）</translation>
        </message>
        <message>
            <source>exchange</source>
            <translation>交换</translation>
        </message>
        <message>
            <source>round trip ms</source>
            <translation>往返 毫秒</translation>
        </message>
        <message>
            <source>Request round trip: two small writes, then read (wire round trip %1 ms)</source>
            <translation>请求往返：两次小写入，然后读取（线路往返 %1 ms）</translation>
        </message>
        <message>
            <source>round trip (ms)</source>
            <translation>往返时间（毫秒）</translation>
        </message>
        <message>
            <source>median</source>
            <translation>中位数</translation>
        </message>
        <message>
            <source>90th percentile</source>
            <translation>第 90 百分位</translation>
        </message>
        <message>
            <source>max</source>
            <translation>最大值</translation>
        </message>
        <message>
            <source>2nd piece held (capture, median)</source>
            <translation>第 2 块被扣住（抓包，中位数）</translation>
        </message>
        <message>
            <source>%1: stopped after %2 exchanges: %3</source>
            <translation>%1：在 %2 次交换后停止：%3</translation>
        </message>
        <message>
            <source>server's reply</source>
            <translation>服务器的回复</translation>
        </message>
        <message>
            <source>client's request</source>
            <translation>客户端的请求</translation>
        </message>
        <message>
            <source>With Nagle on at the client, each request waited for the server's delayed ACK: median %1 ms against %2 ms with client TCP_NODELAY, over a wire round trip of %3 ms. The capture shows the second piece held %4 ms after the first (median; %5 ms with TCP_NODELAY), released by the server's ACK %6 ms after the first piece reached it.</source>
            <translation>客户端开启 Nagle 时，每个请求都要等待服务器的延迟 ACK：中位数 %1 ms，而客户端设置 TCP_NODELAY 时为 %2 ms，线路往返为 %3 ms。抓包显示第二块在第一块之后被扣住 %4 ms（中位数；TCP_NODELAY 时为 %5 ms），在第一块到达服务器 %6 ms 后由服务器的 ACK 释放。</translation>
        </message>
        <message>
            <source>No delayed-ACK stall showed this time (median %1 ms with Nagle, %2 ms with client TCP_NODELAY, wire round trip %3 ms; the second piece held %4 ms): the server acknowledged the first piece at once.</source>
            <translation>这次没有出现延迟 ACK 停顿（Nagle 时中位数 %1 ms，客户端 TCP_NODELAY 时 %2 ms，线路往返 %3 ms；第二块被扣住 %4 ms）：服务器立即确认了第一块。</translation>
        </message>
        <message>
            <source>With the server's reply in two writes and Nagle on at the server, the second write waited for the client's delayed ACK: median %1 ms with TCP_QUICKACK set once before connect(); with the client re-arming TCP_QUICKACK after every read: %2 ms (the server's second piece held %3 ms against %4 ms).</source>
            <translation>服务器的应答分两次写入且服务器开启 Nagle 时，第二次写入要等待客户端的延迟 ACK：在 connect() 之前设置一次 TCP_QUICKACK 时中位数为 %1 ms；客户端在每次读取后重新设置 TCP_QUICKACK 时为 %2 ms（服务器第二块被扣住 %3 ms 对比 %4 ms）。</translation>
        </message>
        <message>
            <source>No reply stall showed this time (median %1 ms with the client delaying its ACKs, %2 ms with TCP_QUICKACK re-armed at the client).</source>
            <translation>这次没有出现回复停顿（客户端延迟 ACK 时中位数 %1 毫秒，客户端重新设置 TCP_QUICKACK 时 %2 毫秒）。</translation>
        </message>
        <message>
            <source>%1: median %2 ms, %3 of %4 round trips stalled, second piece held %5 ms.</source>
            <translation>%1：中位数 %2 ms，%4 次往返中有 %3 次停顿，第二块被扣住 %5 ms。</translation>
        </message>
        <message>
            <source>Why: Nagle holds a small segment while an earlier small one is unacknowledged; the server delays its ACK (at least 40 ms) hoping to piggy-back it on a reply, and it has no reply until the second piece arrives. Across the wire the held piece waits a whole round trip even with an immediate ACK; the delayed ACK adds its timer on top. TCP_NODELAY at the client, or an immediate ACK at the server (TCP_QUICKACK re-armed after every read), breaks the wait; TCP_NODELAY at the server and TCP_QUICKACK at the client act on the other direction: the server's reply in two writes.</source>
            <translation>原因：当较早的小报文段尚未被确认时，Nagle 会扣住新的小报文段；服务器延迟其 ACK（至少 40 ms），希望能捎带在应答上，而在第二块到达之前它没有应答可发。在线路上，即使 ACK 立即发出，被扣住的数据块也要等待一个完整的往返；延迟 ACK 又在此之上加上了它的定时器。客户端的 TCP_NODELAY，或服务器立即发送 ACK（每次读取后重新设置 TCP_QUICKACK），可以打破等待；服务器的 TCP_NODELAY 和客户端的 TCP_QUICKACK 作用于另一个方向：服务器分两次写入的应答。</translation>
        </message>
        <message>
            <source>TCP_QUICKACK is not sticky: the kernel returns to delayed ACKs as soon as the client sends soon after receiving, so setting it once before connect() changes nothing after the first exchange; the lab's client sets it again after every read.</source>
            <translation>TCP_QUICKACK 不是持久的：客户端一旦在接收后很快发送，内核就会回到延迟 ACK，所以在 connect() 之前设置一次，在第一次交换之后就不再起作用；实验室的客户端在每次读取后都重新设置它。</translation>
        </message>
        <message>
            <source>Each combination uses one persistent connection in threaded mode across the wire (a Line server; for the reply rows a Byte server reading 4 bytes per recv()); a stall is a round trip of %1 ms or more (the wire's %2 ms + %3 ms). The ladder below shows the first exchanges of "%4".</source>
            <translation>每种组合在线路上以线程模式使用一个持久连接（Line 服务器；应答那几行使用每次 recv() 读取 4 字节的 Byte 服务器）；停顿指往返时间达到 %1 ms 或更多（线路的 %2 ms + %3 ms）。下方的梯形图显示“%4”的前几次交换。</translation>
        </message>
        <message>
            <source>Retransmission: RTO back-off, user timeout, fast retransmit</source>
            <translation>重传：RTO 退避、用户超时、快速重传</translation>
        </message>
        <message>
            <source>Across the wire (default %1) a bulk transfer from the server: the wire is cut mid-transfer and restored, then cut for good with TCP_USER_TIMEOUT set, then one segment is dropped, then a few random loss rates.
Look for the retransmissions of the oldest segment doubling their spacing, ETIMEDOUT after the user timeout, a fast retransmit after SACKed duplicate ACKs long before the RTO, and throughput falling with loss.</source>
            <translation>在线路上（默认 %1）从服务器进行批量传输：传输中途切断线路再恢复，然后在设置 TCP_USER_TIMEOUT 的情况下永久切断，接着丢弃一个报文段，最后测试几种随机丢包率。
观察：最早报文段的重传间隔逐次加倍，用户超时后出现 ETIMEDOUT，在 RTO 之前很久由 SACK 重复 ACK 触发快速重传，以及吞吐量随丢包下降。</translation>
        </message>
        <message>
            <source>cutting the wire mid-transfer</source>
            <translation>正在传输中途切断线路</translation>
        </message>
        <message>
            <source>cut for good with TCP_USER_TIMEOUT</source>
            <translation>在 TCP_USER_TIMEOUT 下永久切断</translation>
        </message>
        <message>
            <source>one segment dropped: fast retransmit</source>
            <translation>丢弃一个报文段：快速重传</translation>
        </message>
        <message>
            <source>%1, loss %2%</source>
            <translation>%1，丢包 %2%</translation>
        </message>
        <message>
            <source>Wire cut %1 ms into the transfer for %2 ms: the oldest segment's retransmissions (capture)</source>
            <translation>传输开始 %1 ms 后线路切断 %2 ms：最早报文段的重传（抓包）</translation>
        </message>
        <message>
            <source>retransmission</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>ms after the cut</source>
            <translation>切断后 ms</translation>
        </message>
        <message>
            <source>gap ms</source>
            <translation>间隔 ms</translation>
        </message>
        <message>
            <source>gap / previous gap</source>
            <translation>间隔 / 前一间隔</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>已送达</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no (cut)</source>
            <translation>否（切断）</translation>
        </message>
        <message>
            <source>The sender's TCP_INFO during the cut</source>
            <translation>切断期间发送方的 TCP_INFO</translation>
        </message>
        <message>
            <source>retransmits (tcpi_retransmits)</source>
            <translation>重传次数（tcpi_retransmits）</translation>
        </message>
        <message>
            <source>rto ms (tcpi_rto)</source>
            <translation>rto ms（tcpi_rto）</translation>
        </message>
        <message>
            <source>Segment %1 dropped once: how the sender recovered (capture)</source>
            <translation>报文段 %1 被丢弃一次：发送方如何恢复（抓包）</translation>
        </message>
        <message>
            <source>dropped at ms</source>
            <translation>丢弃于 ms</translation>
        </message>
        <message>
            <source>duplicate ACKs</source>
            <translation>重复 ACK</translation>
        </message>
        <message>
            <source>with SACK</source>
            <translation>带 SACK</translation>
        </message>
        <message>
            <source>retransmitted after ms</source>
            <translation>重传于 ms 后</translation>
        </message>
        <message>
            <source>RTO then ms</source>
            <translation>当时 RTO ms</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>fast retransmit</source>
            <translation>快速重传</translation>
        </message>
        <message>
            <source>timeout</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>Throughput against random loss (server to client, %1 ms each)</source>
            <translation>吞吐量与随机丢包（服务器到客户端，每次 %1 ms）</translation>
        </message>
        <message>
            <source>congestion control</source>
            <translation>拥塞控制</translation>
        </message>
        <message>
            <source>loss %</source>
            <translation>丢包 %</translation>
        </message>
        <message>
            <source>retransmitted segments</source>
            <translation>重传的报文段</translation>
        </message>
        <message>
            <source>Mathis model Mbit/s</source>
            <translation>Mathis 模型 Mbit/s</translation>
        </message>
        <message>
            <source>model MSS/RTT x 1.22/sqrt(p), Mbit/s</source>
            <translation>模型 MSS/RTT x 1.22/sqrt(p)，Mbit/s</translation>
        </message>
        <message>
            <source>%1 %2%</source>
            <translation>%1 %2%</translation>
        </message>
        <message>
            <source>Bulk transfer throughput against random loss</source>
            <translation>批量传输吞吐量与随机丢包</translation>
        </message>
        <message>
            <source>loss, server to client</source>
            <translation>丢包，服务器到客户端</translation>
        </message>
        <message>
            <source>With the wire cut, the oldest segment was retransmitted %1 times, %2 ms after the cut first, then at gaps of %3 ms (each gap %4 x the one before, median); TCP_INFO's rto went %5.</source>
            <translation>线路切断时，最早的报文段被重传了 %1 次，第一次在切断后 %2 ms，之后间隔 %3 ms（每个间隔是前一个的 %4 倍，中位数）；TCP_INFO 的 rto 变化为 %5。</translation>
        </message>
        <message>
            <source>unseen</source>
            <translation>未见</translation>
        </message>
        <message>
            <source> ms</source>
            <translation> ms</translation>
        </message>
        <message>
            <source>The link came back after %1 ms; data flowed again %2 ms later (at the next retransmission), %3 bytes after it.</source>
            <translation>链路在 %1 ms 后恢复；%2 ms 后（在下一次重传时）数据重新流动，之后传输了 %3 字节。</translation>
        </message>
        <message>
            <source>The link came back after %1 ms, but no data crossed it before the transfer's bound.</source>
            <translation>链路在 %1 ms 后恢复，但在传输时限之前没有数据通过。</translation>
        </message>
        <message>
            <source>With TCP_USER_TIMEOUT = %1 ms the sender gave up %2 ms after the cut with %3; without it, tcp_retries2 = %4 would allow %5 s (%6 min) of retransmissions.</source>
            <translation>在 TCP_USER_TIMEOUT = %1 ms 下，发送方在切断后 %2 ms 以 %3 放弃；如果没有它，tcp_retries2 = %4 将允许 %5 s（%6 min）的重传。</translation>
        </message>
        <message>
            <source>With TCP_USER_TIMEOUT = %1 ms the sender had not given up by the end of the run.</source>
            <translation>在 TCP_USER_TIMEOUT = %1 ms 下，发送方到运行结束时仍未放弃。</translation>
        </message>
        <message>
            <source>Segment %1 dropped once: %2 duplicate ACKs (%3 with SACK) came back, and the sender retransmitted it %4 ms after the original left, with an RTO of %5 ms: %6.</source>
            <translation>报文段 %1 被丢弃一次：返回了 %2 个重复 ACK（%3 个带 SACK），发送方在原报文段发出 %4 ms 后重传了它，当时 RTO 为 %5 ms：%6。</translation>
        </message>
        <message>
            <source>a fast retransmit, before the timer</source>
            <translation>快速重传，早于定时器</translation>
        </message>
        <message>
            <source>the timer, not the ACKs</source>
            <translation>由定时器触发，而非 ACK</translation>
        </message>
        <message>
            <source>The dropped segment was not seen in the capture.</source>
            <translation>抓包中没有看到被丢弃的报文段。</translation>
        </message>
        <message>
            <source>%1 Mbit/s at %2% (%3)</source>
            <translation>%2% 时 %1 Mbit/s（%3）</translation>
        </message>
        <message>
            <source>Throughput against loss: %1.</source>
            <translation>吞吐量与丢包：%1。</translation>
        </message>
        <message>
            <source>Linux arms the RTO at srtt + 4 x rttvar (at least 200 ms) and doubles it on each timeout; a restored link is noticed only at the next retransmission.</source>
            <translation>Linux 将 RTO 设为 srtt + 4 x rttvar（至少 200 ms），每次超时加倍；恢复的链路只有在下一次重传时才会被发现。</translation>
        </message>
        <message>
            <source>The default give-up time is the kernel's model for tcp_retries2 (tcp_model_timeout): the RTO doubling from 200 ms up to tcp_rto_max_ms, then at that ceiling.</source>
            <translation>默认的放弃时间是内核对 tcp_retries2 的模型（tcp_model_timeout）：RTO 从 200 ms 加倍到 tcp_rto_max_ms，然后保持在该上限。</translation>
        </message>
        <message>
            <source>SO_REUSEADDR</source>
            <translation>SO_REUSEADDR</translation>
        </message>
        <message>
            <source>A one-shot server answers %1 clients and closes first, so their connections stay in TIME_WAIT on its port; then it restarts on the same port.
See whether the restart's bind() succeeds without and with SO_REUSEADDR (on the old and the new socket), and whether two live listeners can share the port.</source>
            <translation>一次性服务器应答 %1 个客户端并先关闭连接，因此这些连接在其端口上处于 TIME_WAIT；随后它在同一端口上重启。
观察不设置和（在新旧套接字上都）设置 SO_REUSEADDR 时重启的 bind() 是否成功，以及两个活动的监听套接字能否共享该端口。</translation>
        </message>
        <message>
            <source>Ran in this machine's network namespace, sharing its TIME_WAIT table with every other program (%1).</source>
            <translation>在本机的网络命名空间中运行，与所有其他程序共享其 TIME_WAIT 表（%1）。</translation>
        </message>
        <message>
            <source>Ran in a private network namespace, with a TIME_WAIT table of its own.</source>
            <translation>在私有网络命名空间中运行，拥有自己的 TIME_WAIT 表。</translation>
        </message>
        <message>
            <source>The capture shows who closed first: the server's FIN went first on %1 of %2 connections (the client's on %3), so those ended in TIME_WAIT on the server's side, on the server's port.</source>
            <translation>抓包显示谁先关闭：%2 个连接中有 %1 个是服务器的 FIN 先发出（客户端先发的有 %3 个），因此这些连接在服务器一侧、服务器端口上以 TIME_WAIT 结束。</translation>
        </message>
        <message>
            <source>server with SO_REUSEADDR</source>
            <translation>启用 SO_REUSEADDR 的服务器</translation>
        </message>
        <message>
            <source>server without SO_REUSEADDR</source>
            <translation>未启用 SO_REUSEADDR 的服务器</translation>
        </message>
        <message>
            <source>restart with SO_REUSEADDR</source>
            <translation>启用 SO_REUSEADDR 重启</translation>
        </message>
        <message>
            <source>restart without SO_REUSEADDR</source>
            <translation>未启用 SO_REUSEADDR 重启</translation>
        </message>
        <message>
            <source>bound and listening on port %1</source>
            <translation>已绑定并在端口 %1 上监听</translation>
        </message>
        <message>
            <source>second server while the restarted one listens, both with SO_REUSEADDR</source>
            <translation>重启的服务器监听时的第二个服务器，两者都启用 SO_REUSEADDR</translation>
        </message>
        <message>
            <source>bound (unexpected)</source>
            <translation>已绑定（意外）</translation>
        </message>
        <message>
            <source>bind() on the same port</source>
            <translation>在同一端口上 bind()</translation>
        </message>
        <message>
            <source>attempt</source>
            <translation>尝试</translation>
        </message>
        <message>
            <source>TIME_WAIT on the port</source>
            <translation>端口上的 TIME_WAIT</translation>
        </message>
        <message>
            <source>bind</source>
            <translation>bind</translation>
        </message>
        <message>
            <source>TIME_WAIT sockets on the port</source>
            <translation>端口上的 TIME_WAIT 套接字</translation>
        </message>
        <message>
            <source>bind succeeded (1) / failed (0)</source>
            <translation>bind 成功（1）/ 失败（0）</translation>
        </message>
        <message>
            <source>Restarting on a port with connections in TIME_WAIT</source>
            <translation>在有 TIME_WAIT 连接的端口上重启</translation>
        </message>
        <message>
            <source>The kernel's TIME_WAIT table was full during the run (TcpExt.TCPTimeWaitOverflow +%1, net.ipv4.tcp_max_tw_buckets = %2): connections that should have waited in TIME_WAIT were closed at once, so the restarts below may not show SO_REUSEADDR's effect.</source>
            <translation>运行期间内核的 TIME_WAIT 表已满（TcpExt.TCPTimeWaitOverflow +%1，net.ipv4.tcp_max_tw_buckets = %2）：本应在 TIME_WAIT 中等待的连接被立即关闭，因此下面的重启可能显示不出 SO_REUSEADDR 的效果。</translation>
        </message>
        <message>
            <source>IPv4: without SO_REUSEADDR, with %1 connections in TIME_WAIT on the port, the restart's bind() %2.</source>
            <translation>IPv4：不使用 SO_REUSEADDR 时，端口上有 %1 个 TIME_WAIT 连接，重启的 bind() %2。</translation>
        </message>
        <message>
            <source>succeeded</source>
            <translation>成功</translation>
        </message>
        <message>
            <source>failed with %1</source>
            <translation>失败，错误为 %1</translation>
        </message>
        <message>
            <source>IPv4: with SO_REUSEADDR, with %1 connections in TIME_WAIT, the restart's bind() %2.</source>
            <translation>IPv4：使用 SO_REUSEADDR 时，有 %1 个 TIME_WAIT 连接，重启的 bind() %2。</translation>
        </message>
        <message>
            <source>IPv4: a second server with SO_REUSEADDR bound the port while the first listened on it: two live listeners shared the port.</source>
            <translation>IPv4：第一个服务器监听该端口时，第二个启用 SO_REUSEADDR 的服务器绑定了该端口：两个活动的监听套接字共享了该端口。</translation>
        </message>
        <message>
            <source>IPv4: a second server with SO_REUSEADDR could not bind the port while the first listened on it: %1.%2</source>
            <translation>IPv4：第一个服务器监听该端口时，第二个启用 SO_REUSEADDR 的服务器无法绑定该端口：%1。%2</translation>
        </message>
        <message>
            <source> So SO_REUSEADDR made the difference beside TIME_WAIT, not beside a live listener.</source>
            <translation> 可见 SO_REUSEADDR 只在端口上有 TIME_WAIT 连接时起作用，对活动的监听套接字不起作用。</translation>
        </message>
        <message>
            <source>No second server was tried: the restart with SO_REUSEADDR had failed.</source>
            <translation>没有尝试第二个服务器：启用 SO_REUSEADDR 的重启已经失败。</translation>
        </message>
        <message>
            <source>Why: Linux keeps a connection that closed first in TIME_WAIT for 60 s, and bind() refuses a port with TIME_WAIT connections unless both the old and the new socket set SO_REUSEADDR; it never lets two listeners share a port through SO_REUSEADDR (that is SO_REUSEPORT).</source>
            <translation>原因：Linux 把先关闭一方的连接在 TIME_WAIT 中保持 60 秒，除非新旧套接字都设置了 SO_REUSEADDR，否则 bind() 会拒绝有 TIME_WAIT 连接的端口；它从不允许两个监听套接字通过 SO_REUSEADDR 共享端口（那是 SO_REUSEPORT 的作用）。</translation>
        </message>
        <message>
            <source>The lab counts the TIME_WAIT sockets from /proc/net/tcp (state 06) on the server's port. SO_REUSEPORT is off in both servers.</source>
            <translation>实验室从 /proc/net/tcp（状态 06）统计服务器端口上的 TIME_WAIT 套接字。两个服务器都关闭了 SO_REUSEPORT。</translation>
        </message>
        <message>
            <source>The IPv6 half did not run: %1.</source>
            <translation>IPv6 部分未运行：%1。</translation>
        </message>
        <message>
            <source>The IPv6 half stopped: %1</source>
            <translation>IPv6 部分已中止：%1</translation>
        </message>
        <message>
            <source>IPv6: server with SO_REUSEADDR</source>
            <translation>IPv6：启用 SO_REUSEADDR 的服务器</translation>
        </message>
        <message>
            <source>IPv6: server without SO_REUSEADDR</source>
            <translation>IPv6：未启用 SO_REUSEADDR 的服务器</translation>
        </message>
        <message>
            <source>bound and listening on %1</source>
            <translation>已绑定并在 %1 上监听</translation>
        </message>
        <message>
            <source>bind() on the same port over IPv6 ([::1])</source>
            <translation>通过 IPv6（[::1]）在同一端口上 bind()</translation>
        </message>
        <message>
            <source>IPv6 ([::1]): without SO_REUSEADDR, with %1 connections in TIME_WAIT on the port, the restart's bind() %2; with it, with %3 in TIME_WAIT, %4.</source>
            <translation>IPv6（[::1]）：不使用 SO_REUSEADDR 时，端口上有 %1 个 TIME_WAIT 连接，重启的 bind() %2；使用时，有 %3 个 TIME_WAIT 连接，%4。</translation>
        </message>
        <message>
            <source>it succeeded</source>
            <translation>成功了</translation>
        </message>
        <message>
            <source>it failed with %1</source>
            <translation>失败，错误为 %1</translation>
        </message>
        <message>
            <source>IPv6: a second server with SO_REUSEADDR bound [::1]:%1 while the first listened on it.</source>
            <translation>IPv6：第一个服务器监听 [::1]:%1 时，第二个启用 SO_REUSEADDR 的服务器绑定了它。</translation>
        </message>
        <message>
            <source>IPv6: a second server with SO_REUSEADDR could not bind [::1]:%1 while the first listened on it: %2.</source>
            <translation>IPv6：第一个服务器监听 [::1]:%1 时，第二个启用 SO_REUSEADDR 的服务器无法绑定它：%2。</translation>
        </message>
        <message>
            <source>The IPv6 servers are the experiment's own AF_INET6 sockets on [::1] (IPV6_V6ONLY on), answering and closing first like the IPv4 one; TIME_WAIT is counted from /proc/net/tcp6. The capture's decoder reads IPv4 only, so their packets are in the pcap files but not in the ladder.</source>
            <translation>IPv6 服务器是实验自己在 [::1] 上的 AF_INET6 套接字（IPV6_V6ONLY 开启），与 IPv4 服务器一样先应答再关闭；TIME_WAIT 从 /proc/net/tcp6 统计。抓包的解码器只读取 IPv4，因此它们的数据包在 pcap 文件中，但不在梯形图中。</translation>
        </message>
        <message>
            <source>SO_REUSEPORT</source>
            <translation>SO_REUSEPORT</translation>
        </message>
        <message>
            <source>%1 listeners bind the same port with SO_REUSEPORT and %2 clients connect: count how the kernel spreads the connections over the listeners' accept queues.
Then one more listener tries the same port without the option, and one with it: see which bind() succeeds.</source>
            <translation>%1 个监听套接字以 SO_REUSEPORT 绑定同一端口，%2 个客户端发起连接：统计内核如何把连接分散到各监听套接字的接受队列。
随后再有一个不带该选项的监听套接字和一个带该选项的监听套接字尝试同一端口：观察哪个 bind() 成功。</translation>
        </message>
        <message>
            <source>opening %1 listeners with SO_REUSEPORT</source>
            <translation>正在打开 %1 个启用 SO_REUSEPORT 的监听套接字</translation>
        </message>
        <message>
            <source>listener %1: %2</source>
            <translation>监听套接字 %1：%2</translation>
        </message>
        <message>
            <source>%1 clients connect to port %2</source>
            <translation>%1 个客户端连接到端口 %2</translation>
        </message>
        <message>
            <source>reading each listener's accept queue</source>
            <translation>读取每个监听套接字的接受队列</translation>
        </message>
        <message>
            <source>Connections per listener</source>
            <translation>每个监听套接字的连接数</translation>
        </message>
        <message>
            <source>listener</source>
            <translation>监听套接字</translation>
        </message>
        <message>
            <source>queued (TCP_INFO tcpi_unacked)</source>
            <translation>排队中（TCP_INFO tcpi_unacked）</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>已接受</translation>
        </message>
        <message>
            <source>connections over IPv4</source>
            <translation>IPv4 上的连接</translation>
        </message>
        <message>
            <source>listener %1</source>
            <translation>监听套接字 %1</translation>
        </message>
        <message>
            <source>one more listener without SO_REUSEPORT</source>
            <translation>再加一个不带 SO_REUSEPORT 的监听套接字</translation>
        </message>
        <message>
            <source>Joining the port</source>
            <translation>加入该端口</translation>
        </message>
        <message>
            <source>result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>listener %1 without the option</source>
            <translation>不带该选项的监听套接字 %1</translation>
        </message>
        <message>
            <source>listener %1 with the option</source>
            <translation>带该选项的监听套接字 %1</translation>
        </message>
        <message>
            <source>bound: it now shares the port too</source>
            <translation>已绑定：它现在也共享该端口</translation>
        </message>
        <message>
            <source>%1 connections to port %2 over %3 SO_REUSEPORT listeners</source>
            <translation>%1 个连接分布到端口 %2 上的 %3 个 SO_REUSEPORT 监听套接字</translation>
        </message>
        <message>
            <source>connections</source>
            <translation>连接数</translation>
        </message>
        <message>
            <source>IPv4 (127.0.0.1:%1): %2 of %3 connections were accepted, spread over %4 of %5 listeners (%6 per listener, counted by accepting from each).</source>
            <translation>IPv4（127.0.0.1:%1）：%3 个连接中有 %2 个被接受，分布在 %5 个监听套接字中的 %4 个上（每个监听套接字 %6，通过逐个 accept 统计）。</translation>
        </message>
        <message>
            <source>IPv4: a listener without SO_REUSEPORT was allowed to bind the port the %1 listeners share.</source>
            <translation>IPv4：一个不带 SO_REUSEPORT 的监听套接字被允许绑定 %1 个监听套接字共享的端口。</translation>
        </message>
        <message>
            <source>IPv4: a listener without SO_REUSEPORT could not join: %1 (%2).</source>
            <translation>IPv4：一个不带 SO_REUSEPORT 的监听套接字无法加入：%1（%2）。</translation>
        </message>
        <message>
            <source>IPv4: one more listener with SO_REUSEPORT bound the same port.</source>
            <translation>IPv4：又一个带 SO_REUSEPORT 的监听套接字绑定了同一端口。</translation>
        </message>
        <message>
            <source>IPv4: one more listener with SO_REUSEPORT could not bind: %1.</source>
            <translation>IPv4：又一个带 SO_REUSEPORT 的监听套接字无法绑定：%1。</translation>
        </message>
        <message>
            <source>Why: the kernel picks a listener for each new connection by a hash of its addresses and ports, so the spread is uneven for few connections; it lets a socket join the group only when every socket in it, the new one included, set SO_REUSEPORT before bind() (and they belong to the same user).</source>
            <translation>原因：内核按新连接的地址和端口的哈希为其选择监听套接字，因此连接少时分布不均匀；只有当组内每个套接字（包括新加入的）都在 bind() 之前设置了 SO_REUSEPORT（并且属于同一用户）时，内核才允许该套接字加入组。</translation>
        </message>
        <message>
            <source>Each listener is a socket opened by the lab's core (options before bind, then listen); the connections were counted by accepting them from each listener.</source>
            <translation>每个监听套接字都由实验室核心打开（先设选项再 bind，然后 listen）；连接数通过从各监听套接字 accept 得出。</translation>
        </message>
        <message>
            <source>closing</source>
            <translation>正在关闭</translation>
        </message>
        <message>
            <source>The capture shows %1 handshakes answered on port %2, one SYN-ACK each: on the wire the listeners are indistinguishable, only the accept queues tell them apart.</source>
            <translation>抓包显示端口 %2 上应答了 %1 次握手，每次一个 SYN-ACK：在线路上这些监听套接字无法区分，只有接受队列能把它们区分开。</translation>
        </message>
        <message>
            <source>the same over IPv6 on [::1]</source>
            <translation>在 [::1] 上通过 IPv6 重复同样的操作</translation>
        </message>
        <message>
            <source>The IPv6 half stopped: listener %1: %2</source>
            <translation>IPv6 部分已中止：监听套接字 %1：%2</translation>
        </message>
        <message>
            <source>Connections per listener over IPv6 (%1)</source>
            <translation>IPv6 上每个监听套接字的连接数（%1）</translation>
        </message>
        <message>
            <source>connections over IPv6</source>
            <translation>IPv6 上的连接</translation>
        </message>
        <message>
            <source>Joining the port over IPv6 (%1)</source>
            <translation>通过 IPv6 加入该端口（%1）</translation>
        </message>
        <message>
            <source>IPv6 (%1): %2 of %3 connections were accepted, spread over %4 of %5 listeners (%6 per listener).</source>
            <translation>IPv6（%1）：%3 个连接中有 %2 个被接受，分布在 %5 个监听套接字中的 %4 个上（每个监听套接字 %6）。</translation>
        </message>
        <message>
            <source>IPv6: a listener without SO_REUSEPORT was allowed to bind the shared port.</source>
            <translation>IPv6：一个不带 SO_REUSEPORT 的监听套接字被允许绑定共享的端口。</translation>
        </message>
        <message>
            <source>IPv6: a listener without SO_REUSEPORT could not join: %1.</source>
            <translation>IPv6：一个不带 SO_REUSEPORT 的监听套接字无法加入：%1。</translation>
        </message>
        <message>
            <source>IPv6: one more listener with SO_REUSEPORT bound the same port.</source>
            <translation>IPv6：又一个带 SO_REUSEPORT 的监听套接字绑定了同一端口。</translation>
        </message>
        <message>
            <source>IPv6: one more listener with SO_REUSEPORT could not bind: %1.</source>
            <translation>IPv6：又一个带 SO_REUSEPORT 的监听套接字无法绑定：%1。</translation>
        </message>
        <message>
            <source>The IPv6 listeners are the experiment's own AF_INET6 sockets on [::1] with IPV6_V6ONLY on; the capture's decoder reads IPv4 only, so their packets are in the pcap files but not in the ladder or the handshake count.</source>
            <translation>IPv6 监听套接字是实验自己在 [::1] 上的 AF_INET6 套接字（IPV6_V6ONLY 开启）；抓包的解码器只读取 IPv4，因此它们的数据包在 pcap 文件中，但不在梯形图或握手计数中。</translation>
        </message>
        <message>
            <source>Slow start and congestion control</source>
            <translation>慢启动与拥塞控制</translation>
        </message>
        <message>
            <source>A bulk transfer from the server across the wire (default %1): the sender's congestion window per round trip (TCP_INFO) and the segments it sends per round trip (capture), for each congestion control you may select; then a pause mid-transfer with net.ipv4.tcp_slow_start_after_idle 1 and 0.
Look for the initial window of 10 segments doubling each round until the bottleneck's queue overflows, and for the window after the pause.</source>
            <translation>在线路上（默认 %1）从服务器进行批量传输：对每种可选的拥塞控制，记录每个往返中发送方的拥塞窗口（TCP_INFO）和发送的报文段（抓包）；然后在 net.ipv4.tcp_slow_start_after_idle 为 1 和 0 时分别在传输中途暂停。
观察：10 个报文段的初始窗口每轮加倍，直到瓶颈队列溢出；以及暂停之后的窗口。</translation>
        </message>
        <message>
            <source>bulk transfer with %1</source>
            <translation>使用 %1 的批量传输</translation>
        </message>
        <message>
            <source>not in net.ipv4.tcp_allowed_congestion_control (%1)</source>
            <translation>不在 net.ipv4.tcp_allowed_congestion_control 中（%1）</translation>
        </message>
        <message>
            <source>reno: %1</source>
            <translation>reno：%1</translation>
        </message>
        <message>
            <source>pause mid-transfer, tcp_slow_start_after_idle=%1</source>
            <translation>传输中途暂停，tcp_slow_start_after_idle=%1</translation>
        </message>
        <message>
            <source>the pause with tcp_slow_start_after_idle=%1: %2</source>
            <translation>tcp_slow_start_after_idle=%1 时的暂停：%2</translation>
        </message>
        <message>
            <source>the transfer ended before the pause</source>
            <translation>传输在暂停之前就结束了</translation>
        </message>
        <message>
            <source>Per round trip: the sender's cwnd (TCP_INFO, mid-round) and the new data segments it sent (capture)</source>
            <translation>每个往返：发送方的 cwnd（TCP_INFO，轮次中间）和它发送的新数据报文段（抓包）</translation>
        </message>
        <message>
            <source>round</source>
            <translation>轮次</translation>
        </message>
        <message>
            <source>cwnd (segments)</source>
            <translation>cwnd（报文段）</translation>
        </message>
        <message>
            <source>segments sent</source>
            <translation>已发送报文段</translation>
        </message>
        <message>
            <source>Congestion controls side by side</source>
            <translation>拥塞控制对比</translation>
        </message>
        <message>
            <source>ran</source>
            <translation>已运行</translation>
        </message>
        <message>
            <source>path RTT ms</source>
            <translation>路径 RTT ms</translation>
        </message>
        <message>
            <source>initial cwnd</source>
            <translation>初始 cwnd</translation>
        </message>
        <message>
            <source>rounds before the first loss</source>
            <translation>首次丢包前的轮数</translation>
        </message>
        <message>
            <source>first loss ms</source>
            <translation>首次丢包 ms</translation>
        </message>
        <message>
            <source>cwnd at the first loss</source>
            <translation>首次丢包时的 cwnd</translation>
        </message>
        <message>
            <source>ssthresh after</source>
            <translation>之后的 ssthresh</translation>
        </message>
        <message>
            <source>retransmitted</source>
            <translation>已重传</translation>
        </message>
        <message>
            <source>queue drops</source>
            <translation>队列丢弃</translation>
        </message>
        <message>
            <source>Congestion window of the sender over time</source>
            <translation>发送方拥塞窗口随时间变化</translation>
        </message>
        <message>
            <source>ms since the first data segment</source>
            <translation>自首个数据报文段起的 ms</translation>
        </message>
        <message>
            <source>not tried (quick run)</source>
            <translation>未尝试（快速运行）</translation>
        </message>
        <message>
            <source>reno, a %1 ms pause with everything acknowledged</source>
            <translation>reno，全部确认后暂停 %1 ms</translation>
        </message>
        <message>
            <source>tcp_slow_start_after_idle</source>
            <translation>tcp_slow_start_after_idle</translation>
        </message>
        <message>
            <source>cwnd before the pause</source>
            <translation>暂停前的 cwnd</translation>
        </message>
        <message>
            <source>cwnd after it</source>
            <translation>暂停后的 cwnd</translation>
        </message>
        <message>
            <source>RTO before ms</source>
            <translation>之前的 RTO ms</translation>
        </message>
        <message>
            <source>%1 could not be selected: %2.</source>
            <translation>无法选择 %1：%2。</translation>
        </message>
        <message>
            <source>the first loss (%1 queue drops in all) came %2 ms after the first data segment, in round %3, with cwnd %4; ssthresh became %5</source>
            <translation>首次丢包（共 %1 次队列丢弃）发生在首个数据报文段之后 %2 ms，第 %3 轮，cwnd 为 %4；ssthresh 变为 %5</translation>
        </message>
        <message>
            <source>no segment was lost</source>
            <translation>没有报文段丢失</translation>
        </message>
        <message>
            <source>%1 over a %2 ms round trip: cwnd/segments sent in rounds 0-4 were %3 (x%4 per round by cwnd, x%5 by the capture); %6; %7 Mbit/s.</source>
            <translation>%1，往返 %2 ms：第 0-4 轮的 cwnd/已发送报文段为 %3（按 cwnd 每轮 x%4，按抓包 x%5）；%6；%7 Mbit/s。</translation>
        </message>
        <message>
            <source>tcp_slow_start_after_idle=%1: cwnd %2 before the pause (RTO %3 ms), %4 right after it (%5).</source>
            <translation>tcp_slow_start_after_idle=%1：暂停前 cwnd %2（RTO %3 ms），暂停后立即为 %4（%5）。</translation>
        </message>
        <message>
            <source>slow start begins again</source>
            <translation>慢启动重新开始</translation>
        </message>
        <message>
            <source>the window was kept</source>
            <translation>窗口被保留</translation>
        </message>
        <message>
            <source>Rounds are cut at multiples of the path's round trip from the first data segment; cwnd is the sender's TCP_INFO in the middle of each round, segments are the new data segments the relay took from the sender in it.</source>
            <translation>轮次按路径往返时间的整数倍从首个数据报文段起划分；cwnd 是每轮中间时刻发送方的 TCP_INFO，报文段是该轮中中继从发送方取得的新数据报文段。</translation>
        </message>
        <message>
            <source>Linux grows cwnd by the segments each ACK acknowledges (RFC 3465), so delayed ACKs do not slow the doubling; after an idle period longer than the RTO it halves cwnd once per RTO idle, down to the initial window (RFC 2861 / tcp_cwnd_restart).</source>
            <translation>Linux 按每个 ACK 确认的报文段数增长 cwnd（RFC 3465），因此延迟 ACK 不会减缓加倍；空闲时间超过 RTO 后，每空闲一个 RTO 就将 cwnd 减半一次，直到初始窗口（RFC 2861 / tcp_cwnd_restart）。</translation>
        </message>
        <message>
            <source>listening on the wire's server side</source>
            <translation>正在线路的服务器一侧监听</translation>
        </message>
        <message>
            <source>connect across the wire</source>
            <translation>经线路连接</translation>
        </message>
        <message>
            <source>SYN-ACK retries: the server side of a connect timeout</source>
            <translation>SYN-ACK 重试：连接超时的服务器一侧</translation>
        </message>
        <message>
            <source>Across the wire (default %1, plus drop rules) the wire drops the client's ACK of the handshake: the server's half-open connection waits in SYN_RECV and its SYN-ACK is retransmitted until net.ipv4.tcp_synack_retries = %2; meanwhile a client with TCP_SYNCNT = %3 whose SYNs are all dropped; then TCP_DEFER_ACCEPT on an ordinary handshake.
Look for the SYN-ACK intervals doubling (1 s, 2 s ...) and their count, the SYN retries and ETIMEDOUT, and accept() waiting for data under TCP_DEFER_ACCEPT.</source>
            <translation>在线路上（默认 %1，另加丢弃规则），线路丢弃客户端对握手的 ACK：服务器的半开连接在 SYN_RECV 中等待，其 SYN-ACK 被重传，直到 net.ipv4.tcp_synack_retries = %2；同时有一个 TCP_SYNCNT = %3 的客户端，其所有 SYN 都被丢弃；最后在普通握手上使用 TCP_DEFER_ACCEPT。
观察：SYN-ACK 间隔加倍（1 s、2 s ...）及其次数，SYN 重试与 ETIMEDOUT，以及 TCP_DEFER_ACCEPT 下 accept() 等待数据。</translation>
        </message>
        <message>
            <source>a sock_diag socket in the server's namespace: %1</source>
            <translation>服务器命名空间中的 sock_diag 套接字：%1</translation>
        </message>
        <message>
            <source>dropping the client's ACK of the handshake</source>
            <translation>正在丢弃客户端对握手的 ACK</translation>
        </message>
        <message>
            <source>a second client with TCP_SYNCNT = %1, every SYN dropped</source>
            <translation>第二个客户端，TCP_SYNCNT = %1，每个 SYN 都被丢弃</translation>
        </message>
        <message>
            <source>SYN-ACK retransmissions: %1 so far</source>
            <translation>SYN-ACK 重传：目前 %1 次</translation>
        </message>
        <message>
            <source>TCP_DEFER_ACCEPT</source>
            <translation>TCP_DEFER_ACCEPT</translation>
        </message>
        <message>
            <source>no TCP_DEFER_ACCEPT, no data</source>
            <translation>无 TCP_DEFER_ACCEPT，无数据</translation>
        </message>
        <message>
            <source>TCP_DEFER_ACCEPT %1 s, no data</source>
            <translation>TCP_DEFER_ACCEPT %1 s，无数据</translation>
        </message>
        <message>
            <source>TCP_DEFER_ACCEPT %1 s, data after 300 ms</source>
            <translation>TCP_DEFER_ACCEPT %1 s，300 ms 后有数据</translation>
        </message>
        <message>
            <source>The half-open connection's SYN-ACKs (capture), tcp_synack_retries = %1</source>
            <translation>半开连接的 SYN-ACK（抓包），tcp_synack_retries = %1</translation>
        </message>
        <message>
            <source>SYN-ACK</source>
            <translation>SYN-ACK</translation>
        </message>
        <message>
            <source>ms after the SYN</source>
            <translation>SYN 之后 ms</translation>
        </message>
        <message>
            <source>first</source>
            <translation>首次</translation>
        </message>
        <message>
            <source>retransmission %1</source>
            <translation>第 %1 次重传</translation>
        </message>
        <message>
            <source>The server's SYN queue (sock_diag in its namespace): the request socket in SYN_RECV</source>
            <translation>服务器的 SYN 队列（其命名空间中的 sock_diag）：处于 SYN_RECV 的请求套接字</translation>
        </message>
        <message>
            <source>SYN-ACK retransmissions (idiag_retrans)</source>
            <translation>SYN-ACK 重传（idiag_retrans）</translation>
        </message>
        <message>
            <source>gone: the request was dropped</source>
            <translation>已消失：请求被丢弃</translation>
        </message>
        <message>
            <source>The unreachable client's SYNs (capture), TCP_SYNCNT = %1, tcp_syn_linear_timeouts = 0 (the namespace's default: %2)</source>
            <translation>不可达客户端的 SYN（抓包），TCP_SYNCNT = %1，tcp_syn_linear_timeouts = 0（命名空间的默认值：%2）</translation>
        </message>
        <message>
            <source>SYN</source>
            <translation>SYN</translation>
        </message>
        <message>
            <source>ms after connect()</source>
            <translation>connect() 之后 ms</translation>
        </message>
        <message>
            <source>TCP_DEFER_ACCEPT on an ordinary handshake</source>
            <translation>普通握手上的 TCP_DEFER_ACCEPT</translation>
        </message>
        <message>
            <source>client connected ms</source>
            <translation>客户端已连接 ms</translation>
        </message>
        <message>
            <source>accept() returned ms</source>
            <translation>accept() 返回 ms</translation>
        </message>
        <message>
            <source>SYN-ACKs sent</source>
            <translation>已发送 SYN-ACK</translation>
        </message>
        <message>
            <source>listed in SYN_RECV once the client was connected</source>
            <translation>客户端连接后是否列于 SYN_RECV</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Retransmission times: the server's SYN-ACKs and the client's SYNs</source>
            <translation>重传时间：服务器的 SYN-ACK 和客户端的 SYN</translation>
        </message>
        <message>
            <source>retransmission number</source>
            <translation>重传序号</translation>
        </message>
        <message>
            <source>ms after the first</source>
            <translation>首次之后 ms</translation>
        </message>
        <message>
            <source>SYN-ACK (tcp_synack_retries = %1)</source>
            <translation>SYN-ACK（tcp_synack_retries = %1）</translation>
        </message>
        <message>
            <source>SYN (TCP_SYNCNT = %1)</source>
            <translation>SYN（TCP_SYNCNT = %1）</translation>
        </message>
        <message>
            <source>The client's connect() completed after %1 ms, but the wire dropped its %2 ACK(s) of the handshake: the server sent %3 SYN-ACKs at %4 ms, gaps %5 ms (each %6 x the one before), %7 retransmission(s) for tcp_synack_retries = %8.</source>
            <translation>客户端的 connect() 在 %1 ms 后完成，但线路丢弃了它对握手的 %2 个 ACK：服务器在 %4 ms 发送了 %3 个 SYN-ACK，间隔 %5 ms（每个是前一个的 %6 倍），tcp_synack_retries = %8 时共 %7 次重传。</translation>
        </message>
        <message>
            <source>The server listed the connection in SYN_RECV (its SYN queue) with up to %1 retransmissions, and dropped it %2 ms after the SYN; the client still thinks it is connected.</source>
            <translation>服务器将该连接列于 SYN_RECV（其 SYN 队列），最多重传 %1 次，并在 SYN 之后 %2 ms 丢弃了它；客户端仍认为自己已连接。</translation>
        </message>
        <message>
            <source>The server listed the connection in SYN_RECV with up to %1 retransmissions; it was still there at the end of the run.</source>
            <translation>服务器将该连接列于 SYN_RECV，最多重传 %1 次；运行结束时它仍在那里。</translation>
        </message>
        <message>
            <source>The client with TCP_SYNCNT = %1 sent %2 SYNs at %3 ms (gaps %4 ms; tcp_syn_linear_timeouts set from %5 to 0 in its namespace) and connect() failed after %6 ms with %7.</source>
            <translation>TCP_SYNCNT = %1 的客户端在 %3 ms 发送了 %2 个 SYN（间隔 %4 ms；其命名空间中 tcp_syn_linear_timeouts 从 %5 设为 0），connect() 在 %6 ms 后以 %7 失败。</translation>
        </message>
        <message>
            <source>no error</source>
            <translation>无错误</translation>
        </message>
        <message>
            <source>TCP_DEFER_ACCEPT %1 s: without it accept() returned after %2 ms; with it and no data after %3 ms (%4 SYN-ACKs: the bare ACK was ignored, the SYN-ACK resent at the end of the period); with data at 300 ms after %5 ms.</source>
            <translation>TCP_DEFER_ACCEPT %1 s：不设置时 accept() 在 %2 ms 后返回；设置且无数据时在 %3 ms 后返回（%4 个 SYN-ACK：裸 ACK 被忽略，在期限结束时重发 SYN-ACK）；300 ms 时有数据则在 %5 ms 后返回。</translation>
        </message>
        <message>
            <source>The SYN-ACK timer starts at the kernel's initial RTO (1 s) and doubles; the listener's TCP_SYNCNT, when set, overrides tcp_synack_retries for its connections.</source>
            <translation>SYN-ACK 定时器从内核的初始 RTO（1 s）开始并逐次加倍；监听套接字的 TCP_SYNCNT 一旦设置，会覆盖其连接的 tcp_synack_retries。</translation>
        </message>
        <message>
            <source>tcp_syn_linear_timeouts (Linux 6.x, default 4) keeps the first SYN retransmissions of a client at the initial RTO before the doubling starts; it does not apply to SYN-ACKs.</source>
            <translation>tcp_syn_linear_timeouts（Linux 6.x，默认 4）使客户端最初的几次 SYN 重传保持在初始 RTO，然后才开始加倍；它不适用于 SYN-ACK。</translation>
        </message>
        <message>
            <source>connecting across the wire</source>
            <translation>正在经线路连接</translation>
        </message>
        <message>
            <source>the connection across the wire was not accepted within 5 s (is the wire cut or dropping the handshake?)</source>
            <translation>经线路的连接在 5 s 内未被接受（线路是否被切断或在丢弃握手？）</translation>
        </message>
        <message>
            <source>TCP_CONGESTION %1</source>
            <translation>TCP_CONGESTION %1</translation>
        </message>
        <message>
            <source>retransmit</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>keep-alive</source>
            <translation>保活</translation>
        </message>
        <message>
            <source>TIME_WAIT</source>
            <translation>TIME_WAIT</translation>
        </message>
        <message>
            <source>zero-window probe</source>
            <translation>零窗口探测</translation>
        </message>
    </context>
    <context>
        <name>ExperimentCommand</name>
        <message>
            <source>Run one with: tcplab --experiment NAME [--wire SPEC] [--pcap FILE] [--ladder] [--json]</source>
            <translation>运行其中一个：tcplab --experiment NAME [--wire SPEC] [--pcap FILE] [--ladder] [--json]</translation>
        </message>
        <message>
            <source>unknown experiment '%1'; known: %2 (or list)</source>
            <translation>未知实验 '%1'；已知：%2（或 list）</translation>
        </message>
    </context>
    <context>
        <name>Framer</name>
        <message>
            <source>recv: %1 bytes in one recv() of up to %2</source>
            <translation>recv：一次 recv() 最多 %2 字节，收到 %1 字节</translation>
        </message>
        <message>
            <source>peer closed without sending any data</source>
            <translation>对端未发送任何数据就关闭了</translation>
        </message>
        <message>
            <source>%1 bytes after the first line ignored (one-shot)</source>
            <translation>忽略第一行之后的 %1 字节（一次性）</translation>
        </message>
        <message>
            <source>last line has no newline (%1 bytes before EOF)</source>
            <translation>最后一行没有换行符（EOF 前 %1 字节）</translation>
        </message>
        <message>
            <source>line: %1 bytes</source>
            <translation>行：%1 字节</translation>
        </message>
        <message>
            <source>line longer than the limit of %1 bytes (%2 bytes without newline): closing</source>
            <translation>行超过 %1 字节的限制（%2 字节仍无换行）：关闭</translation>
        </message>
        <message>
            <source>over-long frame: %1 bytes, expected %2</source>
            <translation>帧过长：%1 字节，应为 %2</translation>
        </message>
        <message>
            <source>short frame: %1 of %2 bytes before EOF</source>
            <translation>帧过短：EOF 前收到 %1 / %2 字节</translation>
        </message>
        <message>
            <source>frame %1</source>
            <translation>帧 %1</translation>
        </message>
    </context>
    <context>
        <name>Headless</name>
        <message>
            <source>option report (requested vs effective on the listening socket):</source>
            <translation>选项报告（监听套接字上请求值与生效值的对比）：</translation>
        </message>
        <message>
            <source>listening on %1 (server side of the wire)</source>
            <translation>正在监听 %1（线路的服务器端）</translation>
        </message>
    </context>
    <context>
        <name>LogExport</name>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
    </context>
    <context>
        <name>NetworkNamespace</name>
        <message>
            <source>the kernel grants a user namespace only to a single-threaded process; this one has %1 threads (one of them the thread that was to enter the namespace)</source>
            <translation>内核只允许单线程进程创建用户命名空间；本进程有 %1 个线程（其中一个是要进入该命名空间的线程）</translation>
        </message>
        <message>
            <source>unprivileged user namespaces are disabled here (kernel.unprivileged_userns_clone, or a seccomp/AppArmor policy)</source>
            <translation>此处禁用了非特权用户命名空间（kernel.unprivileged_userns_clone，或 seccomp/AppArmor 策略）</translation>
        </message>
        <message>
            <source>the user namespace limit is reached (user.max_user_namespaces)</source>
            <translation>已达到用户命名空间数量上限（user.max_user_namespaces）</translation>
        </message>
        <message>
            <source>unshare(CLONE_NEWNET) (needs CAP_SYS_ADMIN)</source>
            <translation>unshare(CLONE_NEWNET)（需要 CAP_SYS_ADMIN）</translation>
        </message>
        <message>
            <source>unshare(CLONE_NEWUSER|CLONE_NEWNET)</source>
            <translation>unshare(CLONE_NEWUSER|CLONE_NEWNET)</translation>
        </message>
        <message>
            <source>no private network namespace: %1; %2%3</source>
            <translation>没有私有网络命名空间：%1；%2%3</translation>
        </message>
        <message>
            <source>socket</source>
            <translation>socket</translation>
        </message>
        <message>
            <source>SIOCGIFFLAGS %1</source>
            <translation>SIOCGIFFLAGS %1</translation>
        </message>
        <message>
            <source>SIOCSIFFLAGS %1 %2</source>
            <translation>SIOCSIFFLAGS %1 %2</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <source>cannot write %1 = %2: %3</source>
            <translation>无法写入 %1 = %2：%3</translation>
        </message>
    </context>
    <context>
        <name>Option</name>
        <message>
            <source>; default %1</source>
            <translation>；默认 %1</translation>
        </message>
        <message>
            <source>; default: kernel's, %1</source>
            <translation>；默认：内核默认值，%1</translation>
        </message>
        <message>
            <source>; default: kernel's</source>
            <translation>；默认：内核的值</translation>
        </message>
        <message>
            <source> (live: the window applies a change at once to a running server)</source>
            <translation>（实时：窗口会把修改立即应用到运行中的服务器）</translation>
        </message>
        <message>
            <source>Same as --persistent with on|off</source>
            <translation>同 --persistent，取值 on|off</translation>
        </message>
        <message>
            <source>Any other integer socket option, applied to the listener before listen(): LEVEL:OPTNAME:VALUE (repeatable)</source>
            <translation>任何其他整数套接字选项，在 listen() 之前应用到监听套接字：LEVEL:OPTNAME:VALUE（可重复）</translation>
        </message>
        <message>
            <source>Address to bind: an IPv4 or IPv6 literal (::1; :: for every interface; fe80::1%eth0), localhost (127.0.0.1), a host name (its resolver's first answer), or empty for all IPv4 interfaces</source>
            <translation>要绑定的地址：IPv4 或 IPv6 字面地址（::1；:: 表示所有接口；fe80::1%eth0）、localhost（127.0.0.1）、主机名（取解析器的第一个应答），或留空表示所有 IPv4 接口</translation>
        </message>
        <message>
            <source>Binding 0.0.0.0 or :: exposes the server on every interface; 127.0.0.1 or ::1 keeps it on loopback. [::] with IPV6_V6ONLY off also takes IPv4 clients, as ::ffff:a.b.c.d.</source>
            <translation>绑定 0.0.0.0 或 :: 会在所有接口上暴露服务器；127.0.0.1 或 ::1 则只限于环回接口。IPV6_V6ONLY 关闭时，[::] 也接受 IPv4 客户端，形式为 ::ffff:a.b.c.d。</translation>
        </message>
        <message>
            <source>TCP port to listen on; 0 lets the kernel pick a free ephemeral port</source>
            <translation>要监听的 TCP 端口；0 表示由内核挑选一个空闲的临时端口</translation>
        </message>
        <message>
            <source>Ports below 1024 need CAP_NET_BIND_SERVICE; port 0 picks from net.ipv4.ip_local_port_range.</source>
            <translation>1024 以下的端口需要 CAP_NET_BIND_SERVICE；端口 0 从 net.ipv4.ip_local_port_range 中挑选。</translation>
        </message>
        <message>
            <source>Allow bind() while old connections on the port are in TIME_WAIT</source>
            <translation>允许在端口上的旧连接处于 TIME_WAIT 时 bind()</translation>
        </message>
        <message>
            <source>Must be set before bind(); without it a restarted server fails with EADDRINUSE until TIME_WAIT ends.</source>
            <translation>必须在 bind() 之前设置；否则重启的服务器会以 EADDRINUSE 失败，直到 TIME_WAIT 结束。</translation>
        </message>
        <message>
            <source>Let several listeners bind the same port; the kernel spreads connections across them</source>
            <translation>允许多个监听套接字绑定同一端口；内核把连接分散给它们</translation>
        </message>
        <message>
            <source>Every socket sharing the port must set it before bind() and belong to the same user.</source>
            <translation>共享端口的每个套接字都必须在 bind() 之前设置它，并且属于同一用户。</translation>
        </message>
        <message>
            <source>IPv6 listener: take IPv6 clients only (off: IPv4 clients too, as IPv4-mapped ::ffff:a.b.c.d)</source>
            <translation>IPv6 监听套接字：只接受 IPv6 客户端（关闭：也接受 IPv4 客户端，表现为 IPv4 映射地址 ::ffff:a.b.c.d）</translation>
        </message>
        <message>
            <source>Must be set before bind(); unset, a new socket takes net.ipv6.bindv6only. Off, [::] also holds the port for IPv4, so a separate IPv4 listener on it meets EADDRINUSE.</source>
            <translation>必须在 bind() 之前设置；未设置时，新套接字取 net.ipv6.bindv6only 的值。关闭时，[::] 也为 IPv4 占用该端口，因此该端口上独立的 IPv4 监听套接字会遇到 EADDRINUSE。</translation>
        </message>
        <message>
            <source>Length of the accept queue of completed connections passed to listen()</source>
            <translation>传给 listen() 的已完成连接接受队列长度</translation>
        </message>
        <message>
            <source>The kernel silently caps it at net.core.somaxconn; half-open connections are limited by net.ipv4.tcp_max_syn_backlog.</source>
            <translation>内核会悄悄地以 net.core.somaxconn 为上限；半开连接受 net.ipv4.tcp_max_syn_backlog 限制。</translation>
        </message>
        <message>
            <source>Wake accept() only when data has arrived, for at most this many seconds</source>
            <translation>仅在数据到达时才唤醒 accept()，最多等待这么多秒</translation>
        </message>
        <message>
            <source>The kernel turns the seconds into a count of SYN-ACK retransmissions, so it reads back rounded up.</source>
            <translation>内核把秒数换算为 SYN-ACK 重传次数，因此读回时向上取整。</translation>
        </message>
        <message>
            <source>Send keep-alive probes on idle connections to detect a vanished peer</source>
            <translation>在空闲连接上发送保活探测，以发现消失的对端</translation>
        </message>
        <message>
            <source>Accepted sockets inherit it from the listener; without the TCP_KEEP* values the sysctls net.ipv4.tcp_keepalive_* apply.</source>
            <translation>已接受的套接字从监听套接字继承它；没有 TCP_KEEP* 值时使用 sysctl net.ipv4.tcp_keepalive_*。</translation>
        </message>
        <message>
            <source>Idle time before the first keep-alive probe</source>
            <translation>发送第一个保活探测前的空闲时间</translation>
        </message>
        <message>
            <source>Only takes effect while SO_KEEPALIVE is on; the kernel allows 1..32767 seconds.</source>
            <translation>仅在 SO_KEEPALIVE 打开时生效；内核允许 1..32767 秒。</translation>
        </message>
        <message>
            <source>Unanswered probes before the connection is dropped</source>
            <translation>连接被丢弃前允许的未应答探测次数</translation>
        </message>
        <message>
            <source>After this many unanswered probes the kernel resets the connection with ETIMEDOUT.</source>
            <translation>连续这么多次探测无应答后，内核以 ETIMEDOUT 重置连接。</translation>
        </message>
        <message>
            <source>Time between keep-alive probes</source>
            <translation>保活探测之间的间隔</translation>
        </message>
        <message>
            <source>A dead peer is noticed after KEEPIDLE + KEEPCNT x KEEPINTVL seconds.</source>
            <translation>死掉的对端会在 KEEPIDLE + KEEPCNT x KEEPINTVL 秒后被发现。</translation>
        </message>
        <message>
            <source>Disable Nagle's algorithm: send small segments at once</source>
            <translation>禁用 Nagle 算法：立即发送小报文段</translation>
        </message>
        <message>
            <source>With Nagle on, a small write waits for the ACK of unacknowledged data; with a delayed ACK at the peer that costs ~40 ms.</source>
            <translation>启用 Nagle 时，小的写入要等待未确认数据的 ACK；若对端延迟 ACK，代价约为 40 毫秒。</translation>
        </message>
        <message>
            <source>Acknowledge at once instead of delaying ACKs</source>
            <translation>立即确认，而不是延迟 ACK</translation>
        </message>
        <message>
            <source>Not sticky: the kernel may leave quick-ack mode after any ACK, so the lab sets it on every accepted socket (and after every read when re-arm is on).</source>
            <translation>不是持久的：内核在任何 ACK 之后都可能退出快速确认模式，所以实验室在每个已接受的套接字上设置它（启用重新设置时在每次读取后也设置）。</translation>
        </message>
        <message>
            <source>Set TCP_QUICKACK again after every read on accepted sockets</source>
            <translation>在已接受套接字的每次读取后再次设置 TCP_QUICKACK</translation>
        </message>
        <message>
            <source>Because TCP_QUICKACK is not sticky, only re-arming after each read keeps ACKs immediate.</source>
            <translation>由于 TCP_QUICKACK 不是持久的，只有在每次读取后重新设置才能保持立即确认。</translation>
        </message>
        <message>
            <source>Accept data in the SYN (TCP Fast Open); the value is the queue of pending TFO requests, 0 = off</source>
            <translation>接受 SYN 中的数据（TCP Fast Open）；值为待处理 TFO 请求的队列长度，0 = 关闭</translation>
        </message>
        <message>
            <source>Set at IPPROTO_TCP level (the recipe's SOL_SOCKET is rejected); works only when net.ipv4.tcp_fastopen has the server bit (2).</source>
            <translation>在 IPPROTO_TCP 级别设置（配方中的 SOL_SOCKET 会被拒绝）；仅当 net.ipv4.tcp_fastopen 含有服务器位（2）时有效。</translation>
        </message>
        <message>
            <source>Hold partial segments until uncorked or 200 ms pass</source>
            <translation>保留不完整的报文段，直到解除 cork 或经过 200 毫秒</translation>
        </message>
        <message>
            <source>Corked data is sent only in full segments or after a 200 ms ceiling; it overrides TCP_NODELAY.</source>
            <translation>cork 状态下的数据只以完整报文段发送，或在 200 毫秒上限后发送；它优先于 TCP_NODELAY。</translation>
        </message>
        <message>
            <source>Report writable only while less than this much unsent data is queued</source>
            <translation>仅当排队的未发送数据少于该值时才报告可写</translation>
        </message>
        <message>
            <source>Keeps the send queue short so new data is not stuck behind stale bytes.</source>
            <translation>保持发送队列短小，使新数据不被陈旧字节堵住。</translation>
        </message>
        <message>
            <source>Receive buffer size</source>
            <translation>接收缓冲区大小</translation>
        </message>
        <message>
            <source>The kernel doubles the value for bookkeeping and caps it at net.core.rmem_max; set before listen() to shape the window scale.</source>
            <translation>内核会把该值加倍用于记账，并以 net.core.rmem_max 为上限；在 listen() 之前设置以影响窗口缩放。</translation>
        </message>
        <message>
            <source>Send buffer size</source>
            <translation>发送缓冲区大小</translation>
        </message>
        <message>
            <source>The kernel doubles the value for bookkeeping and caps it at net.core.wmem_max.</source>
            <translation>内核会把该值加倍用于记账，并以 net.core.wmem_max 为上限。</translation>
        </message>
        <message>
            <source>Upper bound on the segment size announced in the SYN</source>
            <translation>SYN 中通告的报文段大小上限</translation>
        </message>
        <message>
            <source>Only lowers the MSS; the path MTU and the peer's MSS still apply.</source>
            <translation>只能降低 MSS；路径 MTU 和对端的 MSS 仍然适用。</translation>
        </message>
        <message>
            <source>Upper bound on the advertised receive window</source>
            <translation>通告接收窗口的上限</translation>
        </message>
        <message>
            <source>Values below half the minimum receive buffer are raised by the kernel; the window also stays within SO_RCVBUF.</source>
            <translation>低于最小接收缓冲区一半的值会被内核提高；窗口也不会超过 SO_RCVBUF。</translation>
        </message>
        <message>
            <source>Receive timeout of blocking reads (the recipe's timeout); 0 = wait forever</source>
            <translation>阻塞读取的接收超时（配方中的 timeout）；0 = 永远等待</translation>
        </message>
        <message>
            <source>Acts only on blocking calls: iterative and threaded modes. Event mode never blocks and uses the idle timeout instead.</source>
            <translation>仅作用于阻塞调用：迭代和线程模式。事件模式从不阻塞，改用空闲超时。</translation>
        </message>
        <message>
            <source>Send timeout of blocking writes; 0 = wait forever</source>
            <translation>阻塞写入的发送超时；0 = 永远等待</translation>
        </message>
        <message>
            <source>Acts only on blocking calls; a peer that never reads then stalls only its own connection.</source>
            <translation>仅作用于阻塞调用；从不读取的对端只会拖住它自己的连接。</translation>
        </message>
        <message>
            <source>Drop the connection when sent data stays unacknowledged this long</source>
            <translation>已发送数据在这么长时间内未被确认时丢弃连接</translation>
        </message>
        <message>
            <source>Also bounds keep-alive: with keep-alive on, it overrides KEEPCNT when the peer stops answering.</source>
            <translation>也限制保活：启用保活时，若对端停止应答，它优先于 KEEPCNT。</translation>
        </message>
        <message>
            <source>SYN retransmissions before connect() gives up; on a listener, SYN-ACK retransmissions before a half-open connection is dropped</source>
            <translation>connect() 放弃前的 SYN 重传次数；在监听套接字上，则是半开连接被丢弃前的 SYN-ACK 重传次数</translation>
        </message>
        <message>
            <source>Set on a listener, it bounds the SYN-ACK retransmissions of its pending connections, which otherwise follow net.ipv4.tcp_synack_retries; unset, it reads back net.ipv4.tcp_syn_retries.</source>
            <translation>设置在监听套接字上时，它限制其未完成连接的 SYN-ACK 重传次数，否则这些重传遵循 net.ipv4.tcp_synack_retries；未设置时，读回的是 net.ipv4.tcp_syn_retries。</translation>
        </message>
        <message>
            <source>How close() treats unsent data: -1 off, 0 reset at once, N wait up to N seconds</source>
            <translation>close() 如何处理未发送的数据：-1 关闭，0 立即重置，N 最多等待 N 秒</translation>
        </message>
        <message>
            <source>Linger 0 makes close() send RST and skip TIME_WAIT; a positive value makes close() wait until the data is acknowledged or the time is up, on Linux even on a non-blocking socket.</source>
            <translation>Linger 0 使 close() 发送 RST 并跳过 TIME_WAIT；正值使 close() 一直等到数据被确认或时间用完，在 Linux 上即使是非阻塞套接字也如此。</translation>
        </message>
        <message>
            <source>Lifetime of orphaned FIN_WAIT2 sockets; -1 = skip FIN_WAIT2</source>
            <translation>孤立 FIN_WAIT2 套接字的存活时间；-1 = 跳过 FIN_WAIT2</translation>
        </message>
        <message>
            <source>0 means net.ipv4.tcp_fin_timeout (and reads back as it); any other value up to 120 s (TCP_FIN_TIMEOUT_MAX, the kernel's cap) is kept, also above tcp_fin_timeout.</source>
            <translation>0 表示使用 net.ipv4.tcp_fin_timeout（读回的也是它）；不超过 120 秒（内核上限 TCP_FIN_TIMEOUT_MAX）的其他值都会保留，即使大于 tcp_fin_timeout。</translation>
        </message>
        <message>
            <source>Event mode: close a connection that sent nothing for this long; 0 = never</source>
            <translation>事件模式：关闭这么长时间未发送任何数据的连接；0 = 从不</translation>
        </message>
        <message>
            <source>SO_RCVTIMEO has no effect on non-blocking sockets, so event mode keeps its own timer.</source>
            <translation>SO_RCVTIMEO 对非阻塞套接字无效，所以事件模式使用自己的定时器。</translation>
        </message>
        <message>
            <source>Congestion control algorithm</source>
            <translation>拥塞控制算法</translation>
        </message>
        <message>
            <source>Any algorithm of net.ipv4.tcp_available_congestion_control needs CAP_NET_ADMIN; an unprivileged process may choose only those in net.ipv4.tcp_allowed_congestion_control (the default is always one).</source>
            <translation>选择 net.ipv4.tcp_available_congestion_control 中的任意算法都需要 CAP_NET_ADMIN；非特权进程只能选择 net.ipv4.tcp_allowed_congestion_control 中的算法（默认算法总在其中）。</translation>
        </message>
        <message>
            <source>Type-of-service / DSCP byte of outgoing packets</source>
            <translation>发出数据包的服务类型 / DSCP 字节</translation>
        </message>
        <message>
            <source>On a TCP socket the kernel replaces the two low ECN bits of the value with the socket's own when the option is set (TCP manages ECN), so 255 is stored, and reads back, as 252.</source>
            <translation>在 TCP 套接字上设置该选项时，内核会用套接字自己的 ECN 位替换值中低两位的 ECN 位（ECN 由 TCP 管理），因此 255 会被存为 252，读回的也是 252。</translation>
        </message>
        <message>
            <source>Time-to-live of outgoing packets</source>
            <translation>发出数据包的生存时间</translation>
        </message>
        <message>
            <source>Unset, the kernel uses net.ipv4.ip_default_ttl.</source>
            <translation>未设置时，内核使用 net.ipv4.ip_default_ttl。</translation>
        </message>
        <message>
            <source>IPv6 traffic class (DSCP and ECN) of outgoing packets: the IPv6 counterpart of IP_TOS</source>
            <translation>发出的 IPv6 数据包的流量类别（DSCP 和 ECN）：IP_TOS 在 IPv6 中的对应项</translation>
        </message>
        <message>
            <source>On a TCP socket the kernel keeps the two low ECN bits its own (TCP manages ECN), so 255 is stored, and reads back, as 252.</source>
            <translation>在 TCP 套接字上，内核自己掌管 ECN 的两个低位（由 TCP 管理 ECN），因此 255 会被存储为 252，回读也是 252。</translation>
        </message>
        <message>
            <source>Hop limit of outgoing unicast packets: the IPv6 counterpart of IP_TTL</source>
            <translation>发出的单播数据包的跳数限制：IP_TTL 在 IPv6 中的对应项</translation>
        </message>
        <message>
            <source>Unset, the kernel uses the route's hop limit or net.ipv6.conf.all.hop_limit.</source>
            <translation>未设置时，内核使用路由的跳数限制或 net.ipv6.conf.all.hop_limit。</translation>
        </message>
        <message>
            <source>Protocol: byte (one recv, upper-cased), line (up to newline, upper-cased), bin (struct ! I 2s Q 2h f)</source>
            <translation>协议：byte（一次 recv，转大写）、line（读到换行，转大写）、bin（结构 ! I 2s Q 2h f）</translation>
        </message>
        <message>
            <source>TCP is a byte stream: only the handler's framing decides where a message ends.</source>
            <translation>TCP 是字节流：只有处理器的分帧方式决定消息在哪里结束。</translation>
        </message>
        <message>
            <source>Serve request after request until the peer closes (off: one request, then close, as in the recipe)</source>
            <translation>一个请求接一个请求地服务，直到对端关闭（关闭时：一个请求后即关闭，与配方相同）</translation>
        </message>
        <message>
            <source>One-shot connections pay a handshake and a TIME_WAIT each.</source>
            <translation>一次性连接每次都要付出一次握手和一个 TIME_WAIT。</translation>
        </message>
        <message>
            <source>Byte handler: size of its one recv() call</source>
            <translation>Byte 处理器：其单次 recv() 调用的大小</translation>
        </message>
        <message>
            <source>One recv returns what has arrived so far, up to this size: a message split across segments arrives cut.</source>
            <translation>一次 recv 返回到目前为止到达的数据，最多为该大小：跨报文段的消息会被截断。</translation>
        </message>
        <message>
            <source>Line handler: longest line accepted; longer closes the connection</source>
            <translation>Line 处理器：接受的最长行；更长则关闭连接</translation>
        </message>
        <message>
            <source>Without a limit a peer that never sends a newline makes the server buffer without end.</source>
            <translation>没有限制时，从不发送换行的对端会让服务器无限缓冲。</translation>
        </message>
        <message>
            <source>Bin handler reply: echo the frame unchanged, or upper (the recipe's upper-casing of raw bytes)</source>
            <translation>Bin 处理器回复：原样回显帧，或 upper（配方中对原始字节转大写）</translation>
        </message>
        <message>
            <source>Upper-casing raw bytes corrupts binary fields; it is kept only for comparison with the recipe.</source>
            <translation>对原始字节转大写会破坏二进制字段；保留它只是为了与配方对比。</translation>
        </message>
        <message>
            <source>iterative (one connection at a time), threaded (a thread per connection), event (epoll)</source>
            <translation>iterative（一次一个连接）、threaded（每连接一个线程）、event（epoll）</translation>
        </message>
        <message>
            <source>Iterative mode shows head-of-line blocking: later clients wait in the accept queue.</source>
            <translation>迭代模式展示队头阻塞：后来的客户端在接受队列中等待。</translation>
        </message>
        <message>
            <source>Threaded mode: most connection threads at once; more wait in the accept queue</source>
            <translation>线程模式：同时最多的连接线程数；更多的在接受队列中等待</translation>
        </message>
        <message>
            <source>Each thread costs a stack; beyond the cap new connections queue in the kernel.</source>
            <translation>每个线程都要占用一个栈；超过上限的新连接在内核中排队。</translation>
        </message>
        <message>
            <source>Least severe event logged: debug (data and per-connection reports), info, warning, error</source>
            <translation>记录的最低事件级别：debug（数据和每连接报告）、info、warning、error</translation>
        </message>
        <message>
            <source>Per-connection reports cost getsockopt calls; they are made only when someone listens at debug.</source>
            <translation>每连接报告需要调用 getsockopt；只有在有人以 debug 级别监听时才生成。</translation>
        </message>
        <message>
            <source>the address is fixed by bind(): only a new listening socket can take another</source>
            <translation>地址由 bind() 固定：只有新的监听套接字才能换用其他地址</translation>
        </message>
        <message>
            <source>the port is fixed by bind(): only a new listening socket can take another</source>
            <translation>端口由 bind() 固定：只有新的监听套接字才能换用其他端口</translation>
        </message>
        <message>
            <source>only bind() looks at it: on a socket that is already bound it changes nothing</source>
            <translation>只有 bind() 会读取它：对已绑定的套接字不起任何作用</translation>
        </message>
        <message>
            <source>only bind() looks at it: the kernel placed the bound socket in its port group then</source>
            <translation>只有 bind() 会读取它：内核当时已把绑定的套接字放入其端口组</translation>
        </message>
        <message>
            <source>it acts in the handshake, which open connections have passed; the lab sets it on the listener before listen()</source>
            <translation>它在握手中起作用，而打开的连接已经过了握手；实验室在 listen() 之前把它设置到监听套接字上</translation>
        </message>
        <message>
            <source>the Fast Open queue belongs to the listener and acts only in the handshake; the lab sizes it before listen()</source>
            <translation>Fast Open 队列属于监听套接字，且只在握手中起作用；实验室在 listen() 之前设定其大小</translation>
        </message>
        <message>
            <source>only bind() looks at it: a bound socket keeps the address families it took then</source>
            <translation>只有 bind() 会读取它：已绑定的套接字保留当时取得的地址族</translation>
        </message>
        <message>
            <source>the MSS is announced in the SYN: an open connection keeps the one it negotiated</source>
            <translation>MSS 在 SYN 中通告：打开的连接保留其已协商的 MSS</translation>
        </message>
        <message>
            <source>a server setting: the engine reads it when the server starts</source>
            <translation>服务器设置：引擎在服务器启动时读取它</translation>
        </message>
        <message>
            <source>the lab sets it only when it opens the listening socket</source>
            <translation>实验室只在打开监听套接字时设置它</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Accept queue</source>
            <translation>接受队列</translation>
        </message>
        <message>
            <source>Keep-alive</source>
            <translation>保活</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>延迟</translation>
        </message>
        <message>
            <source>Buffers</source>
            <translation>缓冲区</translation>
        </message>
        <message>
            <source>Timeouts</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>IP and congestion</source>
            <translation>IP 与拥塞</translation>
        </message>
        <message>
            <source>Handler</source>
            <translation>处理器</translation>
        </message>
        <message>
            <source>Concurrency mode</source>
            <translation>并发模式</translation>
        </message>
        <message>
            <source>Logging</source>
            <translation>日志</translation>
        </message>
        <message>
            <source>Not offered: %1. The kernel has them, but only a process with CAP_NET_ADMIN may choose any; without it only net.ipv4.tcp_allowed_congestion_control (%2) may be chosen.</source>
            <translation>未提供：%1。内核中有这些算法，但只有具备 CAP_NET_ADMIN 的进程才能任意选择；没有该权限时只能选择 net.ipv4.tcp_allowed_congestion_control（%2）中的算法。</translation>
        </message>
        <message>
            <source>net.ipv6.bindv6only (unreadable here: no IPv6?)</source>
            <translation>net.ipv6.bindv6only（此处无法读取：没有 IPv6？）</translation>
        </message>
        <message>
            <source>net.ipv6.bindv6only = %1 (%2)</source>
            <translation>net.ipv6.bindv6only = %1（%2）</translation>
        </message>
        <message>
            <source>%1: %2 is out of range %3</source>
            <translation>%1：%2 超出范围 %3</translation>
        </message>
        <message>
            <source>%1: '%2' is not on or off</source>
            <translation>%1：'%2' 不是 on 或 off</translation>
        </message>
        <message>
            <source>%1: '%2' is not a whole number</source>
            <translation>%1：'%2' 不是整数</translation>
        </message>
        <message>
            <source>%1: '%2' is not a number of seconds</source>
            <translation>%1：'%2' 不是秒数</translation>
        </message>
        <message>
            <source>%1: '%2' needs CAP_NET_ADMIN; without it only net.ipv4.tcp_allowed_congestion_control may be chosen: %3</source>
            <translation>%1：'%2' 需要 CAP_NET_ADMIN；没有该权限时只能选择 net.ipv4.tcp_allowed_congestion_control 中的算法：%3</translation>
        </message>
        <message>
            <source>%1: '%2' is not one of %3</source>
            <translation>%1：'%2' 不是 %3 之一</translation>
        </message>
        <message>
            <source>%1: '%2' is not a whole number (allowed %3)</source>
            <translation>%1：'%2' 不是整数（允许 %3）</translation>
        </message>
        <message>
            <source>%1: '%2' is not a number of seconds (allowed %3)</source>
            <translation>%1：'%2' 不是秒数（允许 %3）</translation>
        </message>
        <message>
            <source>raw option '%1' is not LEVEL:OPTNAME:VALUE (LEVEL a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6)</source>
            <translation>原始选项 '%1' 不是 LEVEL:OPTNAME:VALUE 格式（LEVEL 为数字或 SOL_SOCKET、IPPROTO_TCP、IPPROTO_IP、IPPROTO_IPV6）</translation>
        </message>
        <message>
            <source>unknown option '%1'</source>
            <translation>未知选项 '%1'</translation>
        </message>
        <message>
            <source>cap on every listen() backlog</source>
            <translation>所有 listen() backlog 的上限</translation>
        </message>
        <message>
            <source>half-open (SYN_RECV) connections per listener</source>
            <translation>每个监听套接字的半开（SYN_RECV）连接数</translation>
        </message>
        <message>
            <source>Fast Open bits: 1 client, 2 server</source>
            <translation>Fast Open 位：1 客户端，2 服务器</translation>
        </message>
        <message>
            <source>largest SO_RCVBUF a process may ask for</source>
            <translation>进程可请求的最大 SO_RCVBUF</translation>
        </message>
        <message>
            <source>largest SO_SNDBUF a process may ask for</source>
            <translation>进程可请求的最大 SO_SNDBUF</translation>
        </message>
        <message>
            <source>TCP receive buffer min/default/max (autotuning)</source>
            <translation>TCP 接收缓冲区 最小/默认/最大（自动调优）</translation>
        </message>
        <message>
            <source>TCP send buffer min/default/max (autotuning)</source>
            <translation>TCP 发送缓冲区 最小/默认/最大（自动调优）</translation>
        </message>
        <message>
            <source>default TCP_KEEPIDLE (s)</source>
            <translation>默认 TCP_KEEPIDLE（秒）</translation>
        </message>
        <message>
            <source>default TCP_KEEPINTVL (s)</source>
            <translation>默认 TCP_KEEPINTVL（秒）</translation>
        </message>
        <message>
            <source>default TCP_KEEPCNT</source>
            <translation>默认 TCP_KEEPCNT</translation>
        </message>
        <message>
            <source>default FIN_WAIT2 lifetime (s)</source>
            <translation>默认 FIN_WAIT2 存活时间（秒）</translation>
        </message>
        <message>
            <source>ephemeral ports for port 0 and clients</source>
            <translation>端口 0 和客户端使用的临时端口</translation>
        </message>
        <message>
            <source>default congestion control</source>
            <translation>默认拥塞控制</translation>
        </message>
        <message>
            <source>listen backlog %1 exceeds net.core.somaxconn = %2: the kernel caps it</source>
            <translation>listen backlog %1 超过 net.core.somaxconn = %2：内核会将其封顶</translation>
        </message>
        <message>
            <source>TCP_FASTOPEN is set but net.ipv4.tcp_fastopen = %1 lacks the server bit (2)</source>
            <translation>已设置 TCP_FASTOPEN，但 net.ipv4.tcp_fastopen = %1 缺少服务器位（2）</translation>
        </message>
        <message>
            <source>%1 %2 exceeds %3 = %4: the kernel caps it</source>
            <translation>%1 %2 超过 %3 = %4：内核会将其封顶</translation>
        </message>
        <message>
            <source>binding all interfaces: the server is reachable from other machines</source>
            <translation>绑定所有接口：其他机器可以访问该服务器</translation>
        </message>
        <message>
            <source>SO_RCVTIMEO/SO_SNDTIMEO act only on blocking calls: event mode ignores them (use the idle timeout)</source>
            <translation>SO_RCVTIMEO/SO_SNDTIMEO 只作用于阻塞调用：事件模式会忽略它们（请使用空闲超时）</translation>
        </message>
        <message>
            <source>doubled by the kernel to leave room for bookkeeping overhead</source>
            <translation>被内核加倍，为记账开销留出空间</translation>
        </message>
        <message>
            <source>capped at 2 x %1 = %2</source>
            <translation>被限制为 2 x %1 = %2</translation>
        </message>
        <message>
            <source>adjusted by the kernel (it doubles the value and enforces a minimum)</source>
            <translation>被内核调整（它会把值加倍并强制最小值）</translation>
        </message>
        <message>
            <source>the kernel caps the Fast Open queue at net.core.somaxconn = %1</source>
            <translation>内核把 Fast Open 队列限制为 net.core.somaxconn = %1</translation>
        </message>
        <message>
            <source>the kernel stores a count of SYN-ACK retransmissions, so the seconds read back rounded up</source>
            <translation>内核保存的是 SYN-ACK 重传次数，因此秒数读回时向上取整</translation>
        </message>
        <message>
            <source>listen() resets the delayed-ACK state, and the mode is not sticky: the kernel leaves it on its own; it is set again on each accepted socket</source>
            <translation>listen() 会重置延迟 ACK 状态，而且该模式不是持久的：内核会自行退出该模式；它在每个已接受的套接字上被重新设置</translation>
        </message>
        <message>
            <source>0 stands for net.ipv4.tcp_fin_timeout and reads back as its value; values up to 120 s are kept</source>
            <translation>0 代表 net.ipv4.tcp_fin_timeout，读回为其值；不超过 120 秒的值会保留</translation>
        </message>
        <message>
            <source>on a socket that is not connected the kernel reports its default MSS until the handshake</source>
            <translation>在未连接的套接字上，握手前内核报告其默认 MSS</translation>
        </message>
        <message>
            <source>the two ECN bits are owned by TCP: the kernel replaced them when the option was set</source>
            <translation>两个 ECN 位归 TCP 所有：设置该选项时内核替换了它们</translation>
        </message>
        <message>
            <source>the kernel holds a different value</source>
            <translation>内核保存的是另一个值</translation>
        </message>
        <message>
            <source>clamped to net.core.somaxconn = %1</source>
            <translation>被限制为 net.core.somaxconn = %1</translation>
        </message>
        <message>
            <source>IPv6 listener</source>
            <translation>IPv6 监听套接字</translation>
        </message>
        <message>
            <source>IPv4 listener</source>
            <translation>IPv4 监听套接字</translation>
        </message>
        <message>
            <source>%1 not shown: %2</source>
            <translation>未显示 %1：%2</translation>
        </message>
        <message>
            <source>%1 not shown: %2; see %3</source>
            <translation>未显示 %1：%2；参见 %3</translation>
        </message>
        <message>
            <source>net.ipv4.tcp_fastopen = %1 lacks the server bit (2): clients fall back to a normal handshake</source>
            <translation>net.ipv4.tcp_fastopen = %1 缺少服务器位（2）：客户端回退为普通握手</translation>
        </message>
        <message>
            <source>acts only on blocking calls: event mode ignores it (use the idle timeout)</source>
            <translation>只作用于阻塞调用：事件模式会忽略它（请使用空闲超时）</translation>
        </message>
        <message>
            <source>close() would wait up to %1 s even on a non-blocking socket: event mode does not block its loop but closes once the peer has acknowledged everything or the time is up, and logs how long close() would have waited</source>
            <translation>即使在非阻塞套接字上 close() 也会等待最多 %1 秒：事件模式不会阻塞其循环，而是在对端确认全部数据或时间到期后关闭，并记录 close() 本应等待多久</translation>
        </message>
        <message>
            <source>bound to one IPv6 address (%1): the kernel sets it; only [::] takes IPv4 clients</source>
            <translation>绑定到单个 IPv6 地址（%1）：由内核设置；只有 [::] 才接受 IPv4 客户端</translation>
        </message>
        <message>
            <source>not sticky: set again on each accepted socket</source>
            <translation>不是持久的：在每个已接受的套接字上重新设置</translation>
        </message>
    </context>
    <context>
        <name>OptionName</name>
        <message>
            <source>Host</source>
            <translation>主机</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>listen backlog</source>
            <translation>listen 队列长度</translation>
        </message>
        <message>
            <source>re-arm TCP_QUICKACK</source>
            <translation>重新设置 TCP_QUICKACK</translation>
        </message>
        <message>
            <source>idle timeout</source>
            <translation>空闲超时</translation>
        </message>
        <message>
            <source>handler</source>
            <translation>处理器</translation>
        </message>
        <message>
            <source>persistent</source>
            <translation>持久连接</translation>
        </message>
        <message>
            <source>Byte recv size</source>
            <translation>Byte recv 大小</translation>
        </message>
        <message>
            <source>Line limit</source>
            <translation>行长度上限</translation>
        </message>
        <message>
            <source>Bin reply</source>
            <translation>Bin 回复</translation>
        </message>
        <message>
            <source>concurrency mode</source>
            <translation>并发模式</translation>
        </message>
        <message>
            <source>thread cap</source>
            <translation>线程上限</translation>
        </message>
        <message>
            <source>log level</source>
            <translation>日志级别</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
    </context>
    <context>
        <name>Server</name>
        <message>
            <source>send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>send: the kernel took no bytes</source>
            <translation>send：内核没有接收任何字节</translation>
        </message>
        <message>
            <source>IPv4-mapped: an IPv4 client on a dual-stack listener (IPV6_V6ONLY off)</source>
            <translation>IPv4 映射：双栈监听套接字（IPV6_V6ONLY 关闭）上的 IPv4 客户端</translation>
        </message>
        <message>
            <source>send timeout (SO_SNDTIMEO expired with %1 of %2 bytes sent)</source>
            <translation>发送超时（SO_SNDTIMEO 到期，已发送 %1 / %2 字节）</translation>
        </message>
        <message>
            <source>receive timeout (SO_RCVTIMEO expired)</source>
            <translation>接收超时（SO_RCVTIMEO 到期）</translation>
        </message>
        <message>
            <source>recv</source>
            <translation>recv</translation>
        </message>
        <message>
            <source>closed after a protocol error</source>
            <translation>因协议错误而关闭</translation>
        </message>
        <message>
            <source>thread creation (connection closed)</source>
            <translation>创建线程（连接已关闭）</translation>
        </message>
        <message>
            <source>thread cap of %1 reached: %2 client(s) wait in the accept queue</source>
            <translation>已达到 %1 个线程的上限：%2 个客户端在接受队列中等待</translation>
        </message>
        <message>
            <source>thread cap cleared: the accept queue is empty again after %1 ms (up to %2 client(s) waited)</source>
            <translation>线程上限解除：%1 毫秒后接受队列再次为空（最多有 %2 个客户端等待过）</translation>
        </message>
        <message>
            <source>accept (backing off 100 ms)</source>
            <translation>accept（退避 100 毫秒）</translation>
        </message>
        <message>
            <source>accept</source>
            <translation>accept</translation>
        </message>
        <message>
            <source>closed after reply</source>
            <translation>回复后关闭</translation>
        </message>
        <message>
            <source>peer closed</source>
            <translation>对端已关闭</translation>
        </message>
        <message>
            <source>SO_LINGER: close() would have waited %1 ms, until the peer acknowledged everything</source>
            <translation>SO_LINGER：close() 本应等待 %1 毫秒，直到对端确认全部数据</translation>
        </message>
        <message>
            <source>SO_LINGER expired after %1 ms with %2 bytes unacknowledged: closed, the kernel goes on in the background</source>
            <translation>SO_LINGER 在 %1 毫秒后到期，仍有 %2 字节未确认：已关闭，内核在后台继续发送</translation>
        </message>
        <message>
            <source>SO_LINGER cut short by the server's stop after %1 ms with %2 bytes unacknowledged: the kernel goes on in the background</source>
            <translation>SO_LINGER 在 %1 毫秒后因服务器停止而被中断，仍有 %2 字节未确认：内核在后台继续处理</translation>
        </message>
        <message>
            <source>connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <source>connected (%1)</source>
            <translation>已连接（%1）</translation>
        </message>
        <message>
            <source>accepted socket carries: %1</source>
            <translation>已接受的套接字带有：%1</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>sent %1 bytes</source>
            <translation>已发送 %1 字节</translation>
        </message>
        <message>
            <source>reset by the lab</source>
            <translation>被实验室重置</translation>
        </message>
        <message>
            <source>closed by the lab</source>
            <translation>被实验室关闭</translation>
        </message>
        <message>
            <source>%1 (in %2 bytes, out %3 bytes, %4 requests)</source>
            <translation>%1（接收 %2 字节，发送 %3 字节，%4 个请求）</translation>
        </message>
        <message>
            <source>eventfd</source>
            <translation>eventfd</translation>
        </message>
        <message>
            <source>epoll_create1</source>
            <translation>epoll_create1</translation>
        </message>
        <message>
            <source>fcntl(O_NONBLOCK) on the listener</source>
            <translation>监听套接字上的 fcntl(O_NONBLOCK)</translation>
        </message>
        <message>
            <source>epoll_wait</source>
            <translation>epoll_wait</translation>
        </message>
        <message>
            <source>server failed</source>
            <translation>服务器出错</translation>
        </message>
        <message>
            <source>server stopped</source>
            <translation>服务器已停止</translation>
        </message>
        <message>
            <source>epoll_ctl(%1) of the %2</source>
            <translation>对 %2 的 epoll_ctl(%1)</translation>
        </message>
        <message>
            <source>not served: the event loop could not watch it</source>
            <translation>未服务：事件循环无法监视它</translation>
        </message>
        <message>
            <source>accept (pausing 100 ms)</source>
            <translation>accept（暂停 100 毫秒）</translation>
        </message>
        <message>
            <source>connection lost while sending</source>
            <translation>发送时连接丢失</translation>
        </message>
        <message>
            <source>peer half-closed while its reply is pending</source>
            <translation>对端在其回复尚未发出时半关闭了连接</translation>
        </message>
        <message>
            <source>connection reset by peer</source>
            <translation>连接被对端重置</translation>
        </message>
        <message>
            <source>peer went away before the reply was sent</source>
            <translation>对端在回复发送前离开</translation>
        </message>
        <message>
            <source>idle timeout (%1 s without data)</source>
            <translation>空闲超时（%1 秒无数据）</translation>
        </message>
        <message>
            <source>'%1' is not a valid IPv6 address</source>
            <translation>'%1' 不是有效的 IPv6 地址</translation>
        </message>
        <message>
            <source>'%1' is not a valid IPv4 address</source>
            <translation>'%1' 不是有效的 IPv4 地址</translation>
        </message>
        <message>
            <source>'%1': a scope id (%%2) applies only to link-local addresses (fe80::/10)</source>
            <translation>'%1'：作用域 ID（%%2）只适用于链路本地地址（fe80::/10）</translation>
        </message>
        <message>
            <source>'%1': no network interface '%2' for the scope id</source>
            <translation>'%1'：没有与作用域 ID 对应的网络接口 '%2'</translation>
        </message>
        <message>
            <source>'%1' is link-local: name its interface, e.g. %2%lo</source>
            <translation>'%1' 是链路本地地址：请指明其接口，例如 %2%lo</translation>
        </message>
        <message>
            <source>unknown host '%1': %2</source>
            <translation>未知主机 '%1'：%2</translation>
        </message>
        <message>
            <source>no address</source>
            <translation>无地址</translation>
        </message>
        <message>
            <source>%1 -&gt; %2 (first of the resolver's answers: %3)</source>
            <translation>%1 -&gt; %2（解析器应答中的第一个：%3）</translation>
        </message>
        <message>
            <source>localhost -&gt; 127.0.0.1 (the lab's rule: localhost is IPv4 loopback; type ::1 for IPv6)</source>
            <translation>localhost -&gt; 127.0.0.1（实验室的规则：localhost 指 IPv4 环回；IPv6 请输入 ::1）</translation>
        </message>
        <message>
            <source>socket(AF_INET6): IPv6 is not available on this machine</source>
            <translation>socket(AF_INET6)：本机不支持 IPv6</translation>
        </message>
        <message>
            <source>socket</source>
            <translation>socket</translation>
        </message>
        <message>
            <source>port %1 is in use on %2 (EADDRINUSE): another server holds it, or connections are in TIME_WAIT and SO_REUSEADDR is off</source>
            <translation>端口 %1 在 %2 上已被占用（EADDRINUSE）：另一个服务器占用了它，或有连接处于 TIME_WAIT 且 SO_REUSEADDR 关闭</translation>
        </message>
        <message>
            <source>binding %1 needs privileges (EACCES): ports below 1024 need CAP_NET_BIND_SERVICE</source>
            <translation>绑定 %1 需要权限（EACCES）：1024 以下的端口需要 CAP_NET_BIND_SERVICE</translation>
        </message>
        <message>
            <source>%1 is not an address of this machine (EADDRNOTAVAIL)</source>
            <translation>%1 不是本机的地址（EADDRNOTAVAIL）</translation>
        </message>
        <message>
            <source>bind %1</source>
            <translation>bind %1</translation>
        </message>
        <message>
            <source>listen</source>
            <translation>listen</translation>
        </message>
        <message>
            <source>listen(%1) again</source>
            <translation>再次 listen(%1)</translation>
        </message>
        <message>
            <source>clamped to net.core.somaxconn = %1</source>
            <translation>被限制为 net.core.somaxconn = %1</translation>
        </message>
        <message>
            <source>%1 = %2 not applied: %3</source>
            <translation>%1 = %2 未应用：%3</translation>
        </message>
        <message>
            <source>%1 = %2 applies on restart: %3</source>
            <translation>%1 = %2 重启后生效：%3</translation>
        </message>
        <message>
            <source>%1 = %2 not applied live: %3</source>
            <translation>%1 = %2 未能实时生效：%3</translation>
        </message>
        <message>
            <source>%1 = %2 applied live: listen() again on the listener (read back %3)</source>
            <translation>%1 = %2 已实时生效：在监听套接字上再次调用 listen()（回读 %3）</translation>
        </message>
        <message numerus="yes">
            <source>%1 on %n connection(s)</source>
            <translation>
                <numerusform>%n 个连接上为 %1</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 on the listener, %2</source>
            <translation>监听套接字上为 %1，%2</translation>
        </message>
        <message numerus="yes">
            <source>%1 = %2 applied live to the listener and %n connection(s) (read back %3)</source>
            <translation>
                <numerusform>%1 = %2 已实时应用到监听套接字和 %n 个连接（回读 %3）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>failed on %n connection(s): %1</source>
            <translation>
                <numerusform>在 %n 个连接上失败：%1</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 does not apply to an IPv6 listener</source>
            <translation>%1 不适用于 IPv6 监听套接字</translation>
        </message>
        <message>
            <source>%1 does not apply to an IPv4 listener</source>
            <translation>%1 不适用于 IPv4 监听套接字</translation>
        </message>
        <message>
            <source>; see %1</source>
            <translation>；请参见 %1</translation>
        </message>
        <message>
            <source>no call returns an option of an open socket to the kernel's default; a new socket starts with it</source>
            <translation>没有任何调用能把打开的套接字的选项恢复为内核默认值；新套接字一开始就是默认值</translation>
        </message>
        <message>
            <source>file descriptor limit stays at %1 (hard %2): %3</source>
            <translation>文件描述符上限保持为 %1（硬上限 %2）：%3</translation>
        </message>
        <message>
            <source>file descriptor limit raised from %1 to the hard limit %2</source>
            <translation>文件描述符上限已从 %1 提高到硬上限 %2</translation>
        </message>
        <message>
            <source>file descriptor limit %1 (the hard limit)</source>
            <translation>文件描述符上限 %1（即硬上限）</translation>
        </message>
        <message>
            <source>getrlimit(RLIMIT_NOFILE)</source>
            <translation>getrlimit(RLIMIT_NOFILE)</translation>
        </message>
        <message>
            <source>setrlimit(RLIMIT_NOFILE)</source>
            <translation>setrlimit(RLIMIT_NOFILE)</translation>
        </message>
    </context>
    <context>
        <name>UserNamespace</name>
        <message>
            <source>open %1</source>
            <translation>open %1</translation>
        </message>
        <message>
            <source>write %1</source>
            <translation>write %1</translation>
        </message>
        <message>
            <source>unshare(CLONE_NEWUSER) (a user namespace of our own)</source>
            <translation>unshare(CLONE_NEWUSER)（创建自己的用户命名空间）</translation>
        </message>
    </context>
    <context>
        <name>Wire</name>
        <message>
            <source>the host entry forwards IPv4 only</source>
            <translation>主机入口只转发 IPv4</translation>
        </message>
        <message>
            <source>the host entry needs room for at least one connection and one byte</source>
            <translation>主机入口至少需要容纳一个连接和一个字节</translation>
        </message>
        <message>
            <source>the host entry: socket</source>
            <translation>主机入口：socket</translation>
        </message>
        <message>
            <source>the host entry: bind %1</source>
            <translation>主机入口：bind %1</translation>
        </message>
        <message>
            <source>the host entry: listen on %1</source>
            <translation>主机入口：在 %1 上 listen</translation>
        </message>
        <message>
            <source>the host entry: epoll/eventfd</source>
            <translation>主机入口：epoll/eventfd</translation>
        </message>
        <message>
            <source>the host entry: epoll_ctl</source>
            <translation>主机入口：epoll_ctl</translation>
        </message>
        <message>
            <source>sock_diag request</source>
            <translation>sock_diag 请求</translation>
        </message>
        <message>
            <source>sock_diag: no answer from the kernel within 1 s</source>
            <translation>sock_diag：1 s 内内核没有应答</translation>
        </message>
        <message>
            <source>sock_diag reply</source>
            <translation>sock_diag 应答</translation>
        </message>
        <message>
            <source>sock_diag</source>
            <translation>sock_diag</translation>
        </message>
        <message>
            <source>sock_diag: the dump did not end</source>
            <translation>sock_diag：转储没有结束</translation>
        </message>
        <message>
            <source>unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0): enable them as root with 'sysctl -w kernel.unprivileged_userns_clone=1', or run the lab as root</source>
            <translation>非特权用户命名空间已被禁用（kernel.unprivileged_userns_clone=0）：请以 root 身份用 'sysctl -w kernel.unprivileged_userns_clone=1' 启用，或以 root 身份运行实验室</translation>
        </message>
        <message>
            <source>user namespaces are disabled (user.max_user_namespaces=0): enable them as root with 'sysctl -w user.max_user_namespaces=15000'</source>
            <translation>用户命名空间已被禁用（user.max_user_namespaces=0）：请以 root 身份用 'sysctl -w user.max_user_namespaces=15000' 启用</translation>
        </message>
        <message>
            <source>AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1): allow them as root with 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0', or give tcplab an AppArmor profile with the 'userns' permission</source>
            <translation>AppArmor 限制了非特权用户命名空间（kernel.apparmor_restrict_unprivileged_userns=1）：请以 root 身份用 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' 允许，或为 tcplab 提供一个带 'userns' 权限的 AppArmor 配置文件</translation>
        </message>
        <message>
            <source>the limit on user namespaces is reached (user.max_user_namespaces=%1 here, or a lower limit of an enclosing namespace): raise it, or close other programs' namespaces</source>
            <translation>已达到用户命名空间数量上限（此处 user.max_user_namespaces=%1，或外层命名空间的更低上限）：请提高上限，或关闭其他程序的命名空间</translation>
        </message>
        <message>
            <source>this kernel has no user or network namespaces (CONFIG_USER_NS, CONFIG_NET_NS): use a kernel built with them</source>
            <translation>此内核不支持用户或网络命名空间（CONFIG_USER_NS、CONFIG_NET_NS）：请使用启用了它们的内核</translation>
        </message>
        <message>
            <source>the kernel or a security policy (seccomp, a container runtime) forbids user namespaces here: allow unprivileged user namespaces (unshare -rn must work), or run the lab outside that sandbox</source>
            <translation>内核或安全策略（seccomp、容器运行时）在此禁止用户命名空间：请允许非特权用户命名空间（unshare -rn 必须能用），或在该沙箱之外运行实验室</translation>
        </message>
        <message>
            <source>the wire: socketpair</source>
            <translation>线路：socketpair</translation>
        </message>
        <message>
            <source>the wire: fork</source>
            <translation>线路：fork</translation>
        </message>
        <message>
            <source>the wire's namespace helper (PID %1) did not answer</source>
            <translation>线路的命名空间辅助进程（PID %1）没有应答</translation>
        </message>
        <message>
            <source>the wire cannot create its network namespaces: %1</source>
            <translation>线路无法创建其网络命名空间：%1</translation>
        </message>
        <message>
            <source>the wire's namespace helper sent %1 link sockets instead of 2</source>
            <translation>线路的命名空间辅助进程发来了 %1 个链路套接字，而不是 2 个</translation>
        </message>
        <message>
            <source>the sysctl name or value is too long</source>
            <translation>sysctl 名称或值过长</translation>
        </message>
        <message>
            <source>the wire's namespace helper is gone</source>
            <translation>线路的命名空间辅助进程已不存在</translation>
        </message>
        <message>
            <source>socket in the wire's %1 side: %2</source>
            <translation>socket（线路的 %1 端）：%2</translation>
        </message>
        <message>
            <source>socket in the wire's %1 side: no descriptor came back</source>
            <translation>socket（线路的 %1 端）：没有返回描述符</translation>
        </message>
        <message>
            <source>only net.* sysctls belong to a side's namespace, not '%1'</source>
            <translation>只有 net.* sysctl 属于某一端的命名空间，'%1' 不属于</translation>
        </message>
        <message>
            <source>setting %1=%2 in the wire's %3 side: %4</source>
            <translation>在线路的 %3 端设置 %1=%2：%4</translation>
        </message>
        <message>
            <source>reading %1 in the wire's %2 side: %3</source>
            <translation>在线路的 %2 端读取 %1：%3</translation>
        </message>
        <message>
            <source>the wire's relay: PACKET_VERSION</source>
            <translation>线路的中继：PACKET_VERSION</translation>
        </message>
        <message>
            <source>the wire's relay: PACKET_RX_RING</source>
            <translation>线路的中继：PACKET_RX_RING</translation>
        </message>
        <message>
            <source>the wire's relay: mmap of the packet ring</source>
            <translation>线路的中继：数据包环形缓冲区的 mmap</translation>
        </message>
        <message>
            <source>at most %1 targeted drops per wire</source>
            <translation>每条线路最多 %1 个定向丢包</translation>
        </message>
        <message>
            <source>the wire's relay: epoll/timerfd/eventfd</source>
            <translation>线路的中继：epoll/timerfd/eventfd</translation>
        </message>
        <message>
            <source>the wire's relay: epoll_ctl</source>
            <translation>线路的中继：epoll_ctl</translation>
        </message>
        <message>
            <source>the wire's relay: eventfd</source>
            <translation>线路的中继：eventfd</translation>
        </message>
    </context>
    <context>
        <name>WireCommand</name>
        <message>
            <source>%1: %2 packets, %3 delivered, %4 dropped, %5 duplicated, %6 reordered</source>
            <translation>%1：%2 个数据包，%3 个已送达，%4 个被丢弃，%5 个重复，%6 个乱序</translation>
        </message>
        <message>
            <source>Run across the wire, an emulated network path (the lab's server on its server side, the client on its client side), e.g. delay=20ms,loss=1%,drop=c2s:data#1; grammar in docs/wire.md. With --send/--bin: one run against the lab's own server (the server flags on the same command line). With --headless: the server alone. With --experiment: the experiment's path instead of its default profile. With none of these: the window, its server and client across the wire (--start to start at once)</source>
            <translation>经线路运行，这是一条模拟的网络路径（实验室的服务器在其服务器一侧，客户端在其客户端一侧），例如 delay=20ms,loss=1%,drop=c2s:data#1；语法见 docs/wire.md。配合 --send/--bin：针对实验室自己的服务器运行一次（服务器参数写在同一命令行上）。配合 --headless：只运行服务器。配合 --experiment：替代实验默认配置的路径。以上都没有时：窗口及其服务器和客户端经线路运行（--start 立即启动）</translation>
        </message>
        <message>
            <source>Wire: print every packet that crossed, one line each (time, arrow, flags, seq/ack, len, win, options, marks)</source>
            <translation>线路：打印经过的每个数据包，每行一个（时间、箭头、标志、seq/ack、长度、窗口、选项、标记）</translation>
        </message>
        <message>
            <source>Headless wire: the host entry's port on 127.0.0.1 (default 0: the kernel picks one), or 'off'. Each connection to it is forwarded from the wire's client side to the lab's server, through the impaired path</source>
            <translation>无界面线路：主机入口在 127.0.0.1 上的端口（默认 0：由内核选择），或 'off'。每个连到它的连接都从线路的客户端一侧转发到实验室的服务器，经过受损路径</translation>
        </message>
        <message>
            <source>Wire: write the client side's capture to FILE and the server side's to FILE.server.pcap (tcpdump -r, Wireshark); with --experiment, every packet of every connection the experiment made</source>
            <translation>线路：将客户端一侧的抓包写入 FILE，服务器一侧的写入 FILE.server.pcap（tcpdump -r、Wireshark）；配合 --experiment 时，包含实验建立的每个连接的每个数据包</translation>
        </message>
        <message>
            <source>--ladder and --pcap show the wire's capture: give --wire SPEC too</source>
            <translation>--ladder 和 --pcap 显示线路的抓包：请同时给出 --wire SPEC</translation>
        </message>
        <message>
            <source>--wire-entry leads into the wire: give --headless --wire SPEC too</source>
            <translation>--wire-entry 通向线路：请同时给出 --headless --wire SPEC</translation>
        </message>
        <message>
            <source>--host %1: the wire carries IPv4 only (198.18.0.1 to 198.18.0.2 inside its namespaces); for IPv6 run without --wire, on loopback</source>
            <translation>--host %1：线路只承载 IPv4（在其命名空间内从 198.18.0.1 到 198.18.0.2）；IPv6 请不带 --wire 在环回接口上运行</translation>
        </message>
        <message>
            <source>--wire needs --send MSG (or --bin) for a run with the lab's own server, --headless for the server alone, or neither for the window across the wire</source>
            <translation>--wire 需要 --send MSG（或 --bin）来针对实验室自己的服务器运行，需要 --headless 来只运行服务器，或两者都不要以经线路运行窗口</translation>
        </message>
        <message>
            <source>--ladder and --pcap come with a --wire --send run; the window shows its capture in the Packets tab</source>
            <translation>--ladder 和 --pcap 需配合 --wire --send 运行；窗口会在“数据包”标签页中显示其抓包</translation>
        </message>
        <message>
            <source>--wire-entry is the host's way into a --headless --wire server or the window's wire (--wire SPEC --start)</source>
            <translation>--wire-entry 是主机进入 --headless --wire 服务器或窗口中线路（--wire SPEC --start）的入口</translation>
        </message>
        <message>
            <source>--wire-entry in the window leads into the wire it starts at once: give --start too</source>
            <translation>窗口中的 --wire-entry 通向它立即启动的线路：请同时给出 --start</translation>
        </message>
        <message>
            <source>--ladder and --pcap come with a --wire --send run, not with --headless</source>
            <translation>--ladder 和 --pcap 用于 --wire --send 运行，不能与 --headless 一起使用</translation>
        </message>
        <message>
            <source>the lab's server on the wire's server side: %1</source>
            <translation>实验室的服务器在线路的服务器端：%1</translation>
        </message>
        <message>
            <source>wire: %1 (client %2, server %3)</source>
            <translation>线路：%1（客户端 %2，服务器 %3）</translation>
        </message>
        <message>
            <source>clean</source>
            <translation>无损伤</translation>
        </message>
        <message>
            <source>kernel srtt %1 ms (client's TCP_INFO)</source>
            <translation>内核 srtt %1 毫秒（客户端的 TCP_INFO）</translation>
        </message>
        <message>
            <source>(%1 earlier packets were overwritten in the capture ring)</source>
            <translation>（抓包环形缓冲区中有 %1 个较早的数据包被覆盖）</translation>
        </message>
        <message>
            <source>pcap: %1 (client side), %2 (server side)</source>
            <translation>pcap：%1（客户端一侧），%2（服务器一侧）</translation>
        </message>
        <message>
            <source>--wire-entry "%1": a port from 0 to 65535 (0: the kernel picks one), or off</source>
            <translation>--wire-entry "%1"：0 到 65535 的端口（0：由内核选择），或 off</translation>
        </message>
        <message>
            <source>only the lab's own client can reach it: the wire's namespaces belong to this process (no way in from the host; --wire-entry off); for a client across the wire run tcplab --wire SPEC --send MSG with the same server flags, which starts its own server and wire</source>
            <translation>只有实验室自己的客户端能访问它：线路的命名空间属于本进程（主机无法进入；--wire-entry off）；要经由线路运行客户端，请用相同的服务器参数运行 tcplab --wire SPEC --send MSG，它会启动自己的服务器和线路</translation>
        </message>
        <message>
            <source>host entry: %1 -&gt; %2 across the wire (your client's TCP ends at the entry; the entry's connection crosses the impaired path)</source>
            <translation>主机入口：%1 -&gt; %2，经由线路（你的客户端的 TCP 止于入口；入口的连接穿过受损路径）</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>TCP Lab: switch TCP server socket options, run a real server, talk to it, and see what the kernel did.
Times are in each kernel option's own unit: seconds for keep-alive, DEFER_ACCEPT and LINGER; seconds with fractions for RCVTIMEO/SNDTIMEO; milliseconds for USER_TIMEOUT.</source>
            <translation>TCP 实验室：切换 TCP 服务器套接字选项，运行真实的服务器，与之通信，并查看内核实际做了什么。
时间使用各内核选项自己的单位：保活、DEFER_ACCEPT 和 LINGER 为秒；RCVTIMEO/SNDTIMEO 为可带小数的秒；USER_TIMEOUT 为毫秒。</translation>
        </message>
        <message>
            <source>Run the server without a window; the log goes to stdout until SIGINT/SIGTERM</source>
            <translation>无窗口运行服务器；日志输出到标准输出，直到收到 SIGINT/SIGTERM</translation>
        </message>
        <message>
            <source>Print the report and every event as one JSON object per line</source>
            <translation>把报告和每个事件按每行一个 JSON 对象打印</translation>
        </message>
        <message>
            <source>Window: start the server at launch</source>
            <translation>窗口：启动时即启动服务器</translation>
        </message>
        <message>
            <source>User interface language, e.g. zh_CN or en</source>
            <translation>用户界面语言，例如 zh_CN 或 en</translation>
        </message>
        <message>
            <source>Run a guided experiment across the wire and print its result (--json for JSON, --wire SPEC for another path, --pcap FILE for its packets, --ladder for all of them as text); 'list' names them</source>
            <translation>经线路运行一个引导式实验并打印其结果（--json 输出 JSON，--wire SPEC 使用其他路径，--pcap FILE 保存其数据包，--ladder 以文本显示全部数据包）；'list' 列出所有实验</translation>
        </message>
        <message>
            <source>Window: measure how late a 10 ms GUI-thread timer fires and write "samples=N p50_ms=.. p99_ms=.. max_ms=.." to FILE every second and at exit</source>
            <translation>窗口：测量 10 毫秒 GUI 线程定时器的延迟触发情况，每秒及退出时把 "samples=N p50_ms=.. p99_ms=.. max_ms=.." 写入 FILE</translation>
        </message>
    </context>
    <context>
        <name>tcplab::ChartWidget</name>
        <message>
            <source>log scale</source>
            <translation>对数刻度</translation>
        </message>
        <message>
            <source>%1 · log scale</source>
            <translation>%1 · 对数刻度</translation>
        </message>
        <message>
            <source>%1
%2: %3</source>
            <translation>%1
%2：%3</translation>
        </message>
        <message>
            <source>Automatic scale (log when the values span decades)</source>
            <translation>自动刻度（数值跨越多个数量级时使用对数刻度）</translation>
        </message>
        <message>
            <source>Linear scale</source>
            <translation>线性刻度</translation>
        </message>
        <message>
            <source>Logarithmic scale</source>
            <translation>对数刻度</translation>
        </message>
    </context>
    <context>
        <name>tcplab::ClientPanel</name>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Follow the running server</source>
            <translation>跟随运行中的服务器</translation>
        </message>
        <message>
            <source>Send to the address and port the lab's server is bound to</source>
            <translation>发送到实验室服务器所绑定的地址和端口</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>主机</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>Hex bytes</source>
            <translation>十六进制字节</translation>
        </message>
        <message>
            <source>Bin frame (! I 2s Q 2h f)</source>
            <translation>Bin 帧（! I 2s Q 2h f）</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>形式</translation>
        </message>
        <message>
            <source>append \n</source>
            <translation>追加 \n</translation>
        </message>
        <message>
            <source>The Line handler answers only when a newline arrives</source>
            <translation>Line 处理器只有收到换行符才会回复</translation>
        </message>
        <message>
            <source>Two hex digits per byte; spaces, ':' and '-' are ignored</source>
            <translation>每个字节两个十六进制数字；忽略空格、':' 和 '-'</translation>
        </message>
        <message>
            <source>unsigned 32-bit, 0..4294967295</source>
            <translation>无符号 32 位，0..4294967295</translation>
        </message>
        <message>
            <source>exactly 2 characters, or 0xHHHH</source>
            <translation>恰好 2 个字符，或 0xHHHH</translation>
        </message>
        <message>
            <source>unsigned 64-bit</source>
            <translation>无符号 64 位</translation>
        </message>
        <message>
            <source>signed 16-bit, -32768..32767</source>
            <translation>有符号 16 位，-32768..32767</translation>
        </message>
        <message>
            <source>32-bit float</source>
            <translation>32 位浮点数</translation>
        </message>
        <message>
            <source>Send (Ctrl+Return)</source>
            <translation>发送（Ctrl+Return）</translation>
        </message>
        <message>
            <source>Send once (Ctrl+Return)</source>
            <translation>发送一次（Ctrl+Return）</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>回复</translation>
        </message>
        <message>
            <source>Hex</source>
            <translation>十六进制</translation>
        </message>
        <message>
            <source>Bin frame</source>
            <translation>Bin 帧</translation>
        </message>
        <message>
            <source>Timing</source>
            <translation>计时</translation>
        </message>
        <message>
            <source>Client socket</source>
            <translation>客户端套接字</translation>
        </message>
        <message>
            <source>Off: Nagle's algorithm holds a small write until the previous one is acknowledged</source>
            <translation>关闭时：Nagle 算法会把小的写入保留到前一次写入被确认为止</translation>
        </message>
        <message>
            <source>Acknowledge at once instead of delaying ACKs; the kernel does not keep it, so the client sets it again after every read (see the Nagle experiment: a reply written in two pieces)</source>
            <translation>立即确认，而不是延迟 ACK；内核不会保持该设置，所以客户端在每次读取后重新设置它（见 Nagle 实验：分两段写出的回复）</translation>
        </message>
        <message>
            <source>Fast Open (TCP_FASTOPEN_CONNECT)</source>
            <translation>Fast Open（TCP_FASTOPEN_CONNECT）</translation>
        </message>
        <message>
            <source>Data rides in the SYN once a cookie from an earlier connection is cached; needs bit 1 of net.ipv4.tcp_fastopen here and bit 2 at the server</source>
            <translation>缓存了先前连接的 cookie 后，数据随 SYN 发送；需要本机 net.ipv4.tcp_fastopen 的位 1 和服务器端的位 2</translation>
        </message>
        <message>
            <source>Automatic (from the server's handler)</source>
            <translation>自动（根据服务器的处理器）</translation>
        </message>
        <message>
            <source>When the server closes</source>
            <translation>服务器关闭时</translation>
        </message>
        <message>
            <source>At a newline</source>
            <translation>遇到换行时</translation>
        </message>
        <message>
            <source>After the first read</source>
            <translation>第一次读取后</translation>
        </message>
        <message>
            <source>After one Bin frame (22 bytes)</source>
            <translation>一个 Bin 帧（22 字节）后</translation>
        </message>
        <message>
            <source>TCP is a byte stream: the client needs a rule for where the reply ends</source>
            <translation>TCP 是字节流：客户端需要一条规则来判断回复在哪里结束</translation>
        </message>
        <message>
            <source>Connect timeout</source>
            <translation>连接超时</translation>
        </message>
        <message>
            <source>Reply timeout</source>
            <translation>回复超时</translation>
        </message>
        <message>
            <source> write(s)</source>
            <translation> 次写入</translation>
        </message>
        <message>
            <source>Send the message in this many writes. Two small writes with TCP_NODELAY off show Nagle's algorithm meeting the server's delayed ACK (about 40 ms per request).</source>
            <translation>分这么多次写入发送消息。关闭 TCP_NODELAY 时两次小写入会展示 Nagle 算法与服务器延迟 ACK 的相遇（每个请求约 40 毫秒）。</translation>
        </message>
        <message>
            <source>Pause between the writes; with a pause a byte handler's single recv() sees only the first piece</source>
            <translation>两次写入之间的停顿；有停顿时 Byte 处理器的单次 recv() 只能看到第一段</translation>
        </message>
        <message>
            <source>gap</source>
            <translation>间隔</translation>
        </message>
        <message>
            <source>Reply ends</source>
            <translation>回复结束于</translation>
        </message>
        <message>
            <source>Send in</source>
            <translation>发送方式</translation>
        </message>
        <message>
            <source>Repeat</source>
            <translation>重复</translation>
        </message>
        <message>
            <source> exchanges</source>
            <translation> 次交换</translation>
        </message>
        <message>
            <source> at once</source>
            <translation> 个同时</translation>
        </message>
        <message>
            <source>Connections open at the same time; more than the backlog shows the accept queue filling</source>
            <translation>同时打开的连接数；超过 backlog 时可以看到接受队列被填满</translation>
        </message>
        <message>
            <source>Run (Ctrl+Shift+Return)</source>
            <translation>运行（Ctrl+Shift+Return）</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Host: enter the server's address</source>
            <translation>主机：请输入服务器地址</translation>
        </message>
        <message>
            <source>Host: port %1 is not 1..65535</source>
            <translation>主机：端口 %1 不在 1..65535 之内</translation>
        </message>
        <message>
            <source>Host: %1</source>
            <translation>主机：%1</translation>
        </message>
        <message>
            <source>The server is not running: start it (Ctrl+R) or untick "Follow the running server"</source>
            <translation>服务器未运行：请启动它（Ctrl+R），或取消勾选“跟随运行中的服务器”</translation>
        </message>
        <message>
            <source>Hex: %1</source>
            <translation>十六进制：%1</translation>
        </message>
        <message>
            <source>Bin frame: %1</source>
            <translation>Bin 帧：%1</translation>
        </message>
        <message>
            <source>Message: nothing to send</source>
            <translation>消息：没有可发送的内容</translation>
        </message>
        <message>
            <source>Busy: the previous exchange is still running</source>
            <translation>忙：上一次交换仍在进行</translation>
        </message>
        <message numerus="yes">
            <source>client -&gt; %1: sending %n byte(s)</source>
            <translation>
                <numerusform>客户端 -&gt; %1：发送 %n 字节</numerusform>
            </translation>
        </message>
        <message>
            <source>Sending to %1 ...</source>
            <translation>正在发送到 %1 ……</translation>
        </message>
        <message>
            <source>client -&gt; %1: %2 exchanges over %3 connection(s) at once</source>
            <translation>客户端 -&gt; %1：%2 次交换，同时 %3 个连接</translation>
        </message>
        <message>
            <source>Running %1 exchanges ...</source>
            <translation>正在运行 %1 次交换 ……</translation>
        </message>
        <message>
            <source>client &lt;- %1: %2</source>
            <translation>客户端 &lt;- %1：%2</translation>
        </message>
        <message numerus="yes">
            <source>client &lt;- %1: reply %n byte(s), RTT %2 ms</source>
            <translation>
                <numerusform>客户端 &lt;- %1：回复 %n 字节，RTT %2 毫秒</numerusform>
            </translation>
        </message>
        <message>
            <source>Reply received from %1</source>
            <translation>已收到 %1 的回复</translation>
        </message>
        <message>
            <source>connect %1 ms</source>
            <translation>连接 %1 毫秒</translation>
        </message>
        <message>
            <source>RTT %1 ms (first byte out to first byte back) · connect %2 ms · total %3 ms</source>
            <translation>RTT %1 毫秒（发出第一个字节到收回第一个字节）· 连接 %2 毫秒 · 总计 %3 毫秒</translation>
        </message>
        <message>
            <source> · kernel srtt %1 ms</source>
            <translation> · 内核 srtt %1 毫秒</translation>
        </message>
        <message>
            <source> · data rode in the SYN (Fast Open)</source>
            <translation> · 数据随 SYN 发送（Fast Open）</translation>
        </message>
        <message>
            <source> · closed by the server</source>
            <translation> · 服务器已关闭连接</translation>
        </message>
        <message>
            <source> · client socket: TCP_NODELAY %1, delaying ACKs after %2 of %3 reads</source>
            <translation> · 客户端套接字：TCP_NODELAY %1，%3 次读取中有 %2 次之后处于延迟 ACK</translation>
        </message>
        <message>
            <source>client exchange %1 &lt;- %2: %3</source>
            <translation>客户端交换 %1 &lt;- %2：%3</translation>
        </message>
        <message numerus="yes">
            <source>client exchange %1 &lt;- %2: %n byte(s), RTT %3 ms</source>
            <translation>
                <numerusform>客户端交换 %1 &lt;- %2：%n 字节，RTT %3 毫秒</numerusform>
            </translation>
        </message>
        <message>
            <source>client batch: %1</source>
            <translation>客户端批量：%1</translation>
        </message>
        <message>
            <source>%1 of %2 exchanges failed</source>
            <translation>%2 次交换中有 %1 次失败</translation>
        </message>
        <message>
            <source>Batch done</source>
            <translation>批量完成</translation>
        </message>
    </context>
    <context>
        <name>tcplab::CloseButtonsDelegate</name>
        <message>
            <source>Reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>tcplab::ConnectionModel</name>
        <message>
            <source>closed</source>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Peer</source>
            <translation>对端</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>Bytes in</source>
            <translation>接收字节</translation>
        </message>
        <message>
            <source>Bytes out</source>
            <translation>发送字节</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>请求数</translation>
        </message>
        <message>
            <source>RTT ms</source>
            <translation>RTT 毫秒</translation>
        </message>
        <message>
            <source>cwnd</source>
            <translation>cwnd</translation>
        </message>
        <message>
            <source>Retrans now / total</source>
            <translation>当前重传 / 总计</translation>
        </message>
        <message>
            <source>Inherited options</source>
            <translation>继承的选项</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>tcplab::ConnectionsPanel</name>
        <message>
            <source>Close selected</source>
            <translation>关闭所选</translation>
        </message>
        <message>
            <source>Graceful close: shutdown() and close(), the peer reads end-of-file (FIN)</source>
            <translation>正常关闭：shutdown() 和 close()，对端读到文件结束（FIN）</translation>
        </message>
        <message>
            <source>Reset selected</source>
            <translation>重置所选</translation>
        </message>
        <message>
            <source>Abortive close: SO_LINGER 0 then close(), the peer gets ECONNRESET (RST)</source>
            <translation>强制关闭：SO_LINGER 0 后 close()，对端收到 ECONNRESET（RST）</translation>
        </message>
        <message>
            <source>Close all</source>
            <translation>全部关闭</translation>
        </message>
        <message>
            <source>Reset all</source>
            <translation>全部重置</translation>
        </message>
        <message>
            <source>Close #%1 (FIN)</source>
            <translation>关闭 #%1（FIN）</translation>
        </message>
        <message>
            <source>Reset #%1 (RST)</source>
            <translation>重置 #%1（RST）</translation>
        </message>
        <message>
            <source>%1 open, %2 shown (closed ones stay greyed for 30 s)</source>
            <translation>%1 个打开，显示 %2 个（已关闭的以灰色保留 30 秒）</translation>
        </message>
        <message>
            <source>accept queue: %1 waiting, limit %2</source>
            <translation>接受队列：%1 个等待，上限 %2</translation>
        </message>
    </context>
    <context>
        <name>tcplab::EventHub</name>
        <message numerus="yes">
            <source>%n event(s) dropped: the observers could not keep up</source>
            <translation>
                <numerusform>丢弃了 %n 个事件：观察者跟不上</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>tcplab::ExperimentsPanel</name>
        <message>
            <source>&amp;Run</source>
            <translation>运行(&amp;R)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Log scale</source>
            <translation>对数刻度</translation>
        </message>
        <message>
            <source>Export chart as PNG…</source>
            <translation>将图表导出为 PNG…</translation>
        </message>
        <message>
            <source>Export as CSV…</source>
            <translation>导出为 CSV…</translation>
        </message>
        <message>
            <source>Experiments</source>
            <translation>实验</translation>
        </message>
        <message>
            <source>The findings appear here after a run.</source>
            <translation>运行后结论将显示在这里。</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>结论</translation>
        </message>
        <message>
            <source>Run the experiment on loopback (or in a private network namespace); it takes a few seconds</source>
            <translation>在回环上（或在私有网络命名空间中）运行实验；需要几秒钟</translation>
        </message>
        <message>
            <source>Stop the experiment; it ends within a fraction of a second</source>
            <translation>停止实验；它会在不到一秒内结束</translation>
        </message>
        <message>
            <source>Run the experiment to see its chart</source>
            <translation>运行实验以查看其图表</translation>
        </message>
        <message>
            <source>Chart</source>
            <translation>图表</translation>
        </message>
        <message>
            <source>Bars on a logarithmic scale: chosen by itself when the values span decades (a 0.03 ms bar beside a 40 ms one); also in the chart's context menu</source>
            <translation>以对数刻度显示条形：数值跨越多个数量级时（例如 0.03 ms 的条形挨着 40 ms 的条形）会自动选用；图表的上下文菜单中也有此项</translation>
        </message>
        <message>
            <source>Running %1…</source>
            <translation>正在运行 %1…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>%1: %2 in %3 ms</source>
            <translation>%1：%2，用时 %3 毫秒</translation>
        </message>
        <message>
            <source>Note: %1</source>
            <translation>注：%1</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>数据包</translation>
        </message>
        <message>
            <source>it reads what the kernel reports (getsockopt, TCP_INFO, /proc) and sends no packets across a captured path.</source>
            <translation>它读取内核报告的内容（getsockopt、TCP_INFO、/proc），不会在被抓包的路径上发送数据包。</translation>
        </message>
        <message>
            <source>No capture for this experiment: %1</source>
            <translation>本实验没有抓包：%1</translation>
        </message>
        <message>
            <source>Export chart</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <source>Could not write %1</source>
            <translation>无法写入 %1</translation>
        </message>
        <message>
            <source>Export result</source>
            <translation>导出结果</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>tcplab::LabWindow</name>
        <message>
            <source>a clean wire</source>
            <translation>干净的线路</translation>
        </message>
        <message>
            <source>TCP Lab</source>
            <translation>TCP 实验室</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Start the server to see what the kernel made of each option.</source>
            <translation>启动服务器以查看内核如何对待每个选项。</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Effective options</source>
            <translation>生效的选项</translation>
        </message>
        <message>
            <source>System</source>
            <translation>系统</translation>
        </message>
        <message>
            <source>Experiments</source>
            <translation>实验</translation>
        </message>
        <message>
            <source>Wire</source>
            <translation>线路</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>数据包</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>日志</translation>
        </message>
        <message>
            <source>Zoom %1 % (Ctrl+plus, Ctrl+minus, Ctrl+0)</source>
            <translation>缩放 %1 %（Ctrl+加号、Ctrl+减号、Ctrl+0）</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Save log...</source>
            <translation>保存日志(&amp;S)...</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Server</source>
            <translation>服务器(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Start server</source>
            <translation>启动服务器(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Restart with the panel's options</source>
            <translation>用面板中的选项重启(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Close all connections</source>
            <translation>关闭所有连接(&amp;C)</translation>
        </message>
        <message>
            <source>Reset all connections (RST)</source>
            <translation>重置所有连接（RST）</translation>
        </message>
        <message>
            <source>Reset to &amp;recipe defaults</source>
            <translation>恢复为配方默认值(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Client</source>
            <translation>客户端(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Send</source>
            <translation>发送(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Run the repeat batch</source>
            <translation>运行重复批量(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Cancel the batch</source>
            <translation>取消批量(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Log</source>
            <translation>日志(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Clear</source>
            <translation>清除(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>暂停(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Save...</source>
            <translation>保存(&amp;S)...</translation>
        </message>
        <message>
            <source>Log &amp;pane</source>
            <translation>日志窗格(&amp;P)</translation>
        </message>
        <message>
            <source>Show or hide the log pane (the experiment and packet views get its room)</source>
            <translation>显示或隐藏日志窗格（实验视图和数据包视图会占用其空间）</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Reset zoom</source>
            <translation>重置缩放(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Experiments</source>
            <translation>实验(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Run the selected experiment</source>
            <translation>运行所选实验(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Cancel the experiment</source>
            <translation>取消实验(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About TCP Lab</source>
            <translation>关于 TCP 实验室(&amp;A)</translation>
        </message>
        <message>
            <source>About TCP Lab</source>
            <translation>关于 TCP 实验室</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;TCP Lab %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Switch TCP server socket options, run a real server, talk to it with the built-in client and see what the kernel did.&lt;/p&gt;&lt;p&gt;Every control's tooltip explains the option and the kernel rule behind it.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;TCP 实验室 %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;切换 TCP 服务器套接字选项，运行真实的服务器，用内置客户端与之通信，并查看内核实际做了什么。&lt;/p&gt;&lt;p&gt;每个控件的工具提示都解释了该选项及其背后的内核规则。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Option changed while running: it applies on restart (Ctrl+Shift+R)</source>
            <translation>运行时修改了选项：重启后生效（Ctrl+Shift+R）</translation>
        </message>
        <message numerus="yes">
            <source>Listener on %1: %n option(s) differ from what was asked (highlighted).</source>
            <translation>
                <numerusform>%1 上的监听套接字：%n 个选项与请求值不同（已高亮）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Not started: %1</source>
            <translation>未启动：%1</translation>
        </message>
        <message>
            <source>resolving %1...</source>
            <translation>正在解析 %1...</translation>
        </message>
        <message>
            <source>The server could not start: %1</source>
            <translation>服务器无法启动：%1</translation>
        </message>
        <message>
            <source>Server started on %1</source>
            <translation>服务器已在 %1 上启动</translation>
        </message>
        <message>
            <source>Server stopped</source>
            <translation>服务器已停止</translation>
        </message>
        <message>
            <source>Server stopped: %1</source>
            <translation>服务器已停止：%1</translation>
        </message>
        <message>
            <source>Recipe defaults restored: live options apply now, the others on restart</source>
            <translation>已恢复配方默认值：实时选项立即生效，其余选项重启后生效</translation>
        </message>
        <message>
            <source>Recipe defaults restored</source>
            <translation>已恢复配方默认值</translation>
        </message>
        <message>
            <source>&amp;Stop server</source>
            <translation>停止服务器(&amp;S)</translation>
        </message>
        <message>
            <source>Stop server (Ctrl+R)</source>
            <translation>停止服务器（Ctrl+R）</translation>
        </message>
        <message>
            <source>Start server (Ctrl+R)</source>
            <translation>启动服务器（Ctrl+R）</translation>
        </message>
        <message>
            <source>Listening on %1 · %2 mode · %3 handler · %4</source>
            <translation>正在监听 %1 · %2 模式 · %3 处理器 · %4</translation>
        </message>
        <message>
            <source>persistent</source>
            <translation>持久</translation>
        </message>
        <message>
            <source>one-shot</source>
            <translation>一次性</translation>
        </message>
        <message>
            <source> · across the wire (%1)</source>
            <translation> · 经线路（%1）</translation>
        </message>
        <message>
            <source>Network path changed while running: it applies on restart (Ctrl+Shift+R)</source>
            <translation>运行期间网络路径已更改：将在重启时生效（Ctrl+Shift+R）</translation>
        </message>
        <message>
            <source>%1 removed</source>
            <translation>已移除 %1</translation>
        </message>
        <message>
            <source>no change</source>
            <translation>无变化</translation>
        </message>
        <message>
            <source>wire: %1, now %2 (applies when the wire starts)</source>
            <translation>线路：%1，现在为 %2（线路启动时生效）</translation>
        </message>
        <message>
            <source>The wire kept its spec: %1</source>
            <translation>线路保留了其规格：%1</translation>
        </message>
        <message>
            <source>wire: %1, now %2 (applied live)</source>
            <translation>线路：%1，现在为 %2（已实时生效）</translation>
        </message>
        <message>
            <source>The wire could not start: %1</source>
            <translation>线路无法启动：%1</translation>
        </message>
        <message>
            <source>wire: up, client side %1, server side %2, %3</source>
            <translation>线路：已启动，客户端一侧 %1，服务器一侧 %2，%3</translation>
        </message>
        <message>
            <source>wire: down (the capture stays in the Packets tab until the next start)</source>
            <translation>线路：已停止（抓包保留在“数据包”标签页中，直到下次启动）</translation>
        </message>
    </context>
    <context>
        <name>tcplab::LadderView</name>
        <message>
            <source>Time runs down. Ctrl+wheel or +/- zooms, the wheel pans, a click on an arrow selects its packet.</source>
            <translation>时间向下推进。Ctrl+滚轮或 +/- 缩放，滚轮平移，单击箭头选中其数据包。</translation>
        </message>
        <message>
            <source>not TCP</source>
            <translation>非 TCP</translation>
        </message>
        <message>
            <source> [retransmission]</source>
            <translation> [重传]</translation>
        </message>
        <message>
            <source> [delayed ACK]</source>
            <translation> [延迟 ACK]</translation>
        </message>
        <message>
            <source> [zero window]</source>
            <translation> [零窗口]</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>No packets yet: run the server across the wire and send.</source>
            <translation>还没有数据包：经线路运行服务器并发送。</translation>
        </message>
    </context>
    <context>
        <name>tcplab::LogPanel</name>
        <message>
            <source>debug and up</source>
            <translation>debug 及以上</translation>
        </message>
        <message>
            <source>info and up</source>
            <translation>info 及以上</translation>
        </message>
        <message>
            <source>warnings and errors</source>
            <translation>警告和错误</translation>
        </message>
        <message>
            <source>errors only</source>
            <translation>仅错误</translation>
        </message>
        <message>
            <source>Show events of this level and more severe. The server only produces debug events (data, per-connection reports) when its log level option is debug.</source>
            <translation>显示该级别及更严重的事件。只有当服务器的日志级别选项为 debug 时，才会产生 debug 事件（数据、每连接报告）。</translation>
        </message>
        <message>
            <source>all connections</source>
            <translation>所有连接</translation>
        </message>
        <message>
            <source>Show only the events of one connection number</source>
            <translation>只显示某一连接编号的事件</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <source>data as text</source>
            <translation>数据显示为文本</translation>
        </message>
        <message>
            <source>data as hex</source>
            <translation>数据显示为十六进制</translation>
        </message>
        <message>
            <source>text and hex</source>
            <translation>文本和十六进制</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Hold new events (up to the line limit) without updating the pane</source>
            <translation>暂存新事件（最多到行数上限），不更新窗格</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Clear the log (Ctrl+L)</source>
            <translation>清除日志（Ctrl+L）</translation>
        </message>
        <message>
            <source>Save...</source>
            <translation>保存...</translation>
        </message>
        <message>
            <source>Save the shown lines as text or CSV</source>
            <translation>把显示的行保存为文本或 CSV</translation>
        </message>
        <message>
            <source> lines</source>
            <translation> 行</translation>
        </message>
        <message>
            <source>Most lines kept; older ones are dropped and counted</source>
            <translation>保留的最多行数；更早的行会被丢弃并计数</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>保留</translation>
        </message>
        <message>
            <source>%1 of %2 lines shown (limit %3)</source>
            <translation>显示 %1 / %2 行（上限 %3）</translation>
        </message>
        <message>
            <source>dropped: %1</source>
            <translation>已丢弃：%1</translation>
        </message>
        <message>
            <source>lost by the server's event queue: %1</source>
            <translation>服务器事件队列丢失：%1</translation>
        </message>
        <message>
            <source>paused, %1 waiting</source>
            <translation>已暂停，%1 条等待中</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Save log</source>
            <translation>保存日志</translation>
        </message>
        <message>
            <source>Text (*.txt *.log)</source>
            <translation>文本 (*.txt *.log)</translation>
        </message>
    </context>
    <context>
        <name>tcplab::OptionEditor</name>
        <message>
            <source>Host: %1</source>
            <translation>主机：%1</translation>
        </message>
        <message>
            <source>Host: '%1' is neither an IPv4 or IPv6 address nor a host name</source>
            <translation>主机：'%1' 既不是 IPv4 或 IPv6 地址，也不是主机名</translation>
        </message>
        <message>
            <source>kernel default</source>
            <translation>内核默认</translation>
        </message>
        <message>
            <source>kernel default: %1</source>
            <translation>内核默认：%1</translation>
        </message>
        <message>
            <source>Allowed: %1</source>
            <translation>允许：%1</translation>
        </message>
        <message>
            <source>recipe: %1</source>
            <translation>配方：%1</translation>
        </message>
        <message>
            <source>recipe: kernel default, %1</source>
            <translation>配方：内核默认，%1</translation>
        </message>
        <message>
            <source>recipe: kernel default</source>
            <translation>配方：内核默认</translation>
        </message>
        <message>
            <source>see %1</source>
            <translation>参见 %1</translation>
        </message>
        <message>
            <source>Live:</source>
            <translation>实时：</translation>
        </message>
        <message>
            <source>changed while the server runs, it applies at once to the listener and to every open connection, and the kernel's value is read back (log, Effective options).</source>
            <translation>在服务器运行时修改，会立即应用到监听套接字和每个打开的连接，并回读内核的值（日志、生效的选项）。</translation>
        </message>
        <message>
            <source>Applies on restart:</source>
            <translation>重启后生效：</translation>
        </message>
        <message>
            <source>Partially checked: not set, the kernel's default applies.</source>
            <translation>部分勾选：不设置，使用内核的默认值。</translation>
        </message>
        <message>
            <source>Unticked: not set, the kernel's default applies.</source>
            <translation>未勾选：不设置，使用内核的默认值。</translation>
        </message>
        <message>
            <source>on</source>
            <translation>开</translation>
        </message>
        <message>
            <source>off</source>
            <translation>关</translation>
        </message>
        <message>
            <source>off (-1)</source>
            <translation>关（-1）</translation>
        </message>
        <message>
            <source>all interfaces</source>
            <translation>所有接口</translation>
        </message>
        <message>
            <source>Set this option; unticked leaves it to the kernel's default</source>
            <translation>设置此选项；不勾选则保留内核的默认值</translation>
        </message>
        <message>
            <source>live</source>
            <translation>实时</translation>
        </message>
        <message>
            <source>restart</source>
            <translation>重启</translation>
        </message>
        <message>
            <source>Changed while the server runs, it applies at once to the listener and every open connection.</source>
            <translation>在服务器运行时修改，会立即应用到监听套接字和每个打开的连接。</translation>
        </message>
        <message>
            <source>Changed while the server runs, it applies on restart: %1</source>
            <translation>在服务器运行时修改，重启后生效：%1</translation>
        </message>
        <message>
            <source>%1: '%2' is not a whole number in %3</source>
            <translation>%1：'%2' 不是 %3 范围内的整数</translation>
        </message>
    </context>
    <context>
        <name>tcplab::OptionReportModel</name>
        <message>
            <source>The kernel holds %1 where %2 was asked: %3</source>
            <translation>内核保存的是 %1，而请求的是 %2：%3</translation>
        </message>
        <message>
            <source>Option</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>Kernel name</source>
            <translation>内核名称</translation>
        </message>
        <message>
            <source>Requested</source>
            <translation>请求值</translation>
        </message>
        <message>
            <source>Effective (getsockopt)</source>
            <translation>生效值（getsockopt）</translation>
        </message>
        <message>
            <source>Why it differs / note</source>
            <translation>不同的原因 / 说明</translation>
        </message>
    </context>
    <context>
        <name>tcplab::PacketModel</name>
        <message>
            <source>All packets</source>
            <translation>所有数据包</translation>
        </message>
        <message>
            <source>SYN</source>
            <translation>SYN</translation>
        </message>
        <message>
            <source>FIN</source>
            <translation>FIN</translation>
        </message>
        <message>
            <source>RST</source>
            <translation>RST</translation>
        </message>
        <message>
            <source>With data</source>
            <translation>带数据</translation>
        </message>
        <message>
            <source>Pure ACKs</source>
            <translation>纯 ACK</translation>
        </message>
        <message>
            <source>Dropped by the wire</source>
            <translation>被线路丢弃</translation>
        </message>
        <message>
            <source>Retransmissions</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>已送达</translation>
        </message>
        <message>
            <source>dropped: loss</source>
            <translation>已丢弃：丢包</translation>
        </message>
        <message>
            <source>dropped: burst loss</source>
            <translation>已丢弃：突发丢包</translation>
        </message>
        <message>
            <source>dropped: queue full</source>
            <translation>已丢弃：队列已满</translation>
        </message>
        <message>
            <source>dropped: cut</source>
            <translation>已丢弃：切断</translation>
        </message>
        <message>
            <source>dropped: drop=%1</source>
            <translation>已丢弃：drop=%1</translation>
        </message>
        <message>
            <source>dropped: drop rule %1</source>
            <translation>已丢弃：丢弃规则 %1</translation>
        </message>
        <message>
            <source>duplicated</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>reordered</source>
            <translation>乱序</translation>
        </message>
        <message>
            <source>, retransmission</source>
            <translation>，重传</translation>
        </message>
        <message>
            <source>, keep-alive</source>
            <translation>，保活</translation>
        </message>
        <message>
            <source>, delayed ACK</source>
            <translation>，延迟 ACK</translation>
        </message>
        <message>
            <source>, zero window</source>
            <translation>，零窗口</translation>
        </message>
        <message>
            <source>(overwritten)</source>
            <translation>（已覆盖）</translation>
        </message>
        <message>
            <source>not TCP</source>
            <translation>非 TCP</translation>
        </message>
        <message>
            <source>Time (ms)</source>
            <translation>时间 (ms)</translation>
        </message>
        <message>
            <source>Conn.</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Flags</source>
            <translation>标志</translation>
        </message>
        <message>
            <source>Seq</source>
            <translation>Seq</translation>
        </message>
        <message>
            <source>Ack</source>
            <translation>Ack</translation>
        </message>
        <message>
            <source>Len</source>
            <translation>Len</translation>
        </message>
        <message>
            <source>Win</source>
            <translation>Win</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>Fate</source>
            <translation>结果</translation>
        </message>
    </context>
    <context>
        <name>tcplab::PacketsPanel</name>
        <message>
            <source>Follow live</source>
            <translation>实时跟随</translation>
        </message>
        <message>
            <source>On: new packets are added as they cross and the views scroll with them. Off: the views are frozen as they are (packets that cross meanwhile are taken when you turn it on again, unless the capture ring overwrote them).</source>
            <translation>开：新数据包经过时即被加入，视图随之滚动。关：视图冻结在当前状态（期间经过的数据包会在再次打开时加入，除非抓包环形缓冲区已将其覆盖）。</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>数据包</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Capture as pcap (Wireshark)...</source>
            <translation>抓包导出为 pcap（Wireshark）...</translation>
        </message>
        <message>
            <source>Packet list as CSV...</source>
            <translation>数据包列表导出为 CSV...</translation>
        </message>
        <message>
            <source>Ladder as PNG...</source>
            <translation>梯形图导出为 PNG...</translation>
        </message>
        <message>
            <source>Time-sequence graph as PNG...</source>
            <translation>时间序列图导出为 PNG...</translation>
        </message>
        <message>
            <source>Time-sequence graph as CSV...</source>
            <translation>时间序列图导出为 CSV...</translation>
        </message>
        <message>
            <source>TCP_INFO graph as PNG...</source>
            <translation>TCP_INFO 图导出为 PNG...</translation>
        </message>
        <message>
            <source>TCP_INFO samples as CSV...</source>
            <translation>TCP_INFO 采样导出为 CSV...</translation>
        </message>
        <message>
            <source>Time-sequence</source>
            <translation>时间序列</translation>
        </message>
        <message>
            <source>TCP_INFO</source>
            <translation>TCP_INFO</translation>
        </message>
        <message>
            <source>start the server across the wire: TCP_INFO is sampled there</source>
            <translation>请在线路上启动服务器：TCP_INFO 在那里采样</translation>
        </message>
        <message>
            <source>no sock_diag socket on the wire: %1</source>
            <translation>线路上没有 sock_diag 套接字：%1</translation>
        </message>
        <message>
            <source>nothing was captured</source>
            <translation>没有抓到任何数据包</translation>
        </message>
        <message>
            <source>the run kept no TCP_INFO samples</source>
            <translation>本次运行没有保留 TCP_INFO 采样</translation>
        </message>
        <message>
            <source>All connections</source>
            <translation>所有连接</translation>
        </message>
        <message>
            <source>%1 shown of %2 captured</source>
            <translation>显示 %1 个，共抓取 %2 个</translation>
        </message>
        <message>
            <source> (%1 overwritten before they were shown)</source>
            <translation>（%1 个在显示前已被覆盖）</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>pcap (*.pcap)</source>
            <translation>pcap (*.pcap)</translation>
        </message>
        <message>
            <source>nothing to export</source>
            <translation>没有可导出的内容</translation>
        </message>
        <message>
            <source>no capture yet: run the server across the wire first</source>
            <translation>还没有抓包：请先经线路运行服务器</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>%1: the image could not be written</source>
            <translation>%1：无法写入图像</translation>
        </message>
    </context>
    <context>
        <name>tcplab::Server</name>
        <message>
            <source>the server is already running on %1</source>
            <translation>服务器已在 %1 上运行</translation>
        </message>
        <message>
            <source>listening on %1 (%2 mode, %3 handler, %4)</source>
            <translation>正在监听 %1（%2 模式，%3 处理器，%4）</translation>
        </message>
        <message>
            <source>persistent</source>
            <translation>持久</translation>
        </message>
        <message>
            <source>one-shot</source>
            <translation>一次性</translation>
        </message>
        <message>
            <source>server failed: %1</source>
            <translation>服务器出错：%1</translation>
        </message>
        <message>
            <source>stopped (was %1)</source>
            <translation>已停止（原为 %1）</translation>
        </message>
        <message>
            <source>changed live: listen() again</source>
            <translation>已实时修改：再次调用 listen()</translation>
        </message>
        <message numerus="yes">
            <source>changed live: set on the listener and %n open connection(s)</source>
            <translation>
                <numerusform>已实时修改：已设置到监听套接字和 %n 个打开的连接</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>tcplab::ServerPanel</name>
        <message>
            <source>Loopback</source>
            <translation>环回</translation>
        </message>
        <message>
            <source>The wire</source>
            <translation>线路</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Loopback&lt;/b&gt;: the server listens on the address above, the client connects on this host.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The wire&lt;/b&gt;: an emulated network path with delay, loss, a rate limit and cuts. The server listens on the wire's server side (%1, the port above), the built-in client connects from its client side; every packet is captured (Wire and Packets tabs).&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;环回&lt;/b&gt;：服务器在上方的地址上监听，客户端在本机上连接。&lt;/p&gt;&lt;p&gt;&lt;b&gt;线路&lt;/b&gt;：一条模拟的网络路径，带有延迟、丢包、速率限制和切断。服务器在线路的服务器一侧（%1，上方的端口）监听，内置客户端从其客户端一侧连接；每个数据包都会被抓取（“线路”和“数据包”标签页）。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;What the wire does to the packets, e.g. &lt;tt&gt;delay=50ms,jitter=5ms,loss=1%,rate=10mbit&lt;/tt&gt;; &lt;tt&gt;c2s.&lt;/tt&gt; or &lt;tt&gt;s2c.&lt;/tt&gt; limits an item to one direction; &lt;tt&gt;drop=c2s:syn-ack&lt;/tt&gt; drops one packet. Empty: a clean wire. Changes apply at once while the server runs.&lt;/p&gt;</source>
            <translation>&lt;p&gt;线路对数据包做什么，例如 &lt;tt&gt;delay=50ms,jitter=5ms,loss=1%,rate=10mbit&lt;/tt&gt;；&lt;tt&gt;c2s.&lt;/tt&gt; 或 &lt;tt&gt;s2c.&lt;/tt&gt; 将某一项限制在一个方向；&lt;tt&gt;drop=c2s:syn-ack&lt;/tt&gt; 丢弃一个数据包。留空：干净的线路。服务器运行时更改立即生效。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Network path</source>
            <translation>网络路径</translation>
        </message>
        <message>
            <source>Raw socket options</source>
            <translation>原始套接字选项</translation>
        </message>
        <message>
            <source>&lt;p&gt;Any other integer socket option, set on the listener before listen(): LEVEL:OPTNAME:VALUE, separated by commas. LEVEL is a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP.&lt;/p&gt;&lt;p&gt;The effective options table shows what the kernel kept.&lt;/p&gt;</source>
            <translation>&lt;p&gt;任何其他整数套接字选项，在 listen() 之前设置到监听套接字上：LEVEL:OPTNAME:VALUE，以逗号分隔。LEVEL 为数字或 SOL_SOCKET、IPPROTO_TCP、IPPROTO_IP。&lt;/p&gt;&lt;p&gt;生效选项表会显示内核保留了什么。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>LEVEL:OPTNAME:VALUE</source>
            <translation>LEVEL:OPTNAME:VALUE</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>raw options (set before listen())</source>
            <translation>原始选项（在 listen() 之前设置）</translation>
        </message>
        <message>
            <source>Changed while running, applies on restart (Server &gt; Restart, Ctrl+Shift+R): %1</source>
            <translation>运行时已修改，重启后生效（服务器 &gt; 重启，Ctrl+Shift+R）：%1</translation>
        </message>
    </context>
    <context>
        <name>tcplab::SystemPanel</name>
        <message>
            <source>sysctl</source>
            <translation>sysctl</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>含义</translation>
        </message>
        <message>
            <source>Read from /proc/sys when shown; change them with sysctl -w (as root).</source>
            <translation>显示时从 /proc/sys 读取；用 sysctl -w（以 root 身份）修改。</translation>
        </message>
        <message>
            <source>Reload</source>
            <translation>重新读取</translation>
        </message>
        <message>
            <source>No kernel limit defeats the chosen options.</source>
            <translation>没有内核限制会使所选选项失效。</translation>
        </message>
        <message>
            <source>Kernel limits that defeat the chosen options:</source>
            <translation>使所选选项失效的内核限制：</translation>
        </message>
        <message>
            <source>(unreadable)</source>
            <translation>（无法读取）</translation>
        </message>
    </context>
    <context>
        <name>tcplab::TcpInfoModel</name>
        <message>
            <source>cwnd</source>
            <translation>cwnd</translation>
        </message>
        <message>
            <source>ssthresh</source>
            <translation>ssthresh</translation>
        </message>
        <message>
            <source>srtt</source>
            <translation>srtt</translation>
        </message>
        <message>
            <source>rttvar</source>
            <translation>rttvar</translation>
        </message>
        <message>
            <source>rto</source>
            <translation>rto</translation>
        </message>
        <message>
            <source>in flight</source>
            <translation>在途</translation>
        </message>
        <message>
            <source>delivery rate</source>
            <translation>交付速率</translation>
        </message>
        <message>
            <source>segments</source>
            <translation>报文段</translation>
        </message>
        <message>
            <source>ms</source>
            <translation>ms</translation>
        </message>
        <message>
            <source>bit/s</source>
            <translation>bit/s</translation>
        </message>
        <message>
            <source>client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>server</source>
            <translation>服务器</translation>
        </message>
    </context>
    <context>
        <name>tcplab::TcpInfoView</name>
        <message>
            <source>No connection selected: pick one in the Connection list.</source>
            <translation>未选择连接：请在连接列表中选择一个。</translation>
        </message>
        <message>
            <source>No TCP_INFO samples: %1.</source>
            <translation>没有 TCP_INFO 采样：%1。</translation>
        </message>
        <message>
            <source>No TCP_INFO samples for this connection yet.</source>
            <translation>该连接还没有 TCP_INFO 采样。</translation>
        </message>
        <message>
            <source>time (ms since the first packet, as in the ladder)</source>
            <translation>时间（自第一个数据包起的 ms，与梯形图相同）</translation>
        </message>
        <message>
            <source>srtt ± rttvar</source>
            <translation>srtt ± rttvar</translation>
        </message>
        <message>
            <source>solid: client, dashed: server</source>
            <translation>实线：客户端，虚线：服务器</translation>
        </message>
        <message>
            <source>The kernel's TCP_INFO of both ends over time, on the ladder's time axis: Ctrl+wheel or +/- zooms (the ladder follows), the wheel pans.</source>
            <translation>两端内核的 TCP_INFO 随时间的变化，使用梯形图的时间轴：Ctrl+滚轮或 +/- 缩放（梯形图随之缩放），滚轮平移。</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>rttvar band</source>
            <translation>rttvar 区间带</translation>
        </message>
        <message>
            <source>in %1</source>
            <translation>单位：%1</translation>
        </message>
        <message>
            <source>TCP_INFO over time</source>
            <translation>TCP_INFO 随时间的变化</translation>
        </message>
        <message>
            <source>TCP_INFO over time of connection #%1: %2 samples</source>
            <translation>连接 #%1 的 TCP_INFO 随时间的变化：%2 个采样</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>%1: the image could not be written</source>
            <translation>%1：无法写入图像</translation>
        </message>
    </context>
    <context>
        <name>tcplab::TimeSequenceView</name>
        <message>
            <source>Sequence number over time for the connection's data: bars are segments (orange: retransmitted, red: dropped), the green line is what was acknowledged, the grey line the advertised window above it, purple bars the ranges the receiver SACKed.</source>
            <translation>连接数据的序号随时间的变化：条形为报文段（橙色：已重传，红色：已丢弃），绿线为已确认的位置，其上方的灰线为通告窗口，紫色条形为接收方 SACK 确认的范围。</translation>
        </message>
        <message>
            <source>time (ms)</source>
            <translation>时间 (ms)</translation>
        </message>
        <message>
            <source>Time-sequence graph: no connection with data yet</source>
            <translation>时间-序号图：还没有带数据的连接</translation>
        </message>
        <message>
            <source>Time-sequence graph of %1, %2</source>
            <translation>%1 的时间-序号图，%2</translation>
        </message>
        <message>
            <source>data from the client</source>
            <translation>来自客户端的数据</translation>
        </message>
        <message>
            <source>data from the server</source>
            <translation>来自服务器的数据</translation>
        </message>
        <message>
            <source>data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>retransmitted</source>
            <translation>已重传</translation>
        </message>
        <message>
            <source>dropped</source>
            <translation>已丢弃</translation>
        </message>
        <message>
            <source>ACK</source>
            <translation>ACK</translation>
        </message>
        <message>
            <source>advertised window</source>
            <translation>通告窗口</translation>
        </message>
        <message>
            <source>SACKed</source>
            <translation>已 SACK</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>%1: the image could not be written</source>
            <translation>%1：无法写入图像</translation>
        </message>
    </context>
    <context>
        <name>tcplab::WireCountersModel</name>
        <message>
            <source>client → server</source>
            <translation>客户端 → 服务器</translation>
        </message>
        <message>
            <source>server → client</source>
            <translation>服务器 → 客户端</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>数据包</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>已送达</translation>
        </message>
        <message>
            <source>Dropped: loss</source>
            <translation>已丢弃：丢包</translation>
        </message>
        <message>
            <source>Dropped: burst loss</source>
            <translation>已丢弃：突发丢包</translation>
        </message>
        <message>
            <source>Dropped: queue full</source>
            <translation>已丢弃：队列已满</translation>
        </message>
        <message>
            <source>Dropped: cut</source>
            <translation>已丢弃：切断</translation>
        </message>
        <message>
            <source>Dropped: drop rule</source>
            <translation>已丢弃：丢弃规则</translation>
        </message>
        <message>
            <source>Duplicated</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>Reordered</source>
            <translation>乱序</translation>
        </message>
        <message>
            <source>Queued now</source>
            <translation>当前排队</translation>
        </message>
        <message>
            <source>Lost before the relay</source>
            <translation>到达中继前丢失</translation>
        </message>
    </context>
    <context>
        <name>tcplab::WirePanel</name>
        <message>
            <source>Clean wire</source>
            <translation>干净的线路</translation>
        </message>
        <message>
            <source>LAN 1 ms</source>
            <translation>局域网 1 ms</translation>
        </message>
        <message>
            <source>Wi-Fi 20 ms 1% loss</source>
            <translation>Wi-Fi 20 ms 1% 丢包</translation>
        </message>
        <message>
            <source>intercontinental 150 ms</source>
            <translation>洲际 150 ms</translation>
        </message>
        <message>
            <source>mobile 3G 400 kbit 100 ms</source>
            <translation>移动 3G 400 kbit 100 ms</translation>
        </message>
        <message>
            <source>satellite 600 ms</source>
            <translation>卫星 600 ms</translation>
        </message>
        <message>
            <source>Cut: the wire drops every packet in both directions, as if the cable were pulled; open connections retransmit until Restore (or until their timeouts give up)</source>
            <translation>切断：线路丢弃两个方向上的所有数据包，如同拔掉网线；打开的连接会不断重传，直到恢复（或直到其超时放弃）</translation>
        </message>
        <message>
            <source>Presets...</source>
            <translation>预设...</translation>
        </message>
        <message>
            <source>no impairment</source>
            <translation>无损伤</translation>
        </message>
        <message>
            <source>Sets both directions (the round trip in the name, half of it each way); the drop rules stay</source>
            <translation>同时设置两个方向（名称中是往返时间，每个方向一半）；丢弃规则保持不变</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>预设</translation>
        </message>
        <message>
            <source>The wire carries IPv4 only (198.18.0.1 to 198.18.0.2 inside its namespaces); IPv6 runs on loopback, without the wire.</source>
            <translation>线路只承载 IPv4（在其命名空间内从 198.18.0.1 到 198.18.0.2）；IPv6 在环回接口上运行，不经过线路。</translation>
        </message>
        <message>
            <source>Client → server</source>
            <translation>客户端 → 服务器</translation>
        </message>
        <message>
            <source>Server → client</source>
            <translation>服务器 → 客户端</translation>
        </message>
        <message>
            <source>Targeted drops</source>
            <translation>定向丢弃</translation>
        </message>
        <message>
            <source>&lt;p&gt;DIR:MATCH[#N][*COUNT]: drop the Nth packet of direction DIR (c2s or s2c) matching MATCH, and COUNT-1 more after it. MATCH: syn, syn-ack, ack-of-handshake, data, pure-ack, fin, rst. Packets are counted from the moment the rule is added.&lt;/p&gt;&lt;p&gt;e.g. s2c:syn-ack*2, c2s:data#5&lt;/p&gt;</source>
            <translation>&lt;p&gt;DIR:MATCH[#N][*COUNT]：丢弃方向 DIR（c2s 或 s2c）上第 N 个匹配 MATCH 的数据包，以及其后的 COUNT-1 个。MATCH：syn、syn-ack、ack-of-handshake、data、pure-ack、fin、rst。数据包从添加规则的那一刻开始计数。&lt;/p&gt;&lt;p&gt;例如 s2c:syn-ack*2, c2s:data#5&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Counters</source>
            <translation>计数器</translation>
        </message>
        <message>
            <source>Capture ring</source>
            <translation>抓包环形缓冲区</translation>
        </message>
        <message>
            <source>One-way delay added to every packet of this direction</source>
            <translation>为该方向的每个数据包增加的单向延迟</translation>
        </message>
        <message>
            <source>Random variation of the delay (uniform, order kept)</source>
            <translation>延迟的随机变化（均匀分布，保持顺序）</translation>
        </message>
        <message>
            <source>Random, independent loss</source>
            <translation>随机、独立的丢包</translation>
        </message>
        <message>
            <source>A copy of the packet is delivered too</source>
            <translation>同时送达该数据包的一个副本</translation>
        </message>
        <message>
            <source>A packet overtakes the one before it</source>
            <translation>一个数据包超过它前面的那个</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>无限制</translation>
        </message>
        <message>
            <source>Bandwidth of this direction; packets beyond it wait in the limiter's queue</source>
            <translation>该方向的带宽；超出的数据包在限速器的队列中等待</translation>
        </message>
        <message>
            <source> packets</source>
            <translation> 个数据包</translation>
        </message>
        <message>
            <source>The rate limiter's drop-tail queue: a packet that finds it full is dropped</source>
            <translation>限速器的尾部丢弃队列：遇到队列已满的数据包会被丢弃</translation>
        </message>
        <message>
            <source>Delay</source>
            <translation>延迟</translation>
        </message>
        <message>
            <source>Jitter</source>
            <translation>抖动</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>丢包</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>Reorder</source>
            <translation>乱序</translation>
        </message>
        <message>
            <source>Rate</source>
            <translation>速率</translation>
        </message>
        <message>
            <source>Queue limit</source>
            <translation>队列上限</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Cut</source>
            <translation>切断</translation>
        </message>
        <message>
            <source>The wire is up: changes apply at once, to the packets that follow.</source>
            <translation>线路已启动：更改立即生效，作用于之后的数据包。</translation>
        </message>
        <message>
            <source>The wire is down: choose "The wire" as the server's network path and start the server. Changes here are kept for the next start.</source>
            <translation>线路已停止：请选择“线路”作为服务器的网络路径并启动服务器。此处的更改会保留到下次启动。</translation>
        </message>
        <message>
            <source>%1 of %2 packets (%3 MB of %4 MB)</source>
            <translation>%2 个数据包中的 %1 个（%4 MB 中的 %3 MB）</translation>
        </message>
        <message>
            <source>, %1 older ones overwritten</source>
            <translation>，%1 个较旧的已被覆盖</translation>
        </message>
    </context>
</TS>
