// The threads that carry a transfer (the server's engine and its connection threads, the wire's
// relay and host entry, the capture's reader, the TCP_INFO sampler's thread) can yield the CPU to an
// interactive thread. On two cores a bulk transfer at full speed keeps every core busy, and the
// scheduler shares a core evenly between runnable threads of equal weight, so the GUI thread
// waited its turn behind them for tens of milliseconds at a time. The window therefore sets a
// nice increment for them before it starts any (allowed unprivileged: a thread may always lower
// its own priority); they take every cycle the GUI thread leaves, so a transfer is slower only
// by what the window really uses. The headless CLI, the experiments' own runs and the
// benchmarks leave it at 0. While it is set, the relay takes no real-time priority either (it
// would keep a core to itself; see relay.cpp).
#pragma once

namespace tcplab {

// Process-wide, before the threads start (later ones take it as they start).
void setTransferThreadNice(int increment);
int transferThreadNice();

// Called by each such thread as it starts, on itself: raises its nice value to the increment
// (never lowers it). Returns false if the kernel refused (the thread runs as before).
bool yieldCpuIfTransferThread();

} // namespace tcplab
