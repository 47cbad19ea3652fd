#!/usr/bin/env python3
"""conformance/run.py - black-box conformance runner for xmppd.

Starts the real server on free 127.0.0.1 ports with a configuration of its own,
then plays every scenario document in conformance/scenarios/*.md against it
over real sockets, as a client would. conformance/README.md describes the
scenario language; this file implements it.

Independence: nothing here uses the server's code. The server's output is read
with Python's expat (xml.parsers.expat) and compared as XML; TLS is Python's
ssl module; SCRAM proofs and signatures are computed here with hashlib/hmac.

Usage: python3 conformance/run.py [--server PATH] [--ctl PATH] [-k PATTERN]
                                  [--keep] [--verbose]
Prints one line per scenario (`PASS name (RFC 6120 §x.y)` or `FAIL ...` with a
diff), then `N passed, M failed`; exits 1 if anything failed.
"""
import argparse
import base64
import difflib
import fnmatch
import hashlib
import hmac
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import xml.parsers.expat
from collections import deque
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

NS_STREAMS = 'http://etherx.jabber.org/streams'
NS_CLIENT = 'jabber:client'
NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls'
NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind'
NS_XML = 'http://www.w3.org/XML/1998/namespace'

DOMAIN = 'example.com'
# Accounts created with xmppctl before the server starts (README lists them).
ACCOUNTS = {'juliet': 'r0m30myr0m30', 'romeo': 'j8l13tsb4lc0ny', 'nurse': 'n8rs3', 'benvolio': 'b3nv0l10'}
CLIENT_HEADER = ("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                 "to='example.com' version='1.0' xml:lang='en'>")
DEFAULT_TIMEOUT = 5.0
ALPN_CLIENT = 'xmpp-client'


class ScenarioError(Exception):
    """A scenario document that cannot be read (reported as a failure)."""


class Failure(Exception):
    """The server did not do what the scenario expects."""


# ---------------------------------------------------------------------------
# Requirement IDs: catalog IDs (spec/README.md) RFC6120-4.9.3.6-a -> "RFC 6120 §4.9.3.6 (a)",
# or sections of documents without a catalog: XEP0368-3 -> "XEP-0368 §3"

REQ_RE = re.compile(r'^(RFC|XEP)-?(\d+)-((?:\d+|[A-Z])(?:\.\d+)*)(?:-([a-z]{1,2}))?$')   # appendices: RFC6121-A.3.3


def format_requirement(req_id):
    m = REQ_RE.match(req_id)
    if not m:
        raise ScenarioError(f"requirement ID {req_id!r} is not of the form RFC6120-4.7.5, RFC6121-A.3 or XEP0368-3")
    kind, number, section, letter = m.groups()
    item = f' ({letter})' if letter else ''
    if kind == 'RFC':
        return f'RFC {int(number)} §{section}{item}'
    return f'XEP-{int(number):04d} §{section}{item}'


# ---------------------------------------------------------------------------
# Elements, as read from the server and from expect blocks

class Element:
    """One XML element with expanded names. attrs: {(ns, local): value} where
    ns is '' for unqualified attributes; nsdecls: {prefix or '': uri} declared
    on this element (compared for the stream header only); open_content: the
    expected element said `{...}` (more children may follow)."""

    def __init__(self, ns, local, attrs=None, nsdecls=None):
        self.ns = ns
        self.local = local
        self.attrs = attrs or {}
        self.nsdecls = nsdecls or {}
        self.children = []
        self.text_parts = []
        self.open_content = False
        self.any_order = False

    @property
    def text(self):
        return ''.join(self.text_parts)

    def find(self, ns, local):
        for c in self.children:
            if c.ns == ns and c.local == local:
                return c
        return None


def split_name(name):
    """expat 'uri local' (namespace_separator=' ') -> (uri, local)."""
    if ' ' in name:
        ns, local = name.split(' ', 1)
        return ns, local
    return '', name


class Event:
    """What the server sent, one unit at a time: kind is 'open' (the stream
    header), 'element' (a first-level element), 'close' (</stream:stream>),
    'eof' (the connection closed), 'timeout' (nothing came), 'text' (character
    data between first-level elements), 'malformed' (expat refused the bytes),
    'junk' (bytes after the closing tag), 'restricted' (comment or PI)."""

    def __init__(self, kind, element=None, detail=''):
        self.kind = kind
        self.element = element
        self.detail = detail

    def __repr__(self):
        return f'Event({self.kind}, {self.detail!r})'


class StreamReader:
    """Incremental reader of the server's side of the stream. Every depth-1
    element is delivered whole; after <success/> (SASL) or <proceed/> (TLS) the
    server's next bytes are a new XML document (RFC 6120 §4.3.3), so the
    reader starts a fresh parser right after such an element."""

    RESTART_AFTER = {(NS_SASL, 'success'), (NS_TLS, 'proceed')}

    def __init__(self):
        self.events = deque()
        self.elements = []   # every first-level element received, for the checks of whole runs
        self.restarts = 0
        self._new_parser()

    def _new_parser(self):
        p = xml.parsers.expat.ParserCreate(namespace_separator=' ')
        p.buffer_text = True
        p.StartNamespaceDeclHandler = self._ns_decl
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._chars
        p.CommentHandler = lambda data: self._emit(Event('restricted', detail=f'comment <!--{data}-->'))
        p.ProcessingInstructionHandler = lambda t, d: self._emit(Event('restricted', detail=f'PI <?{t} {d}?>'))
        self.parser = p
        self.stack = []
        self.pending_ns = {}
        self.root_closed = False
        self.broken = False
        self.stopped = False       # events after a restart point belong to the next document
        self.stop_at = None        # byte offset (in this document) where the next one starts
        self.doc_offset = 0        # bytes fed to this parser so far

    def _emit(self, ev):
        if not self.stopped:
            self.events.append(ev)

    def _ns_decl(self, prefix, uri):
        self.pending_ns[prefix or ''] = uri or ''

    def _start(self, name, attrs):
        if self.stopped:
            return
        ns, local = split_name(name)
        el = Element(ns, local, {split_name(k): v for k, v in attrs.items()}, self.pending_ns)
        self.pending_ns = {}
        if not self.stack and not self.root_closed:
            self.stack.append(el)
            self._emit(Event('open', el))
            return
        if len(self.stack) > 1:
            self.stack[-1].children.append(el)
        self.stack.append(el)

    def _end(self, name):
        if self.stopped:
            return
        el = self.stack.pop()
        if not self.stack:
            self.root_closed = True
            self._emit(Event('close'))
        elif len(self.stack) == 1:
            self._emit(Event('element', el))
            self.elements.append(el)
            if (el.ns, el.local) in self.RESTART_AFTER:
                # The element ends at the next '>' from here.
                self.stopped = True
                self.stop_at = self.parser.CurrentByteIndex

    def _chars(self, data):
        if self.stopped:
            return
        if len(self.stack) == 1:
            if data.strip():
                self._emit(Event('text', detail=data))
        elif len(self.stack) > 1:
            self.stack[-1].text_parts.append(data)

    def feed(self, data):
        while data:
            if self.broken:
                return
            if self.root_closed:
                if data.strip():
                    self.events.append(Event('junk', detail=data.decode('utf-8', 'replace')))
                    self.broken = True
                return
            base = self.doc_offset
            self.doc_offset += len(data)
            try:
                self.parser.Parse(data, False)
            except xml.parsers.expat.ExpatError as e:
                if self.stopped:
                    pass  # what follows the restart point was parsed in the old document: ignore
                elif self.root_closed:
                    self.events.append(Event('junk', detail=data.decode('utf-8', 'replace')))
                    self.broken = True
                    return
                else:
                    self.events.append(Event('malformed', detail=f'{e} in {data!r}'))
                    self.broken = True
                    return
            if not self.stopped:
                return
            # Bytes after the restart element start the next document.
            rel = self.stop_at - base
            end = data.find(b'>', max(rel, 0))
            rest = data[end + 1:] if end >= 0 else b''
            self.restarts += 1
            self._new_parser()
            data = rest

    def restart(self):
        self.restarts += 1
        self._new_parser()


# ---------------------------------------------------------------------------
# Every error the server generates says what was wrong and cites the rule
#
# A global check, applied to every first-level element of every scenario
# (Player.check_error_texts): a stream error, a SASL <failure/> and the
# <error/> of a stanza of type 'error' must carry a <text xml:lang='en'> (in the
# streams, SASL or stanzas namespace) that begins with the section it follows:
# "RFC 6120 §4.9.3.6: ...", "RFC 6120 §7.7.2.1, RFC 7622 §3.4: ...",
# "XEP-0191 §3.5: ...". Exempt: an <error/> the scenario itself sends (a client
# authored it and the server only routed it), compared as XML.

NS_STREAMS_ERR = 'urn:ietf:params:xml:ns:xmpp-streams'
NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
# One or more citations, the first an RFC or XEP section, then ': ' and the why.
ERROR_TEXT_RE = re.compile(r'(?:RFC \d{4}|XEP-\d{4}) §[0-9A-Z][^:]*: \S')
SENT_ERROR_RE = re.compile(r'<error[\s>].*?</error>', re.S)


def canonical(el):
    """An element as a comparable value: names, attributes, text and children;
    not the prefixes it was written with."""
    return (el.ns, el.local, tuple(sorted(el.attrs.items())), el.text.strip(),
            tuple(canonical(c) for c in el.children))


def parse_fragment(text, default_ns=NS_CLIENT):
    """One element written in a send block -> Element (None if it is not
    well-formed on its own)."""
    reader = StreamReader()
    reader.feed(f"<w xmlns='{default_ns}'>".encode() + text.encode('utf-8') + b'</w>')
    return reader.elements[0] if len(reader.elements) == 1 and not reader.broken else None


def sent_errors(scenario):
    """The canonical form of every <error/> the scenario's send blocks write."""
    found = set()
    for block in scenario.blocks:
        if block.kind != 'send':
            continue
        for m in SENT_ERROR_RE.finditer(block.body):
            el = parse_fragment(m.group(0))
            if el is not None:
                found.add(canonical(el))
    return found


def error_text_problem(el, routed=frozenset()):
    """Why the first-level element `el` breaks the rule above, or None."""
    if (el.ns, el.local) == (NS_STREAMS, 'error'):
        err, ns, what = el, NS_STREAMS_ERR, '<stream:error>'
    elif (el.ns, el.local) == (NS_SASL, 'failure'):
        err, ns, what = el, NS_SASL, '<failure> (SASL)'
    elif (el.ns, el.local) in STANZAS and el.attrs.get(('', 'type')) == 'error':
        err = el.find(NS_CLIENT, 'error')
        if err is None or canonical(err) in routed:
            return None
        ns = NS_STANZAS
        what = f"<{el.local} type='error'" + (f" id='{el.attrs[('', 'id')]}'" if ('', 'id') in el.attrs else '') \
            + '> <error>'
    else:
        return None
    condition = next((c.local for c in err.children if c.ns == ns and c.local != 'text'), None)
    what += f' <{condition}/>' if condition else ' (no condition)'
    texts = [c for c in err.children if (c.ns, c.local) == (ns, 'text')]
    if not texts:
        return f"{what} has no <text xmlns='{ns}' xml:lang='en'> saying what was wrong"
    text = texts[0]
    lang = text.attrs.get((NS_XML, 'lang'))
    if lang != 'en':
        return f"{what}: its <text> has xml:lang={lang!r}, not 'en'"
    if not ERROR_TEXT_RE.match(text.text):
        return (f"{what}: its <text> {text.text!r} does not begin with the section it follows, as in "
                f"'RFC 6120 §4.9.3.6: ...' or 'XEP-0191 §3.5: ...'")
    return None


# ---------------------------------------------------------------------------
# Expect blocks: parsing and matching

# XEP-0082 DateTime in UTC (XEP-0203 §3 and XEP-0202 §3 require UTC):
# CCYY-MM-DDThh:mm:ss[.sss]TZD with TZD 'Z' (or an offset of zero).
STAMP = (r'\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)'
         r'(?:\.\d+)?(?:Z|[+-]00:00)')
PLACEHOLDERS = {
    'any': r'.*',
    'unique': r'.+',
    'id': r'.+',
    'jid': r'[^@/\s]+@[^@/\s]+/.+',
    'base64': r'(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|=',
    'stamp': STAMP,
    'tzo': r'Z|[+-](?:0\d|1[0-4]):[0-5]\d',   # XEP-0082 TZD
    'ver': r'.+',
    'uint': r'0|[1-9][0-9]*',   # a non-negative integer (XEP-0012 seconds)
}
# {jid:NAME} / {bare:NAME}: the full / bare JID bound on connection NAME;
# {ver:NAME}, {id:NAME}: in an expect block, any non-empty value, remembered as
# NAME; in a send block, the value remembered (a roster version to ask from,
# the id of a push to acknowledge).
NAMED_PLACEHOLDERS = ('jid', 'bare', 'ver', 'id')
CAPTURES = ('ver', 'id')
PLACEHOLDER_RE = re.compile(r'\{([a-z0-9.\-]+)(?::([a-z][a-z0-9_\-]*))?\}')
SEND_VAR_RE = re.compile(r'\{(jid|bare|ver|id):([a-z][a-z0-9_\-]*)\}')
OPEN_CONTENT = '{...}'
ANY_ORDER = '{any-order}'   # as an element's content: its children, as listed, in any order
OPTIONAL = '{?}'   # at the start of an expected attribute value: the attribute may be absent


def known_placeholders():
    return (', '.join('{' + p + '}' for p in PLACEHOLDERS) + ', ' +
            ', '.join('{' + p + ':NAME}' for p in NAMED_PLACEHOLDERS) + f', {OPEN_CONTENT}, {ANY_ORDER}, {OPTIONAL}')


def check_placeholders(text, where):
    for m in PLACEHOLDER_RE.finditer(text.replace(OPEN_CONTENT, '').replace(OPTIONAL, '').replace(ANY_ORDER, '')):
        name, arg = m.groups()
        ok = name in NAMED_PLACEHOLDERS if arg else name in PLACEHOLDERS
        if not ok:
            raise ScenarioError(f'{where}: unknown placeholder {m.group(0)} (known: {known_placeholders()})')


def placeholder_refs(text):
    """The named placeholders a block uses: [(kind, NAME)] in order."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER_RE.finditer(text)
            if m.group(2) and m.group(1) in NAMED_PLACEHOLDERS]


def value_pattern(expected, ctx=None):
    """Compiles an expected attribute value or text into a regex; returns
    (regex, captures): one entry per group of the regex, 'unique' for a
    {unique} or (KIND, NAME) for a {ver:NAME} or {id:NAME}. ctx maps 'jid:NAME' and
    'bare:NAME' to the values they stand for."""
    parts = []
    pos = 0
    captures = []
    for m in PLACEHOLDER_RE.finditer(expected):
        parts.append(re.escape(expected[pos:m.start()]))
        name, arg = m.groups()
        if arg and name in ('jid', 'bare'):
            key = f'{name}:{arg}'
            if ctx is None or key not in ctx:
                raise Failure(f'{{{key}}}: connection {arg} has not bound a resource (a ```login {arg} or '
                              f'```bind {arg} block first)')
            parts.append(re.escape(ctx[key]))
        elif arg:  # {ver:NAME}, {id:NAME}
            parts.append('(' + PLACEHOLDERS[name] + ')')
            captures.append((name, arg))
        elif name == 'unique':
            parts.append('(' + PLACEHOLDERS[name] + ')')
            captures.append('unique')
        else:
            parts.append('(?:' + PLACEHOLDERS[name] + ')')
        pos = m.end()
    parts.append(re.escape(expected[pos:]))
    return re.compile(''.join(parts) + r'\Z', re.S), captures


def xml_attr_escape(value):
    return escape(value, {"'": '&apos;', '"': '&quot;'})


def substitute_send(text, ctx, where='send block'):
    """{jid:NAME}, {bare:NAME}, {ver:NAME} in a send block -> their values, escaped for XML."""
    def repl(m):
        key = f'{m.group(1)}:{m.group(2)}'
        if key not in ctx:
            what = 'no value was remembered as' if m.group(1) in CAPTURES else 'nothing was bound on connection'
            raise Failure(f'{where}: {{{key}}}: {what} {m.group(2)}')
        return xml_attr_escape(ctx[key])
    return SEND_VAR_RE.sub(repl, text)


STREAM_OPEN_RE = re.compile(r'<stream:stream\b((?:[^>"\']|"[^"]*"|\'[^\']*\')*)>')
STREAM_CLOSE_RE = re.compile(r'</stream:stream\s*>')
XML_DECL_RE = re.compile(r'<\?xml\s(?:[^?]|\?(?!>))*\?>')
CLOSE_MARK = '_conformance_close'


def parse_expect(text, where='expect block'):
    """Expect-block text -> list of Event ('open', 'element' or 'close').
    Elements are read as if inside a stream whose default namespace is
    jabber:client and whose `stream` prefix is the streams namespace."""
    check_placeholders(text, where)
    text = XML_DECL_RE.sub('', text)

    def open_repl(m):
        attrs = m.group(1)
        if attrs.rstrip().endswith('/'):
            return m.group(0)
        return '<stream:stream' + attrs + '/>'

    text = STREAM_OPEN_RE.sub(open_repl, text)
    text = STREAM_CLOSE_RE.sub(f'<{CLOSE_MARK}/>', text)
    doc = (f"<_wrap xmlns='{NS_CLIENT}' xmlns:stream='{NS_STREAMS}'>" + text + '</_wrap>').encode('utf-8')
    events = []
    stack = []
    pending_ns = {}
    p = xml.parsers.expat.ParserCreate(namespace_separator=' ')
    p.buffer_text = True

    def ns_decl(prefix, uri):
        pending_ns[prefix or ''] = uri or ''

    def start(name, attrs):
        ns, local = split_name(name)
        el = Element(ns, local, {split_name(k): v for k, v in attrs.items()}, dict(pending_ns))
        pending_ns.clear()
        for k, v in el.attrs.items():
            if OPTIONAL in v[len(OPTIONAL) if v.startswith(OPTIONAL) else 0:]:
                raise ScenarioError(f'{where}: <{local} {attr_name(k)}=...>: {OPTIONAL} may only start a value')
        if stack:
            stack[-1].children.append(el)
        stack.append(el)

    def end(name):
        el = stack.pop()
        if OPTIONAL in el.text:
            raise ScenarioError(f'{where}: <{el.local}>: {OPTIONAL} is for attribute values, not text')
        if OPEN_CONTENT in el.text:
            el.open_content = True
            el.text_parts = [el.text.replace(OPEN_CONTENT, '')]
        if ANY_ORDER in el.text:
            if el.open_content:
                raise ScenarioError(f'{where}: <{el.local}>: {OPEN_CONTENT} and {ANY_ORDER} do not go together')
            el.any_order = True
            el.text_parts = [el.text.replace(ANY_ORDER, '')]
            if el.text.strip():
                raise ScenarioError(f'{where}: <{el.local}>: {ANY_ORDER} is for child elements, not text')
        if len(stack) == 1:
            if el.local == CLOSE_MARK:
                events.append(Event('close'))
            elif el.ns == NS_STREAMS and el.local == 'stream':
                events.append(Event('open', el))
            else:
                events.append(Event('element', el))

    def chars(data):
        if len(stack) == 1:
            if data.strip():
                raise ScenarioError(f'{where}: text outside any element: {data.strip()!r}')
        elif stack:
            stack[-1].text_parts.append(data)

    p.StartNamespaceDeclHandler = ns_decl
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    try:
        p.Parse(doc, True)
    except xml.parsers.expat.ExpatError as e:
        raise ScenarioError(f'{where}: not XML: {e}') from None
    if not events:
        raise ScenarioError(f'{where}: expects nothing')
    return events


def attr_name(key):
    ns, local = key
    if ns == '':
        return local
    if ns == NS_XML:
        return 'xml:' + local
    return '{' + ns + '}' + local


STANZAS = {(NS_CLIENT, 'message'), (NS_CLIENT, 'presence'), (NS_CLIENT, 'iq')}


def tolerated_extra(exp, key, top):
    """Attributes a server may add that an expectation need not write
    (compared when it does): xml:lang on a stanza (RFC 6120 §8.1.5: the
    server SHOULD add the stream's language to a stanza that has none) and
    'by' on a stanza <error/> (RFC 6120 §8.3.2: OPTIONAL)."""
    if top and key == (NS_XML, 'lang') and (exp.ns, exp.local) in STANZAS:
        return True
    return key == ('', 'by') and (exp.ns, exp.local) == (NS_CLIENT, 'error')


class Matcher:
    """Compares a received event with an expected one. Values seen by {unique}
    are remembered for the whole run; values captured by {ver:NAME} go into
    the scenario's context (ctx) once the whole event has matched."""

    def __init__(self):
        self.seen_unique = set()

    def try_event(self, exp, act, ctx=None):
        """(None, found) if act matches exp, else (reason, None); nothing is
        remembered until commit(found, ctx)."""
        if exp.kind != act.kind:
            return f'expected {describe_kind(exp)}, received {describe_kind(act)}', None
        if exp.kind == 'close':
            return None, []
        found = []
        if exp.kind == 'open':
            want = {k: v for k, v in exp.element.nsdecls.items()}
            got = act.element.nsdecls
            if want != got:
                return (f'stream header namespace declarations differ: expected '
                        f'{fmt_decls(want)}, received {fmt_decls(got)}'), None
            # A header is a start tag: its name and attributes, no content.
            exp_el, act_el = Element(exp.element.ns, exp.element.local, exp.element.attrs), \
                Element(act.element.ns, act.element.local, act.element.attrs)
        else:
            exp_el, act_el = exp.element, act.element
        reason = self._match_element(exp_el, act_el, '', found, ctx, top=True)
        if reason:
            return reason, None
        for f in found:
            if f[0] == 'unique' and f[1] in self.seen_unique:
                return f'{{unique}} value {f[1]!r} was already used earlier in this run', None
        return None, found

    def commit(self, found, ctx=None):
        for f in found:
            if f[0] == 'unique':
                self.seen_unique.add(f[1])
            elif ctx is not None:
                ctx[f'{f[0]}:{f[1]}'] = f[2]

    def match_event(self, exp, act, ctx=None):
        """None if act matches exp (and what it captured is remembered), else a reason."""
        reason, found = self.try_event(exp, act, ctx)
        if reason is None:
            self.commit(found, ctx)
        return reason

    def _match_value(self, expected, actual, found, ctx):
        rx, captures = value_pattern(expected, ctx)
        m = rx.match(actual)
        if not m:
            return False
        for i, c in enumerate(captures):
            found.append(('unique', m.group(i + 1)) if c == 'unique' else (c[0], c[1], m.group(i + 1)))
        return True

    def _match_element(self, exp, act, path, found, ctx, top=False):
        here = f'{path}/{display_name(exp)}'
        if (exp.ns, exp.local) != (act.ns, act.local):
            return f'{path or "/"}: expected <{display_name(exp)}> ({exp.ns}), received <{display_name(act)}> ({act.ns})'
        for key, want in exp.attrs.items():
            optional = want.startswith(OPTIONAL)
            if optional:
                want = want[len(OPTIONAL):]
            if key not in act.attrs:
                if optional:
                    continue
                return f'{here}: attribute {attr_name(key)} missing (expected {want!r})'
            if not self._match_value(want, act.attrs[key], found, ctx):
                return (f'{here}: attribute {attr_name(key)} is {act.attrs[key]!r}, expected '
                        f'{"no such attribute or " if optional else ""}{show_expected(want, ctx)}')
        for key in act.attrs:
            if key not in exp.attrs and not tolerated_extra(exp, key, top):
                return f'{here}: unexpected attribute {attr_name(key)}={act.attrs[key]!r}'
        if exp.children or exp.open_content or exp.any_order:
            if not exp.open_content and act.text.strip():
                return f'{here}: unexpected text {act.text.strip()!r}'
            return self._match_children(exp, act, here, found, ctx)
        if act.children:
            return f'{here}: expected no child elements, received <{display_name(act.children[0])}>'
        if not self._match_value(exp.text, act.text, found, ctx):
            return f'{here}: text is {act.text!r}, expected {show_expected(exp.text, ctx)}'
        return None

    def _match_children(self, exp, act, here, found, ctx):
        if exp.any_order:
            return self._match_any_order(exp, act, here, found, ctx)
        if not exp.open_content:
            if len(exp.children) != len(act.children):
                names = ', '.join(f'<{display_name(c)}>' for c in act.children) or 'none'
                return f'{here}: expected {len(exp.children)} child element(s), received {len(act.children)}: {names}'
            for e, a in zip(exp.children, act.children):
                reason = self._match_element(e, a, here, found, ctx)
                if reason:
                    return reason
            return None
        # {...}: the expected children appear in this order, others may be between.
        i = 0
        for e in exp.children:
            same_name_reason = None
            while i < len(act.children):
                trial = []
                reason = self._match_element(e, act.children[i], here, trial, ctx)
                if reason is None:
                    i += 1
                    found.extend(trial)
                    break
                if (act.children[i].ns, act.children[i].local) == (e.ns, e.local):
                    same_name_reason = same_name_reason or reason
                i += 1
            else:
                if same_name_reason:
                    return same_name_reason
                names = ', '.join(f'<{display_name(c)}> ({c.ns})' for c in act.children) or 'none'
                return f'{here}: no child <{display_name(e)}> ({e.ns}) where expected; the children are: {names}'
        return None

    def _match_any_order(self, exp, act, here, found, ctx):
        """{any-order}: the same children, one to one, in any order."""
        n = len(exp.children)
        if n != len(act.children):
            names = ', '.join(f'<{display_name(c)}>' for c in act.children) or 'none'
            return f'{here}: expected {n} child element(s) in any order, received {len(act.children)}: {names}'
        table = []
        for e in exp.children:
            row = []
            for a in act.children:
                trial = []
                row.append((self._match_element(e, a, here, trial, ctx), trial))
            table.append(row)
        owner = [None] * n

        def augment(i, seen):
            for j in range(n):
                if table[i][j][0] is None and j not in seen:
                    seen.add(j)
                    if owner[j] is None or augment(owner[j], seen):
                        owner[j] = i
                        return True
            return False

        for i in range(n):
            augment(i, set())
        if all(o is not None for o in owner):
            for j, i in enumerate(owner):
                found.extend(table[i][j][1])
            return None
        extra = [render_line(act.children[j]) for j in range(n) if owner[j] is None]
        placed = set(owner)
        missing = [render_line(exp.children[i]) for i in range(n) if i not in placed]
        return (f'{here}: children differ (in any order): expected but not received: {", ".join(missing)}; '
                f'received but not expected: {", ".join(extra)}')

    def assign_unordered(self, expected, received, optional=(), ctx=None):
        """expect-unordered: assigns each received event to a distinct expected
        one that it matches. Returns (status, detail): ('complete', None) when
        every expected element not in `optional` has its event (what was
        captured is then remembered), ('partial', missing) when every event
        received so far has a place but some required ones have not come
        (missing: their indexes), ('impossible', reasons) otherwise."""
        n, m = len(expected), len(received)
        table = [[self.try_event(e, a, ctx) for a in received] for e in expected]
        required = [i for i in range(n) if i not in optional]
        owner = [None] * m
        used = [False] * n
        best = {'complete': None, 'partial': None}

        def search(j):
            if best['complete']:
                return
            if j == m:
                missing = [i for i in required if not used[i]]
                if not missing:
                    found = [f for jj in range(m) for f in table[owner[jj]][jj][1]]
                    values = [f[1] for f in found if f[0] == 'unique']
                    if len(values) == len(set(values)):
                        best['complete'] = found
                elif best['partial'] is None or len(missing) < len(best['partial']):
                    best['partial'] = missing
                return
            for i in range(n):
                if not used[i] and table[i][j][0] is None:
                    used[i] = True
                    owner[j] = i
                    search(j + 1)
                    used[i] = False

        search(0)
        if best['complete'] is not None:
            self.commit(best['complete'], ctx)
            return 'complete', None
        if best['partial'] is not None:
            return 'partial', best['partial']
        # The newest event is the one without a place (the others had one).
        j = m - 1
        ev = received[j]
        reasons = [f'received element {j + 1} (<{display_name(ev.element)}>) matches none of the expected '
                   f'elements still free (or a {{unique}} value repeats)']
        for i, e in enumerate(expected):
            if (e.element.ns, e.element.local) == (ev.element.ns, ev.element.local) and table[i][j][0]:
                reasons.append(f'  against expected element {i + 1}: {table[i][j][0]}')
        return 'impossible', reasons


def show_expected(want, ctx):
    """An expected value for a message: with what {jid:NAME} and {bare:NAME}
    stand for, when that differs."""
    resolved = PLACEHOLDER_RE.sub(
        lambda m: ctx.get(f'{m.group(1)}:{m.group(2)}', m.group(0))
        if ctx and m.group(2) and m.group(1) in ('jid', 'bare') else m.group(0), want)
    return repr(want) if resolved == want else f'{want!r} (= {resolved!r})'


def fmt_decls(decls):
    return ' '.join(f"xmlns{':' + p if p else ''}='{u}'" for p, u in sorted(decls.items())) or '(none)'


def display_name(el):
    return ('stream:' if el.ns == NS_STREAMS else '') + el.local


def describe_kind(ev):
    return {
        'open': 'a stream header', 'element': f'<{display_name(ev.element)}>' if ev.element else 'an element',
        'close': 'the closing </stream:stream>', 'eof': 'the connection closing' + (f' ({ev.detail})' if ev.detail else ''),
        'timeout': f'nothing ({ev.detail})', 'text': f'text {ev.detail!r}', 'malformed': f'malformed XML ({ev.detail})',
        'junk': f'bytes after the closing tag: {ev.detail!r}', 'restricted': f'restricted XML: {ev.detail}',
    }.get(ev.kind, ev.kind)


def render_element(el, parent_ns, indent, lines, decls=None):
    pad = '  ' * indent
    attrs = []
    if decls is not None:
        for p, u in sorted(decls.items()):
            attrs.append(f"xmlns{':' + p if p else ''}='{escape(u, {chr(39): '&apos;'})}'")
    elif el.ns != parent_ns and el.ns != NS_STREAMS:
        attrs.append(f"xmlns='{escape(el.ns, {chr(39): '&apos;'})}'")
    for key in sorted(el.attrs, key=attr_name):
        attrs.append(f"{attr_name(key)}='{escape(el.attrs[key], {chr(39): '&apos;'})}'")
    open_tag = '<' + display_name(el) + ''.join(' ' + a for a in attrs)
    child_ns = el.ns if el.ns != NS_STREAMS else parent_ns
    text = el.text
    if decls is not None:
        lines.append(pad + open_tag + '>')
        return
    if not el.children and not el.open_content and not el.any_order:
        if text == '':
            lines.append(pad + open_tag + '/>')
        else:
            lines.append(pad + open_tag + '>' + escape(text) + '</' + display_name(el) + '>')
        return
    lines.append(pad + open_tag + '>')
    if el.any_order:
        lines.append(pad + '  ' + ANY_ORDER)
    if text.strip():
        lines.append(pad + '  ' + escape(text.strip()))
    for c in el.children:
        render_element(c, child_ns, indent + 1, lines)
    if el.open_content:
        lines.append(pad + '  ' + OPEN_CONTENT)

    lines.append(pad + '</' + display_name(el) + '>')


def render_line(el):
    """An element on one line, for messages."""
    lines = []
    render_element(el, el.ns, 0, lines)
    return ' '.join(l.strip() for l in lines)


def render_event(ev):
    lines = []
    if ev.kind == 'open':
        render_element(ev.element, NS_CLIENT, 0, lines, decls=ev.element.nsdecls)
    elif ev.kind == 'element':
        render_element(ev.element, NS_CLIENT, 0, lines)
    elif ev.kind == 'close':
        lines.append('</stream:stream>')
    else:
        lines.append('(' + describe_kind(ev) + ')')
    return lines


def diff_events(expected, received):
    exp_lines = [l for ev in expected for l in render_event(ev)]
    act_lines = [l for ev in received for l in render_event(ev)]
    return '\n'.join(difflib.unified_diff(exp_lines, act_lines, 'expected', 'received', lineterm='', n=20))


# ---------------------------------------------------------------------------
# Send blocks

SEND_DIRECTIVE_RE = re.compile(r'\{(repeat|bytes):([^}]*)\}')


def expand_send(text, where='send block'):
    """Send-block text -> bytes: UTF-8, with {repeat:N:TEXT} and {bytes:HEX}."""
    out = bytearray()
    pos = 0
    for m in SEND_DIRECTIVE_RE.finditer(text):
        out += text[pos:m.start()].encode('utf-8')
        kind, arg = m.groups()
        if kind == 'repeat':
            count, sep, piece = arg.partition(':')
            if not sep or not count.isdigit() or not piece:
                raise ScenarioError(f'{where}: {{repeat:N:TEXT}} expected, got {m.group(0)!r}')
            out += piece.encode('utf-8') * int(count)
        else:
            try:
                out += bytes.fromhex(arg)
            except ValueError:
                raise ScenarioError(f'{where}: {{bytes:HEX}} expected, got {m.group(0)!r}') from None
        pos = m.end()
    out += text[pos:].encode('utf-8')
    return bytes(out)


# ---------------------------------------------------------------------------
# SCRAM (RFC 5802, RFC 7677), computed here

SCRAM_HASHES = {'SCRAM-SHA-1': 'sha1', 'SCRAM-SHA-256': 'sha256'}


def scram_escape_user(name):
    return name.replace('=', '=3D').replace(',', '=2C')


class ScramClient:
    def __init__(self, mechanism, user, password, nonce=None, cb_type=None, cb_data=b''):
        base = mechanism[:-5] if mechanism.endswith('-PLUS') else mechanism
        if base not in SCRAM_HASHES:
            raise ValueError(mechanism)
        self.hash = SCRAM_HASHES[base]
        self.user = user
        self.password = password
        self.nonce = nonce or base64.b64encode(secrets.token_bytes(18)).decode()
        if mechanism.endswith('-PLUS'):
            self.gs2 = f'p={cb_type},,'
            self.cb_data = cb_data
        else:
            # The client does not do channel binding here (RFC 5802 §6: "n").
            self.gs2 = 'n,,'
            self.cb_data = b''
        self.client_first_bare = f'n={scram_escape_user(user)},r={self.nonce}'
        self.server_signature = None

    def first(self):
        return (self.gs2 + self.client_first_bare).encode()

    def final(self, server_first):
        text = server_first.decode()
        fields = dict(part.split('=', 1) for part in text.split(',') if '=' in part)
        if 'm' in fields:
            raise Failure(f'server-first-message has a mandatory extension: {text!r}')
        for f in ('r', 's', 'i'):
            if f not in fields:
                raise Failure(f'server-first-message lacks {f}=: {text!r}')
        if not fields['r'].startswith(self.nonce) or len(fields['r']) == len(self.nonce):
            raise Failure(f'server nonce {fields["r"]!r} does not extend the client nonce {self.nonce!r} (RFC 5802 §5.1)')
        salt = base64.b64decode(fields['s'], validate=True)
        iterations = int(fields['i'])
        channel = base64.b64encode(self.gs2.encode() + self.cb_data).decode()
        without_proof = f'c={channel},r={fields["r"]}'
        auth_message = f'{self.client_first_bare},{text},{without_proof}'.encode()
        salted = hashlib.pbkdf2_hmac(self.hash, self.password.encode('utf-8'), salt, iterations)
        client_key = hmac.new(salted, b'Client Key', self.hash).digest()
        stored_key = hashlib.new(self.hash, client_key).digest()
        client_signature = hmac.new(stored_key, auth_message, self.hash).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, client_signature))
        server_key = hmac.new(salted, b'Server Key', self.hash).digest()
        self.server_signature = hmac.new(server_key, auth_message, self.hash).digest()
        return f'{without_proof},p={base64.b64encode(proof).decode()}'.encode()

    def verify(self, server_final):
        text = server_final.decode()
        if text.startswith('e='):
            raise Failure(f'server-final-message is an error: {text!r}')
        if not text.startswith('v='):
            raise Failure(f'server-final-message has no verifier: {text!r}')
        got = base64.b64decode(text[2:].split(',')[0], validate=True)
        if not hmac.compare_digest(got, self.server_signature):
            raise Failure('the server signature (v=) is wrong: the server does not know the password (RFC 5802 §3)')


# tls-server-end-point (RFC 5929 §4.1): the certificate's signature hash, with
# MD5 and SHA-1 replaced by SHA-256.
SIG_HASHES = {
    '1.2.840.10045.4.1': 'sha256', '1.2.840.10045.4.3.1': 'sha224', '1.2.840.10045.4.3.2': 'sha256',
    '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
    '1.2.840.113549.1.1.4': 'sha256', '1.2.840.113549.1.1.5': 'sha256', '1.2.840.113549.1.1.11': 'sha256',
    '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512', '1.2.840.113549.1.1.14': 'sha224',
}


def der_read(data, pos):
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7f
        length = int.from_bytes(data[pos:pos + n], 'big')
        pos += n
    return tag, data[pos:pos + length], pos + length


def der_oid(body):
    first = body[0]
    arcs = [first // 40 if first < 80 else 2, first % 40 if first < 80 else first - 80]
    value = 0
    for b in body[1:]:
        value = (value << 7) | (b & 0x7f)
        if not b & 0x80:
            arcs.append(value)
            value = 0
    return '.'.join(map(str, arcs))


def cert_signature_hash(der):
    tag, cert, _ = der_read(der, 0)
    _, _, pos = der_read(cert, 0)            # tbsCertificate
    _, alg, _ = der_read(cert, pos)          # signatureAlgorithm
    tag, oid, _ = der_read(alg, 0)
    oid = der_oid(oid)
    if oid not in SIG_HASHES:
        raise Failure(f'tls-server-end-point: unknown certificate signature algorithm {oid}')
    return SIG_HASHES[oid]


def tls_server_end_point(der):
    return hashlib.new(cert_signature_hash(der), der).digest()


# ---------------------------------------------------------------------------
# Scenario documents

BLOCK_KINDS = {'send', 'expect', 'expect-unordered', 'expect-one-of', 'silence', 'discard', 'closed', 'tls', 'open',
               'starttls', 'sasl-plain', 'sasl-scram-sha-1', 'sasl-scram-sha-256', 'sasl-scram-sha-1-plus',
               'sasl-scram-sha-256-plus', 'bind', 'login', 'close', 'disconnect', 'reconnect'}
CONNECT_KINDS = {'starttls', 'direct-tls'}
DEFAULT_CONN = 'default'   # the connection of blocks that name none
CONN_NAME_RE = re.compile(r'^[a-z][a-z0-9_\-]*$')
ALTERNATIVE_RE = re.compile(r'^--- or ---$', re.M)   # separates the alternatives of ```expect-one-of
SILENCE_TIMEOUT = 0.5
MAYBE = 'maybe'   # in an expect-unordered block: <maybe>ELEMENT</maybe> may arrive or not
BLOCK_OPTIONS = {'timeout', 'alpn'}


class Block:
    def __init__(self, kind, options, body, line, conn=DEFAULT_CONN):
        self.kind = kind
        self.options = options
        self.body = body
        self.line = line
        self.conn = conn      # the connection's name
        self.events = None    # parsed expect / expect-unordered block
        self.alternatives = None  # expect-one-of: a list of event lists
        self.optional = None  # expect-unordered: indexes of the <maybe> elements
        self.data = None      # expanded send block (when it uses no {jid:}/{bare:}/{ver:})

    @property
    def where(self):
        return f'{self.line} ```{self.kind}' + ('' if self.conn == DEFAULT_CONN else ' ' + self.conn)


class Scenario:
    def __init__(self, name, title, path):
        self.name = name
        self.title = title
        self.path = path
        self.requirements = []
        self.config = {}
        self.connect = 'starttls'
        self.blocks = []

    @property
    def citation(self):
        return ', '.join(format_requirement(r) for r in self.requirements)


def slug(text):
    text = text.replace('→', ' ').lower()
    return re.sub(r'[^a-z0-9]+', '-', text).strip('-')


FENCE_RE = re.compile(r'^```(.*)$')
REQ_LINE_RE = re.compile(r'^Requirements?:\s*(.+)$')
CONFIG_LINE_RE = re.compile(r'^Config:\s*([a-z_]+\.[a-z_]+)\s*=\s*(.+?)\s*;?\s*$')
CONNECT_LINE_RE = re.compile(r'^Connect:\s*(\S+)\s*$')


def parse_document(text, path='(string)'):
    """A scenario document -> list of Scenario. `# Title` names the topic; each
    `## Heading` starts a scenario (a document without one is one scenario).
    Requirement/Config/Connect lines before the first `##` apply to all."""
    stem = os.path.splitext(os.path.basename(path))[0]
    lines = text.split('\n')
    topic = None
    preamble = Scenario(stem, None, path)
    scenarios = []
    current = None
    i = 0
    while i < len(lines):
        line = lines[i]
        where = f'{path}:{i + 1}'
        fence = FENCE_RE.match(line)
        if fence:
            info = fence.group(1).split()
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith('```'):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ScenarioError(f'{where}: unterminated ``` block')
            if not info or info[0] not in BLOCK_KINDS:
                raise ScenarioError(f'{where}: unknown block ```{" ".join(info)} (known: {", ".join(sorted(BLOCK_KINDS))})')
            if current is None:
                if topic is None:
                    raise ScenarioError(f'{where}: a block before the # title')
                current = Scenario(stem, topic, path)
                inherit(current, preamble)
                scenarios.append(current)
            options = {}
            conn = None
            for opt in info[1:]:
                k, sep, v = opt.partition('=')
                if not sep:
                    if conn is not None:
                        raise ScenarioError(f'{where}: block names two connections ({conn}, {opt}); '
                                            f'options are key=value')
                    if not CONN_NAME_RE.match(opt):
                        raise ScenarioError(f'{where}: connection name {opt!r} is not [a-z][a-z0-9_-]*')
                    conn = opt
                    continue
                options[k] = v
            block = Block(info[0], options, '\n'.join(body), where, conn or DEFAULT_CONN)
            prepare_block(block)
            current.blocks.append(block)
            i += 1
            continue
        if line.startswith('# '):
            if topic is not None:
                raise ScenarioError(f'{where}: a second # title')
            topic = line[2:].strip()
            preamble.title = topic
        elif line.startswith('## '):
            title = line[3:].strip()
            current = Scenario(f'{stem}/{slug(title)}', title, path)
            inherit(current, preamble)
            scenarios.append(current)
        else:
            target = current if current is not None else preamble
            m = REQ_LINE_RE.match(line)
            if m:
                for req in re.split(r'[,\s]+', m.group(1).strip()):
                    if req:
                        format_requirement(req)
                        if req not in target.requirements:
                            target.requirements.append(req)
            m = CONFIG_LINE_RE.match(line)
            if m:
                target.config[m.group(1)] = m.group(2)
            m = CONNECT_LINE_RE.match(line)
            if m:
                if m.group(1) not in CONNECT_KINDS:
                    raise ScenarioError(f'{where}: Connect: {m.group(1)} (known: {", ".join(sorted(CONNECT_KINDS))})')
                target.connect = m.group(1)
        i += 1
    if topic is None:
        raise ScenarioError(f'{path}: no # title')
    names = set()
    for s in scenarios:
        check_references(s)
        if not s.requirements:
            raise ScenarioError(f'{path}: scenario {s.title!r} names no Requirement')
        if not s.blocks:
            raise ScenarioError(f'{path}: scenario {s.title!r} has no blocks')
        if s.name in names:
            raise ScenarioError(f'{path}: two scenarios named {s.name}')
        names.add(s.name)
    return scenarios


def inherit(scenario, preamble):
    scenario.requirements = list(preamble.requirements)
    scenario.config = dict(preamble.config)
    scenario.connect = preamble.connect


def prepare_block(block):
    where = block.where
    if block.kind in ('expect', 'expect-unordered', 'discard'):
        block.events = parse_expect(block.body, where)
        if block.kind != 'expect' and any(ev.kind != 'element' for ev in block.events):
            raise ScenarioError(f'{where}: lists elements only (no stream header or closing tag)')
        if block.kind == 'expect-unordered':
            # <maybe>ELEMENT</maybe>: an element that may arrive (once) or not.
            block.optional = set()
            for i, ev in enumerate(block.events):
                if (ev.element.ns, ev.element.local) == (NS_CLIENT, MAYBE):
                    if len(ev.element.children) != 1 or ev.element.attrs or ev.element.text.strip():
                        raise ScenarioError(f'{where}: <{MAYBE}> holds exactly one element')
                    block.events[i] = Event('element', ev.element.children[0])
                    block.optional.add(i)
            if len(block.optional) == len(block.events):
                raise ScenarioError(f'{where}: every element is <{MAYBE}>: expect at least one for sure')
    elif block.kind == 'expect-one-of':
        parts = ALTERNATIVE_RE.split(block.body)
        if len(parts) < 2:
            raise ScenarioError(f'{where}: two alternatives at least, separated by a line `--- or ---`')
        block.alternatives = [parse_expect(part, f'{where} (alternative {i + 1})') for i, part in enumerate(parts)]
    elif block.kind == 'send':
        check_placeholders(''.join(m.group(0) for m in SEND_VAR_RE.finditer(block.body)), where)
        if SEND_VAR_RE.search(block.body):
            # Checked now with stand-in values; expanded when played.
            expand_send(SEND_VAR_RE.sub('x', block.body), where)
        else:
            block.data = expand_send(block.body, where)
    elif block.kind.startswith('sasl-'):
        words = block.body.split()
        if len(words) not in (2, 4) or (len(words) == 4 and words[2] != 'failure:'):
            raise ScenarioError(f'{where}: body is `USER PASSWORD` optionally followed by `failure: CONDITION`')
    elif block.kind == 'bind':
        if len(block.body.split('\n')) > 1:
            raise ScenarioError(f'{where}: body is one resource (or empty)')
    elif block.kind == 'login':
        if len(block.body.split()) not in (2, 3) or len(block.body.strip().split('\n')) > 1:
            raise ScenarioError(f'{where}: body is `ACCOUNT PASSWORD` optionally followed by `RESOURCE`, on one line')
    elif block.body.strip():
        raise ScenarioError(f'{where}: this block takes no body')
    for k in block.options:
        if k not in BLOCK_OPTIONS:
            raise ScenarioError(f'{where}: unknown option {k}')
    if 'timeout' in block.options:
        try:
            float(block.options['timeout'])
        except ValueError:
            raise ScenarioError(f'{where}: timeout={block.options["timeout"]} is not a number') from None


def check_references(scenario):
    """Every {jid:NAME} / {bare:NAME} follows a ```login NAME or ```bind NAME,
    and every {ver:NAME} or {id:NAME} in a send block follows an expectation
    that captures it."""
    bound = set()
    versions = set()
    for block in scenario.blocks:
        for kind, name in placeholder_refs(block.body):
            if kind in ('jid', 'bare') and name not in bound:
                raise ScenarioError(f'{block.where}: {{{kind}:{name}}} before any ```login {name} or ```bind '
                                    f'{name} block')
            if kind in CAPTURES and block.kind == 'send' and (kind, name) not in versions:
                raise ScenarioError(f'{block.where}: {{{kind}:{name}}} is sent before an expectation remembers it')
        if block.kind.startswith('expect') or block.kind == 'discard':
            versions.update((kind, name) for kind, name in placeholder_refs(block.body) if kind in CAPTURES)
        if block.kind in ('login', 'bind'):
            bound.add(block.conn)


def load_scenarios(directory):
    scenarios = []
    errors = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith('.md'):
            continue
        path = os.path.join(directory, name)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        try:
            scenarios.extend(parse_document(text, os.path.relpath(path, REPO)))
        except ScenarioError as e:
            errors.append((name, str(e)))
    return scenarios, errors


def selected(scenario, pattern):
    if pattern is None:
        return True
    p = pattern.lower()
    hay = [scenario.name.lower()] + [r.lower() for r in scenario.requirements]
    if any(c in p for c in '*?['):
        return any(fnmatch.fnmatch(h, p) for h in hay)
    return any(p in h for h in hay)


# ---------------------------------------------------------------------------
# A client connection

def show_bytes(data):
    return data.decode('utf-8', 'backslashreplace')


class Conn:
    """One TCP connection with its own XML reader, TLS and transcript. `name`
    labels its lines when a scenario has several connections."""

    def __init__(self, port, env, verbose, name=DEFAULT_CONN):
        self.env = env
        self.verbose = verbose
        self.name = name
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=DEFAULT_TIMEOUT)
        self.reader = StreamReader()
        self.eof = None
        self.tls = False
        self.transcript = []

    def log(self, who, text):
        label = who if self.name == DEFAULT_CONN else f'{who} {self.name}'
        self.transcript.append(f'{label}: {text}')
        if self.verbose:
            print(f'    {label}: {text}', flush=True)

    def unread(self, events):
        """Puts events back, to be read again first (in the same order)."""
        for ev in reversed(events):
            if ev.kind not in ('timeout', 'eof'):
                self.reader.events.appendleft(ev)

    def abort(self):
        """Drops the connection at once, as a lost network link does: a TCP
        reset, no closing tag, no TLS close_notify."""
        self.log('C', '(connection dropped: TCP reset)')
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        except OSError:
            pass
        self.close()

    def send(self, data):
        self.log('C', show_bytes(data))
        try:
            self.sock.sendall(data)
        except (OSError, ssl.SSLError) as e:
            raise Failure(f'could not send ({e}); the server had closed the connection. It had sent: '
                          + '; '.join(describe_kind(ev) for ev in self.drain())) from None

    def drain(self):
        events = []
        while True:
            ev = self.next_event(0.5)
            events.append(ev)
            if ev.kind in ('eof', 'timeout'):
                return events

    def _read(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return False
        except ssl.SSLError as e:
            self.eof = f'TLS error: {e}'
            self.log('S', f'(TLS error: {e})')
            return True
        except ConnectionResetError:
            self.eof = 'reset'
            self.log('S', '(connection reset)')
            return True
        if not data:
            self.eof = 'closed'
            self.log('S', '(connection closed)')
            return True
        self.log('S', show_bytes(data))
        self.reader.feed(data)
        return True

    def next_event(self, timeout):
        deadline = time.monotonic() + timeout
        while not self.reader.events:
            if self.eof:
                return Event('eof', detail='' if self.eof == 'closed' else self.eof)
            if not self._read(deadline):
                return Event('timeout', detail=f'within {timeout:g} s')
        return self.reader.events.popleft()

    def start_tls(self, alpn=None):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(self.env.cert)
        ctx.check_hostname = True
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if alpn:
            ctx.set_alpn_protocols([alpn])
        self.log('C', f'(TLS handshake, SNI {DOMAIN}' + (f', ALPN {alpn}' if alpn else '') + ')')
        if self.reader.events:
            raise Failure('the server sent more before the TLS handshake: '
                          + '; '.join(describe_kind(ev) for ev in self.reader.events))
        self.sock.settimeout(DEFAULT_TIMEOUT)
        try:
            self.sock = ctx.wrap_socket(self.sock, server_hostname=DOMAIN)
        except (ssl.SSLError, OSError) as e:
            raise Failure(f'TLS handshake failed: {e}') from None
        self.tls = True
        self.log('S', f'(TLS up: {self.sock.version()}, {self.sock.cipher()[0]}, ALPN '
                      f'{self.sock.selected_alpn_protocol()})')
        self.reader.restart()

    def channel_binding(self):
        """(type, data) for SCRAM -PLUS: tls-exporter when Python has it, else
        tls-server-end-point from the server's certificate."""
        if 'tls-exporter' in getattr(ssl, 'CHANNEL_BINDING_TYPES', []):
            return 'tls-exporter', self.sock.get_channel_binding('tls-exporter')
        return 'tls-server-end-point', tls_server_end_point(self.sock.getpeercert(binary_form=True))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# ---------------------------------------------------------------------------
# Playing a scenario

class Session:
    """The client side of one named connection: its Conn and what the
    negotiation established on it."""

    def __init__(self, name, conn):
        self.name = name
        self.conn = conn
        self.features = None   # the last <stream:features>
        self.user = None       # the authenticated account
        self.done = None       # where the connection was closed (close, closed, disconnect)


class Player:
    """Plays one scenario: its blocks in order, each on the connection it
    names (opened at its first use). ctx holds the values placeholders refer
    to: 'jid:NAME', 'bare:NAME' (bound JIDs) and 'ver:NAME' (captured)."""

    # Every error the server sends must cite its section (error_text_problem);
    # against_prosody.py turns this off: the check is about xmppd, not the documents.
    check_error_texts = True

    def __init__(self, scenario, env, matcher, verbose):
        self.s = scenario
        self.env = env
        self.matcher = matcher
        self.verbose = verbose
        self.sessions = {}
        self.cur = None
        self.ctx = {}
        self.routed_errors = sent_errors(scenario)
        self.checked = {}   # StreamReader -> how many of its elements check_errors() has seen

    @property
    def conn(self):
        return self.cur.conn if self.cur else None

    @property
    def features(self):
        return self.cur.features

    def connect(self, name):
        port = self.env.ports['direct-tls' if self.s.connect == 'direct-tls' else 'starttls']
        try:
            conn = Conn(port, self.env, self.verbose, name)
        except OSError as e:
            raise Failure(f'cannot connect to 127.0.0.1:{port}: {e}') from None
        session = Session(name, conn)
        self.sessions[name] = session
        if self.s.connect == 'direct-tls':
            conn.start_tls(alpn=ALPN_CLIENT)
            got = conn.sock.selected_alpn_protocol()
            if got != ALPN_CLIENT:
                raise Failure(f'ALPN: the server selected {got!r}, expected {ALPN_CLIENT!r} (XEP-0368 §3)')
        return session

    def session_for(self, block):
        session = self.sessions.get(block.conn)
        if session is None:
            return self.connect(block.conn)
        if session.done:
            if block.kind in ('login', 'open', 'reconnect'):
                session.conn.close()
                return self.connect(block.conn)
            raise Failure(f'connection {block.conn} was closed at {session.done}; only a ```login or ```open '
                          f'block starts a new one')
        return session

    def run(self):
        try:
            for block in self.s.blocks:
                try:
                    self.cur = self.session_for(block)
                    getattr(self, 'do_' + block.kind.replace('-', '_'))(block)
                    self.check_errors()
                except Failure as e:
                    raise Failure(f'at {block.where}: {e}') from None
        finally:
            for session in self.sessions.values():
                session.conn.close()

    def check_errors(self):
        """The global check of error texts over every element received so far
        on every connection (whether or not a block looked at it)."""
        if not self.check_error_texts:
            return
        problems = []
        for session in self.sessions.values():
            reader = session.conn.reader
            start = self.checked.get(reader, 0)
            self.checked[reader] = len(reader.elements)
            for el in reader.elements[start:]:
                problem = error_text_problem(el, self.routed_errors)
                if problem:
                    problems.append(f'connection {session.name}: {problem}')
        if problems:
            raise Failure('every error the server sends carries a <text xml:lang=\'en\'> citing the section it '
                          'follows (conformance/README.md, "Error texts"):\n' + '\n'.join(problems))

    def transcripts(self, lines=6):
        """The last lines on the wire of every connection (for a failure report)."""
        out = []
        for session in self.sessions.values():
            out.extend(session.conn.transcript[-lines:])
        return out

    # -- primitives --

    def timeout(self, block, default=DEFAULT_TIMEOUT):
        return float(block.options.get('timeout', default)) if block else default

    def expect_events(self, expected, timeout=DEFAULT_TIMEOUT):
        received = []
        for exp in expected:
            act = self.conn.next_event(timeout)
            received.append(act)
            reason = self.matcher.match_event(exp, act, self.ctx)
            if reason:
                # Show what else had already arrived, for context.
                while self.conn.reader.events:
                    received.append(self.conn.reader.events.popleft())
                raise Failure(reason + '\n' + diff_events(expected, received))
        return received

    def expect_text(self, text, timeout=DEFAULT_TIMEOUT):
        return self.expect_events(parse_expect(text, 'built-in expectation'), timeout)

    def note_features(self, received):
        for ev in received:
            if ev.kind == 'element' and ev.element.ns == NS_STREAMS and ev.element.local == 'features':
                self.cur.features = ev.element

    def do_send(self, block):
        data = block.data
        if data is None:
            data = expand_send(substitute_send(block.body, self.ctx, block.where), block.where)
        self.conn.send(data)

    def do_expect(self, block):
        self.note_features(self.expect_events(block.events, self.timeout(block)))

    def do_expect_unordered(self, block):
        timeout = self.timeout(block)
        received = []
        optional = block.optional or set()
        while True:
            ev = self.conn.next_event(timeout)
            received.append(ev)
            if ev.kind != 'element':
                status, detail = self.matcher.assign_unordered(block.events, received[:-1], optional, self.ctx)
                missing = detail if status == 'partial' else range(len(block.events))
                names = ', '.join(f'<{display_name(block.events[i].element)}> (element {i + 1})' for i in missing)
                reasons = [f'received {describe_kind(ev)} after {len(received) - 1} element(s); still expected '
                           f'(in any order): {names}']
                break
            if len(received) > len(block.events):
                reasons = [f'received more elements than the {len(block.events)} listed']
                break
            status, detail = self.matcher.assign_unordered(block.events, received, optional, self.ctx)
            if status == 'complete':
                return
            if status == 'impossible':
                reasons = detail
                break
        while self.conn.reader.events:
            received.append(self.conn.reader.events.popleft())
        raise Failure('\n'.join(reasons) + '\n' + diff_events(block.events, received))

    def do_expect_one_of(self, block):
        timeout = self.timeout(block)
        buffered = []
        reasons = []
        for n, alternative in enumerate(block.alternatives, 1):
            found = []
            reason = None
            for i, exp in enumerate(alternative):
                if i == len(buffered):
                    buffered.append(self.conn.next_event(timeout))
                reason, got = self.matcher.try_event(exp, buffered[i], self.ctx)
                if reason:
                    reasons.append(f'alternative {n}, element {i + 1}: {reason}')
                    break
                found.extend(got)
            if reason is None:
                self.matcher.commit(found, self.ctx)
                self.conn.unread(buffered[len(alternative):])
                self.note_features(buffered[:len(alternative)])
                return
        while self.conn.reader.events:
            buffered.append(self.conn.reader.events.popleft())
        diffs = '\n'.join(f'alternative {n}:\n' + diff_events(alt, buffered)
                          for n, alt in enumerate(block.alternatives, 1))
        raise Failure('none of the alternatives matches:\n' + '\n'.join(reasons) + '\n' + diffs)

    def do_silence(self, block):
        timeout = self.timeout(block, SILENCE_TIMEOUT)
        ev = self.conn.next_event(timeout)
        if ev.kind != 'timeout':
            lines = render_event(ev)
            raise Failure(f'expected nothing on connection {block.conn} for {timeout:g} s, received '
                          f'{describe_kind(ev)}:\n' + '\n'.join('  ' + l for l in lines))

    def do_discard(self, block):
        """For the whole timeout, reads what arrives: each element must match one
        of the listed ones (any number of times, none included) and is dropped."""
        timeout = self.timeout(block, SILENCE_TIMEOUT)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ev = self.conn.next_event(left)
            if ev.kind == 'timeout':
                return
            reasons = []
            for exp in block.events:
                reason = self.matcher.match_event(exp, ev, self.ctx)
                if reason is None:
                    break
                reasons.append(reason)
            else:
                raise Failure(f'received {describe_kind(ev)}, which is none of the elements that may arrive here:\n'
                              + '\n'.join(reasons) + '\n' + diff_events(block.events, [ev]))

    def do_closed(self, block):
        ev = self.conn.next_event(self.timeout(block))
        if ev.kind != 'eof':
            raise Failure(f'expected the server to close the connection, received {describe_kind(ev)}')
        self.cur.done = block.where

    def do_disconnect(self, block):
        self.conn.abort()
        self.cur.done = block.where

    def do_reconnect(self, block):
        # A new connection from the same address (for limits kept per address);
        # the old socket is closed as it is: end its stream first (```close```).
        # session_for() has already opened it when the old one was done.
        if self.cur.done is not None or self.cur.features is not None:
            self.cur.conn.close()
            self.cur = self.connect(block.conn)

    def do_tls(self, block):
        alpn = block.options.get('alpn')
        self.conn.start_tls(alpn=alpn)
        selected = self.conn.sock.selected_alpn_protocol()
        if alpn and selected != alpn:
            raise Failure(f'ALPN: the server selected {selected!r}, expected {alpn!r}')

    # -- macros --

    def do_open(self, block=None):
        self.conn.send(CLIENT_HEADER.encode())
        received = self.expect_text(
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
            "id='{unique}' from='example.com' version='1.0' xml:lang='{any}'>"
            "<stream:features>{...}</stream:features>")
        self.cur.features = received[1].element

    def do_starttls(self, block):
        self.conn.send(f"<starttls xmlns='{NS_TLS}'/>".encode())
        self.expect_text(f"<proceed xmlns='{NS_TLS}'/>")
        self.conn.start_tls()

    def sasl_args(self, block):
        words = block.body.split()
        user, password = words[0], words[1]
        failure = words[3] if len(words) == 4 else None
        return user, password, failure

    def check_offered(self, mechanism):
        # A client uses only what the last features offered (RFC 6120 §6.4.2).
        mechanisms = self.features.find(NS_SASL, 'mechanisms') if self.features is not None else None
        offered = [m.text for m in mechanisms.children] if mechanisms is not None else []
        if mechanism not in offered:
            raise Failure(f'{mechanism} is not among the mechanisms the last <stream:features> offered: '
                          f'{", ".join(offered) or "none"}')

    def sasl_done(self, user, failure):
        if not failure:
            self.cur.user = user

    def expect_failure(self, condition):
        self.expect_text(f"<failure xmlns='{NS_SASL}'><{condition}/>{{...}}</failure>")

    def do_sasl_plain(self, block):
        user, password, failure = self.sasl_args(block)
        self.check_offered('PLAIN')
        payload = base64.b64encode(b'\0' + user.encode() + b'\0' + password.encode()).decode()
        self.conn.send(f"<auth xmlns='{NS_SASL}' mechanism='PLAIN'>{payload}</auth>".encode())
        if failure:
            self.expect_failure(failure)
        else:
            self.expect_text(f"<success xmlns='{NS_SASL}'/>")
        self.sasl_done(user, failure)

    def scram(self, mechanism, user, password, failure=None):
        self.check_offered(mechanism)
        cb_type, cb_data = (None, b'')
        if mechanism.endswith('-PLUS'):
            if not self.conn.tls:
                raise Failure(f'{mechanism} needs TLS')
            cb_type, cb_data = self.conn.channel_binding()
        client = ScramClient(mechanism, user, password, cb_type=cb_type, cb_data=cb_data)
        first = base64.b64encode(client.first()).decode()
        self.conn.send(f"<auth xmlns='{NS_SASL}' mechanism='{mechanism}'>{first}</auth>".encode())
        received = self.expect_text(f"<challenge xmlns='{NS_SASL}'>{{base64}}</challenge>")
        server_first = base64.b64decode(received[0].element.text)
        final = base64.b64encode(client.final(server_first)).decode()
        self.conn.send(f"<response xmlns='{NS_SASL}'>{final}</response>".encode())
        if failure:
            self.expect_failure(failure)
        else:
            received = self.expect_text(f"<success xmlns='{NS_SASL}'>{{base64}}</success>")
            client.verify(base64.b64decode(received[0].element.text))
        self.sasl_done(user, failure)

    def do_sasl_scram_sha_1(self, block):
        self.scram('SCRAM-SHA-1', *self.sasl_args(block))

    def do_sasl_scram_sha_256(self, block):
        self.scram('SCRAM-SHA-256', *self.sasl_args(block))

    def do_sasl_scram_sha_1_plus(self, block):
        self.scram('SCRAM-SHA-1-PLUS', *self.sasl_args(block))

    def do_sasl_scram_sha_256_plus(self, block):
        self.scram('SCRAM-SHA-256-PLUS', *self.sasl_args(block))

    def bind(self, resource):
        if self.cur.user is None:
            raise Failure('```bind needs an authenticated stream (a sasl block first)')
        inner = f'<resource>{escape(resource)}</resource>' if resource else ''
        self.conn.send(f"<iq type='set' id='bind_1'><bind xmlns='{NS_BIND}'>{inner}</bind></iq>".encode())
        jid = f'{self.cur.user}@{DOMAIN}/' + (escape(resource) if resource else '{unique}')
        received = self.expect_text(
            f"<iq type='result' id='bind_1'><bind xmlns='{NS_BIND}'><jid>{jid}</jid></bind></iq>")
        full = received[0].element.find(NS_BIND, 'bind').find(NS_BIND, 'jid').text
        self.ctx[f'jid:{self.cur.name}'] = full
        self.ctx[f'bare:{self.cur.name}'] = full.split('/', 1)[0]

    def do_bind(self, block):
        self.bind(block.body.strip())

    def do_login(self, block):
        """open, starttls (unless TLS is already up), open, SCRAM-SHA-256, open, bind."""
        words = block.body.split()
        account, password = words[0], words[1]
        resource = words[2] if len(words) == 3 else ''
        if not self.conn.tls:
            self.do_open()
            self.do_starttls(block)
        self.do_open()
        self.scram('SCRAM-SHA-256', account, password)
        self.do_open()
        self.bind(resource)

    def do_close(self, block):
        # Stanzas already on their way may still arrive before the server's
        # closing tag (RFC 6120 §4.4): skip them, nothing else.
        self.conn.send(b'</stream:stream>')
        while True:
            ev = self.conn.next_event(self.timeout(block))
            if ev.kind == 'element' and ev.element.ns == NS_CLIENT and \
                    ev.element.local in ('message', 'presence', 'iq'):
                continue
            reason = self.matcher.match_event(Event('close'), ev)
            if reason:
                raise Failure(reason + '\n' + diff_events([Event('close')], [ev]))
            break
        self.do_closed(block)


# ---------------------------------------------------------------------------
# The server under test

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def config_text(env, overrides):
    groups = {
        'server': {'domain': f'"{DOMAIN}"', 'data_dir': f'"{env.data_dir}"'},
        'tls': {'certificate': f'"{env.cert}"', 'key': f'"{env.key}"'},
        'c2s': {'addresses': '[ "127.0.0.1" ]', 'port': str(env.ports['starttls']),
                'direct_tls': 'true', 'direct_tls_port': str(env.ports['direct-tls'])},
        # Many scenarios fail a login on purpose, all from 127.0.0.1.
        'sasl': {'throttle_failures': '1000000'},
        'limits': {'read_bytes_per_second': '1048576'},
        'log': {'level': '"debug"'},
    }
    for key, value in overrides.items():
        group, name = key.split('.', 1)
        groups.setdefault(group, {})[name] = value
    out = ['# written by conformance/run.py']
    for group, settings in groups.items():
        out.append(f'{group} = {{')
        out.extend(f'  {k} = {v};' for k, v in settings.items())
        out.append('};')
    return '\n'.join(out) + '\n'


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.data_dir = os.path.join(tmp, 'data')
        # The accounts' database as xmppctl left it: copied over data_dir
        # before every server start, so each scenario starts from it.
        self.seed_dir = os.path.join(tmp, 'seed')
        self.cert = os.path.join(tmp, 'tls', DOMAIN + '.crt')
        self.key = os.path.join(tmp, 'tls', DOMAIN + '.key')
        self.ports = {}


class Server:
    def __init__(self, args, env, overrides, label):
        self.args = args
        self.env = env
        self.label = label
        self.dir = os.path.join(env.tmp, 'config-' + label)
        os.makedirs(self.dir, exist_ok=True)
        self.conf = os.path.join(self.dir, 'xmppd.conf')
        with open(self.conf, 'w') as f:
            f.write(config_text(env, overrides))
        self.log_path = os.path.join(self.dir, 'xmppd.log')
        self.proc = None
        self.log_file = None

    def start(self):
        self.log_file = open(self.log_path, 'ab')
        self.proc = subprocess.Popen([self.args.server, '--config', self.conf], stdin=subprocess.DEVNULL,
                                     stdout=self.log_file, stderr=subprocess.STDOUT, cwd=self.env.tmp)
        deadline = time.monotonic() + 10
        pending = list(self.env.ports.values())
        while pending:
            if self.proc.poll() is not None:
                raise RuntimeError(f'xmppd exited with status {self.proc.returncode} before listening:\n'
                                   + self.log_tail(0))
            try:
                socket.create_connection(('127.0.0.1', pending[0]), timeout=0.5).close()
                pending.pop(0)
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f'xmppd is not listening on 127.0.0.1:{pending[0]} after 10 s:\n'
                                       + self.log_tail(0))
                time.sleep(0.005)
        time.sleep(0.02)  # let the probe connections' log lines land before the scenario

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_tail(self, offset, max_lines=40):
        try:
            with open(self.log_path, 'rb') as f:
                f.seek(offset)
                lines = f.read().decode('utf-8', 'replace').splitlines()
        except OSError:
            return ''
        if len(lines) > max_lines:
            lines = [f'... ({len(lines) - max_lines} earlier lines)'] + lines[-max_lines:]
        return '\n'.join('      | ' + l for l in lines)

    def stop(self):
        """SIGTERM; None if it exited 0 within 5 s, else what went wrong."""
        if self.proc is None:
            return 'not started'
        problem = None
        if self.proc.poll() is not None:
            problem = f'had already exited with status {self.proc.returncode}'
        else:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=5)
                if rc != 0:
                    problem = f'exited with status {rc} on SIGTERM'
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                problem = 'did not exit within 5 s of SIGTERM'
        self.log_file.close()
        self.proc = None
        return problem


def fresh_data_dir(env):
    """data_dir := a copy of the seed (the accounts and nothing else): no
    roster, offline message, vCard or registration of an earlier scenario,
    and no stale SQLite -wal/-shm file beside the copy."""
    shutil.rmtree(env.data_dir, ignore_errors=True)
    shutil.copytree(env.seed_dir, env.data_dir)


def make_seed(args, env):
    """Creates the accounts once, with xmppctl, and keeps the database as the seed."""
    shutil.rmtree(env.data_dir, ignore_errors=True)
    os.makedirs(env.data_dir)
    base = Server(args, env, {}, 'accounts')
    for user, password in ACCOUNTS.items():
        run_command([args.ctl, '--config', base.conf, 'adduser', user], password + '\n')
    shutil.rmtree(env.seed_dir, ignore_errors=True)
    os.rename(env.data_dir, env.seed_dir)


def scenario_table(scenarios):
    rows = ['| scenario | requirements |', '|---|---|']
    for s in scenarios:
        rows.append(f'| `{s.name}` | {", ".join(s.requirements)} |')
    return '\n'.join(rows)


def run_command(cmd, stdin_text=None):
    r = subprocess.run(cmd, input=stdin_text, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f'{" ".join(cmd)} failed with status {r.returncode}:\n{r.stdout}{r.stderr}')
    return r


def main(argv=None):
    ap = argparse.ArgumentParser(description='Run the conformance scenarios against xmppd.')
    ap.add_argument('--server', default=os.path.join(REPO, 'build', 'release', 'xmppd'))
    ap.add_argument('--ctl', default=os.path.join(REPO, 'build', 'release', 'xmppctl'))
    ap.add_argument('-k', dest='pattern', help='run only scenarios whose name or requirement ID contains '
                    'PATTERN (or matches it as a glob)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary directory (configs, logs)')
    ap.add_argument('--verbose', action='store_true', help='print every byte sent and received')
    ap.add_argument('--list', action='store_true', help='list the scenarios and their requirement IDs (a '
                    'Markdown table, as in conformance/README.md) without running anything')
    ap.add_argument('--scenarios', default=os.path.join(HERE, 'scenarios'), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    scenarios, errors = load_scenarios(args.scenarios)
    if args.list:
        print(scenario_table([s for s in scenarios if selected(s, args.pattern)]))
        for name, err in errors:
            print(f'{name}: {err}', file=sys.stderr)
        return 1 if errors else 0
    passed = failed = 0
    for name, err in errors:
        print(f'FAIL {name} (scenario document)\n    {err}')
        failed += 1
    chosen = [s for s in scenarios if selected(s, args.pattern)]
    if not chosen and not errors:
        print(f'no scenario matches {args.pattern!r}')
        print('0 passed, 0 failed')
        return 1
    for tool in (args.server, args.ctl):
        if not os.access(tool, os.X_OK):
            print(f'{tool} is missing: build it with `make` (or pass --server/--ctl)')
            print(f'0 passed, {len(chosen) + failed} failed')
            return 1

    tmp = tempfile.mkdtemp(prefix='xmppd-conformance-')
    env = Env(tmp)
    server = None
    env.ports = {'starttls': free_port(), 'direct-tls': free_port()}
    while env.ports['direct-tls'] == env.ports['starttls']:
        env.ports['direct-tls'] = free_port()
    try:
        run_command(['sh', os.path.join(REPO, 'tools', 'gen-cert.sh'), DOMAIN, os.path.join(tmp, 'tls')])
        make_seed(args, env)
        # One configuration file per distinct set of Config: lines; the server
        # is started afresh, on a fresh copy of the database, for every scenario.
        groups = {}
        for s in chosen:
            groups.setdefault(tuple(sorted(s.config.items())), []).append(s)
        matcher = Matcher()
        for n, (key, members) in enumerate(groups.items()):
            label = 'default' if not key else '-'.join(f'{k}={v}' for k, v in key)
            server = Server(args, env, dict(key), f'{n}')
            desc = 'default configuration' if not key else ', '.join(f'{k} = {v}' for k, v in key)
            runs = 0
            shutdown_failed = False
            for s in members:
                fresh_data_dir(env)
                try:
                    server.start()
                except RuntimeError as e:
                    print(f'FAIL {s.name} ({s.citation})\n    server did not start ({desc}): {e}')
                    failed += 1
                    continue
                runs += 1
                offset = server.log_size()
                if args.verbose:
                    print(f'---- {s.name} ({desc})', flush=True)
                player = Player(s, env, matcher, args.verbose)
                try:
                    player.run()
                    print(f'PASS {s.name} ({s.citation})', flush=True)
                    passed += 1
                except Failure as e:
                    detail = '\n'.join('    ' + l for l in str(e).splitlines())
                    print(f'FAIL {s.name} ({s.citation})\n{detail}', flush=True)
                    if not args.verbose:
                        last = player.transcripts()
                        if last:
                            print('    last bytes on the wire:\n' + '\n'.join(
                                '      ' + (l if len(l) <= 300 else l[:300] + '...').replace('\n', '\n        ')
                                for l in last))
                    time.sleep(0.1)
                    tail = server.log_tail(offset, 15)
                    if tail:
                        print('    server log during the scenario:\n' + tail)
                    if not server.alive():
                        print(f'    the server died (status {server.proc.returncode})')
                    failed += 1
                problem = server.stop()
                if problem:
                    print(f'FAIL server-shutdown[{label}] after {s.name} (SIGTERM: exit status 0 within 5 s)\n'
                          f'    xmppd {problem}\n' + server.log_tail(offset, 15))
                    failed += 1
                    shutdown_failed = True
            if runs and not shutdown_failed:
                print(f'PASS server-shutdown[{label}] (SIGTERM: exit status 0 within 5 s, {runs} '
                      f'start{"s" if runs > 1 else ""})')
                passed += 1
    except RuntimeError as e:
        print(f'FAIL setup\n    {e}')
        failed += 1
    finally:
        # Whatever stopped the run (an interrupt, a closed output pipe), the
        # server it started does not outlive it.
        if server is not None and server.alive():
            server.proc.kill()
            server.proc.wait()
        if args.keep:
            print(f'kept {tmp}')
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f'{passed} passed, {failed} failed')
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
