// Errors as values: an errno (0 when the failure is not a system call's) and a readable message.
#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace tcplab {

class Error
{
public:
    Error() = default;
    Error(int errnum, QString message) : m_errnum(errnum), m_message(std::move(message)) {}

    // "context: strerror (ENAME)"
    static Error fromErrno(int errnum, const QString &context);
    static Error message(const QString &text) { return Error(0, text); }

    bool isError() const { return !m_message.isEmpty(); }
    explicit operator bool() const { return isError(); }
    int errnum() const { return m_errnum; }
    const QString &text() const { return m_message; }

private:
    int m_errnum = 0;
    QString m_message;
};

// The symbolic name of an errno value, e.g. "EADDRINUSE".
QString errnoName(int errnum);

template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T take() { return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace tcplab
