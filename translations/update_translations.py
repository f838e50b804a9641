#!/usr/bin/env python3
"""Refresh translations/*.ts from the sources, keeping existing translations.

lupdate cannot see the context of the small `tr(const char *)` helpers that core/ and app/ use
outside classes (it files those strings under the enclosing namespace, or drops them). This
script runs lupdate, then replaces what it found in those files by the helper's real context
(the one passed to QCoreApplication::translate at run time). A helper that also takes the
disambiguation and the count, `tr(const char *text, const char *disambiguation = nullptr,
int n = -1)`, gives plural (numerus) messages for its calls `tr("... %n ...", nullptr, n)`.
Usage: translations/update_translations.py [lupdate]   (from the project root)
"""
import glob, os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUPDATE = sys.argv[1] if len(sys.argv) > 1 else '/usr/lib/qt6/bin/lupdate'
SOURCE_DIRS = ['core', 'app', 'ui']
HELPER = re.compile(r'QString\s+tr\s*\(\s*const\s+char\s*\*\s*\w+\s*(?:,[^)]*)?\)\s*\{\s*return\s+QCoreApplication::translate\(\s*"(\w+)"')
EXPLICIT = re.compile(r'(?:translate|QT_TRANSLATE_NOOP)\(\s*"([\w:]+)"')
# tr("text") or, plural, tr("text", nullptr, n)
CALL = re.compile(r'(?<![\w:>.])tr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)(\)|,\s*nullptr\s*,|,)')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(m.group(1), m.group(1)), s)


def sources():
    for d in SOURCE_DIRS:
        for path in glob.glob(os.path.join(ROOT, d, '**', '*.[ch]*'), recursive=True):
            if path.endswith(('.cpp', '.h')):
                yield path


def old_translations(ts):
    out = {}
    if not os.path.exists(ts):
        return out
    for ctx in ET.parse(ts).getroot().iter('context'):
        name = ctx.findtext('name')
        for m in ctx.iter('message'):
            t = m.find('translation')
            if t is None or t.get('type') in ('unfinished', 'obsolete', 'vanished'):
                continue
            forms = [f.text or '' for f in t.findall('numerusform')]
            out[(name, m.findtext('source'))] = forms if forms else (t.text or '')
    return out


def update(ts):
    previous = old_translations(ts)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, os.path.basename(ts))
        subprocess.run([LUPDATE, '-no-obsolete', '-locations', 'absolute', '-silent',
                        *[os.path.join(ROOT, d) for d in SOURCE_DIRS], '-ts', raw], check=True,
                       stderr=subprocess.DEVNULL)
        tree = ET.parse(raw)
    root = tree.getroot()
    root.set('language', os.path.basename(ts)[len('tcplab_'):-len('.ts')])

    helpers, explicit = {}, {}
    for path in sources():
        text = open(path, encoding='utf-8').read()
        m = HELPER.search(text)
        if m:
            helpers[os.path.realpath(path)] = (m.group(1), text)
            explicit[os.path.realpath(path)] = set(EXPLICIT.findall(text))

    def location_file(loc):
        return os.path.realpath(os.path.join(os.path.dirname(raw), loc.get('filename')))

    contexts = {c.findtext('name'): c for c in root.findall('context')}
    # Drop what lupdate misfiled: strings of helper files under a guessed context.
    for ctx in list(root.findall('context')):
        name = ctx.findtext('name')
        for msg in list(ctx.findall('message')):
            files = [location_file(l) for l in msg.findall('location')]
            if files and all(f in helpers and name not in explicit[f] for f in files):
                ctx.remove(msg)
        if not ctx.findall('message'):
            root.remove(ctx)
            contexts.pop(name, None)
    # Add them under the context the helper really uses.
    for path, (context, text) in sorted(helpers.items()):
        for call in CALL.finditer(text):
            source = ''.join(unescape(s) for s in LITERAL.findall(call.group(1)))
            if call.group(2) == ',':
                sys.exit(f'{path}: tr("{source}", ...): a helper call takes the text alone or (text, nullptr, n)')
            ctx = contexts.get(context)
            if ctx is None:
                ctx = ET.SubElement(root, 'context')
                ET.SubElement(ctx, 'name').text = context
                contexts[context] = ctx
            if any(m.findtext('source') == source for m in ctx.findall('message')):
                continue
            msg = ET.SubElement(ctx, 'message')
            ET.SubElement(msg, 'source').text = source
            t = ET.SubElement(msg, 'translation', type='unfinished')
            if call.group(2) != ')':  # (text, nullptr, n)
                msg.set('numerus', 'yes')
                ET.SubElement(t, 'numerusform')
    # Keep earlier translations, drop locations (they change with every edit).
    for ctx in root.findall('context'):
        name = ctx.findtext('name')
        for msg in ctx.findall('message'):
            for loc in msg.findall('location'):
                msg.remove(loc)
            key = (name, msg.findtext('source'))
            t = msg.find('translation')
            if key in previous:
                for child in list(t):
                    t.remove(child)
                t.attrib.pop('type', None)
                value = previous[key]
                if isinstance(value, list):
                    t.text = None
                    for form in value:
                        ET.SubElement(t, 'numerusform').text = form
                else:
                    t.text = value
    root[:] = sorted(root.findall('context'), key=lambda c: c.findtext('name'))
    ET.indent(tree, space='    ')
    with open(ts, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(root, encoding='unicode'))
        f.write('\n')
    missing = sum(1 for m in root.iter('message') if m.find('translation').get('type') == 'unfinished')
    print(f'{ts}: {sum(1 for _ in root.iter("message"))} messages, {missing} untranslated')


if __name__ == '__main__':
    for ts in glob.glob(os.path.join(ROOT, 'translations', '*.ts')):
        update(ts)
