#include "uitestsupport.h"

#include "labwindow.h"
#include "logmodel.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "serverpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

#include <cerrno>
#include <sys/socket.h>

using namespace tcplab;

namespace uitest {

void WindowTestCase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

int sockopt(int fd, int level, int name)
{
    int value = -1;
    socklen_t len = sizeof(value);
    if (::getsockopt(fd, level, name, &value, &len) != 0)
        return -1000 - errno;
    return value;
}

QSpinBox *spin(LabWindow &w, const QString &key)
{
    return qobject_cast<QSpinBox *>(w.serverPanel()->editor(key)->inputWidget());
}

QCheckBox *check(LabWindow &w, const QString &key)
{
    return qobject_cast<QCheckBox *>(w.serverPanel()->editor(key)->inputWidget());
}

QComboBox *combo(LabWindow &w, const QString &key)
{
    return qobject_cast<QComboBox *>(w.serverPanel()->editor(key)->inputWidget());
}

QLineEdit *line(LabWindow &w, const QString &key)
{
    return qobject_cast<QLineEdit *>(w.serverPanel()->editor(key)->inputWidget());
}

void prepareLoopback(LabWindow &w, const QString &handler, const QString &mode, bool persistent)
{
    line(w, QStringLiteral("host"))->setText(QStringLiteral("127.0.0.1"));
    spin(w, QStringLiteral("port"))->setValue(0);
    combo(w, QStringLiteral("handler"))->setCurrentText(handler);
    combo(w, QStringLiteral("mode"))->setCurrentText(mode);
    check(w, QStringLiteral("persistent"))->setChecked(persistent);
}

bool logContains(LabWindow &w, const QString &needle)
{
    w.logPanel()->tick();
    LogModel *m = w.logPanel()->model();
    for (int i = 0; i < m->rowCount(); ++i) {
        if (m->lineAt(i).contains(needle))
            return true;
    }
    return false;
}

} // namespace uitest
