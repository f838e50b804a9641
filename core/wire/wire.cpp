#include "wire.h"

#include <cerrno>

namespace tcplab::wire {

Result<std::unique_ptr<Wire>> Wire::start(const WireSpec &spec, PacketSink *sink)
{
    Result<std::unique_ptr<NamespaceHelper>> helper = NamespaceHelper::start();
    if (!helper)
        return helper.error();
    std::unique_ptr<Wire> wire(new Wire);
    wire->m_helper = helper.take();
    Result<std::unique_ptr<Relay>> relay = Relay::start(wire->m_helper->takeLinkSocket(Side::Client),
                                                        wire->m_helper->takeLinkSocket(Side::Server), spec, sink);
    if (!relay)
        return relay.error();
    wire->m_relay = relay.take();
    wire->m_spec = spec;
    return wire;
}

Wire::~Wire()
{
    m_relay.reset(); // the thread first: it reads the link sockets
    m_helper.reset();
}

Result<FileDescriptor> Wire::socket(Side side, int domain, int type, int protocol)
{
    return m_helper->socket(side, domain, type, protocol);
}

SocketFactory Wire::socketFactory(Side side)
{
    std::weak_ptr<NamespaceHelper> weak = m_helper;
    return [weak, side](int domain, int type, int protocol) {
        const std::shared_ptr<NamespaceHelper> helper = weak.lock();
        if (!helper) {
            errno = ENETDOWN; // the wire was stopped
            return -1;
        }
        Result<FileDescriptor> fd = helper->socket(side, domain, type, protocol);
        if (!fd) {
            errno = fd.error().errnum() ? fd.error().errnum() : EIO;
            return -1;
        }
        return fd.value().release();
    };
}

Error Wire::setSpec(const WireSpec &spec)
{
    QMutexLocker lock(&m_specMutex);
    if (Error e = m_relay->setSpec(spec))
        return e;
    m_spec = spec;
    return {};
}

WireSpec Wire::spec() const
{
    QMutexLocker lock(&m_specMutex);
    return m_spec;
}

Error Wire::setSideSysctl(Side side, const QString &name, const QString &value)
{
    return m_helper->setSysctl(side, name, value);
}

Result<QString> Wire::sideSysctl(Side side, const QString &name)
{
    return m_helper->sysctl(side, name);
}

} // namespace tcplab::wire
