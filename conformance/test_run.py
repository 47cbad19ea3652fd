#!/usr/bin/env python3
"""conformance/test_run.py - unit tests of the runner's own parsing and
arithmetic (no server needed): scenario documents, expect blocks, the matcher
and its diffs, the incremental reader of the server's output (at every chunk
size), send-block expansion, SCRAM against the RFC vectors, and the
tls-server-end-point hash choice.

Run: python3 conformance/test_run.py   (or python3 -m unittest discover conformance)
"""
import base64
import hashlib
import hmac
import os
import socket
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

HEADER = ("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
          "id='abc' from='example.com' version='1.0' xml:lang='en'>")


class RequirementIds(unittest.TestCase):
    def test_format(self):
        self.assertEqual(run.format_requirement('RFC6120-4.9.3.6'), 'RFC 6120 §4.9.3.6')
        self.assertEqual(run.format_requirement('RFC-6120-4.7'), 'RFC 6120 §4.7')
        self.assertEqual(run.format_requirement('XEP0368-3'), 'XEP-0368 §3')
        self.assertEqual(run.format_requirement('RFC6121-A.3.3'), 'RFC 6121 §A.3.3')
        self.assertEqual(run.format_requirement('RFC6120-4.9.3.6-a'), 'RFC 6120 §4.9.3.6 (a)')
        self.assertEqual(run.format_requirement('RFC6121-A.2.1-ab'), 'RFC 6121 §A.2.1 (ab)')

    def test_bad(self):
        for bad in ('RFC6120', 'RFC6120-', 'rfc6120-4.1', 'XEP-0368', 'RFC6120-4..1', 'ISO9001-1', 'RFC6121-AB.1',
                    'RFC6121-a.1'):
            with self.assertRaises(run.ScenarioError, msg=bad):
                run.format_requirement(bad)


DOC = """# Topic

Intro prose.

Requirement: RFC6120-4.4
Config: limits.negotiation_timeout = 2

## First thing → works

Requirement: RFC6120-4.9.3.6, RFC6120-4.9.1.2

```send
<a/>
<b/>
```

```expect timeout=3
<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='{unique}'>
<stream:features>{...}</stream:features>
</stream:stream>
```

```closed
```

## Second

Connect: direct-tls
Config: tls.require = false;

```sasl-scram-sha-256
juliet r0m30myr0m30
failure: not-authorized
```
"""


class Documents(unittest.TestCase):
    def test_parse(self):
        scenarios = run.parse_document(DOC, 'conformance/scenarios/topic.md')
        self.assertEqual([s.name for s in scenarios], ['topic/first-thing-works', 'topic/second'])
        first, second = scenarios
        self.assertEqual(first.requirements, ['RFC6120-4.4', 'RFC6120-4.9.3.6', 'RFC6120-4.9.1.2'])
        self.assertEqual(first.citation, 'RFC 6120 §4.4, RFC 6120 §4.9.3.6, RFC 6120 §4.9.1.2')
        self.assertEqual(first.config, {'limits.negotiation_timeout': '2'})
        self.assertEqual(first.connect, 'starttls')
        self.assertEqual([b.kind for b in first.blocks], ['send', 'expect', 'closed'])
        self.assertEqual(first.blocks[0].data, b'<a/>\n<b/>')
        self.assertEqual(first.blocks[1].options, {'timeout': '3'})
        self.assertEqual([e.kind for e in first.blocks[1].events], ['open', 'element', 'close'])
        self.assertEqual(second.config, {'limits.negotiation_timeout': '2', 'tls.require': 'false'})
        self.assertEqual(second.connect, 'direct-tls')
        self.assertEqual(second.requirements, ['RFC6120-4.4'])

    def test_single_scenario_document(self):
        doc = "# Just one\n\nRequirement: RFC6120-4.4\n\n```close\n```\n"
        [s] = run.parse_document(doc, 'x/one.md')
        self.assertEqual(s.name, 'one')
        self.assertEqual(s.title, 'Just one')

    def check_error(self, doc, fragment):
        with self.assertRaises(run.ScenarioError) as cm:
            run.parse_document(doc, 'x/bad.md')
        self.assertIn(fragment, str(cm.exception))

    def test_errors(self):
        self.check_error("## No title\n\nRequirement: RFC6120-4.4\n```close\n```\n", 'no # title')
        self.check_error("# T\n\n## S\n\n```close\n```\n", 'names no Requirement')
        self.check_error("# T\n\n## S\n\nRequirement: RFC6120-4.4\n", 'has no blocks')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```xml\n<a/>\n```\n", 'unknown block')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```send\n<a/>\n", 'unterminated')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```expect\n<a x='{bogus}'/>\n```\n",
                         'unknown placeholder')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```expect\n<a>\n```\n", 'not XML')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```expect\ntext\n```\n", 'text outside')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```expect wait=3\n<a/>\n```\n", 'unknown option')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```sasl-plain\njuliet\n```\n", 'USER PASSWORD')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\nConnect: carrier-pigeon\n```close\n```\n",
                         'Connect')
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```reconnect\nnow\n```\n", 'takes no body')
        self.check_error("# T\n\n## S\n\nRequirement: RFC6120-4.4\n```close\n```\n## S\n\n"
                         "Requirement: RFC6120-4.4\n```close\n```\n", 'two scenarios')

    def test_selection(self):
        [s, _] = run.parse_document(DOC, 'conformance/scenarios/topic.md')
        self.assertTrue(run.selected(s, None))
        self.assertTrue(run.selected(s, 'first'))
        self.assertTrue(run.selected(s, 'RFC6120-4.9.3.6'))
        self.assertTrue(run.selected(s, 'topic/*works'))
        self.assertFalse(run.selected(s, 'second'))

    def test_readme_lists_every_scenario(self):
        here = os.path.dirname(os.path.abspath(__file__))
        scenarios, _ = run.load_scenarios(os.path.join(here, 'scenarios'))
        with open(os.path.join(here, 'README.md'), encoding='utf-8') as f:
            readme = f.read()
        self.assertIn(run.scenario_table(scenarios), readme,
                      'conformance/README.md: replace the table with `python3 conformance/run.py --list`')

    def test_repository_scenarios_parse(self):
        scenarios, errors = run.load_scenarios(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scenarios'))
        self.assertEqual(errors, [])
        self.assertGreater(len(scenarios), 40)
        self.assertEqual(len({s.name for s in scenarios}), len(scenarios))


def element_event(text):
    [ev] = run.parse_expect(text)
    return ev


def received(data, chunk=None):
    reader = run.StreamReader()
    chunk = chunk or len(data)
    for i in range(0, len(data), chunk):
        reader.feed(data[i:i + chunk])
    return list(reader.events)


class Matching(unittest.TestCase):
    def setUp(self):
        self.m = run.Matcher()

    def match(self, expected_text, received_bytes):
        exp = run.parse_expect(expected_text)
        act = received(received_bytes)
        self.assertEqual(len(exp), len(act), act)
        for e, a in zip(exp, act):
            reason = self.m.match_event(e, a)
            if reason:
                return reason
        return None

    def test_header_and_features(self):
        expected = (HEADER.replace("id='abc'", "id='{unique}'") +
                    "<stream:features>{...}</stream:features>")
        got = (b"<?xml version='1.0'?>" + HEADER.encode() +
               b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
               b"</stream:features>")
        self.assertIsNone(self.match(expected, got))
        # The same id again is not {unique}.
        self.assertIn('already used', self.match(expected, got))

    def test_header_attributes_are_exact(self):
        self.assertIn("unexpected attribute to='x'",
                      self.match(HEADER, HEADER.replace("id='abc'", "id='abc' to='x'").encode()))
        self.assertIn('attribute version missing',
                      self.match(HEADER, HEADER.replace(" version='1.0'", '').encode()))
        self.assertIn('namespace declarations differ',
                      self.match(HEADER, HEADER.replace('jabber:client', 'jabber:server').encode()))

    def test_prefixes_do_not_matter_namespaces_do(self):
        exp = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><aborted/></failure>"
        reason = self.match(HEADER + exp, HEADER.encode() +
                            b"<s:failure xmlns:s='urn:ietf:params:xml:ns:xmpp-sasl'><s:aborted/></s:failure>")
        self.assertIsNone(reason)
        reason = self.match(HEADER + exp, HEADER.encode() + b"<failure xmlns='urn:x'><aborted/></failure>")
        self.assertIn('expected <failure>', reason)

    def test_open_content(self):
        exp = HEADER + ("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>{...}"
                        "</stream:error>")
        with_text = (HEADER + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                     "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>why</text></stream:error>").encode()
        without = (HEADER + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                   "</stream:error>").encode()
        other = (HEADER + "<stream:error><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>why</text>"
                 "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>").encode()
        self.assertIsNone(self.match(exp, with_text))
        self.assertIsNone(self.match(exp, without))
        self.assertIn('host-unknown', self.match(exp, other))
        # Without {...} the extra <text/> is a difference.
        strict = exp.replace('{...}', '')
        self.assertIn('expected 1 child element(s), received 2', self.match(strict, with_text))

    def test_text_and_placeholders(self):
        exp = HEADER + "<iq type='result' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>{jid}</jid></bind></iq>"
        ok = (HEADER + "<iq type='result' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
              "<jid>juliet@example.com/balcony</jid></bind></iq>").encode()
        bare = ok.replace(b'/balcony', b'')
        self.assertIsNone(self.match(exp, ok))
        self.assertIn("text is 'juliet@example.com'", self.match(exp, bare))
        exp = HEADER + "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{base64}</challenge>"
        good = (HEADER + "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1hYmM=</challenge>").encode()
        empty = (HEADER + "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>=</challenge>").encode()
        bad = (HEADER + "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>!!</challenge>").encode()
        self.assertIsNone(self.match(exp, good))
        self.assertIsNone(self.match(exp, empty))
        self.assertIsNotNone(self.match(exp, bad))
        # Literal text around a placeholder must match too.
        rx, captures = run.value_pattern('juliet@example.com/{unique}')
        self.assertEqual(captures, ['unique'])
        self.assertTrue(rx.match('juliet@example.com/x1'))
        self.assertFalse(rx.match('juliet@example.com/'))
        self.assertFalse(rx.match('romeo@example.com/x1'))
        self.assertFalse(run.value_pattern('a')[0].match('ab'))  # anchored at the end too

    def test_kinds_and_diff(self):
        exp = run.parse_expect("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        act = [run.Event('eof')]
        reason = self.m.match_event(exp[0], act[0])
        self.assertIn('the connection closing', reason)
        diff = run.diff_events(exp, act)
        self.assertIn("-<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", diff)
        self.assertIn('+(the connection closing)', diff)

    def test_close_event(self):
        self.assertIsNone(self.match(HEADER + '</stream:stream>', (HEADER + '</stream:stream>').encode()))


SERVER_TRANSCRIPT = (
    b"<?xml version='1.0'?>" + HEADER.encode() +
    b"<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
    b"</mechanisms></stream:features>"
    b"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1hYmM=</success>" +
    # a new document: the XML layer must restart after <success/>
    HEADER.replace("'abc'", "'def'").encode() +
    b"<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"
    b"<iq type='result' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>a@b/c</jid></bind></iq>"
    b"\n </stream:stream>")


class Reader(unittest.TestCase):
    def summary(self, events):
        out = []
        for ev in events:
            if ev.kind == 'open':
                out.append(('open', ev.element.attrs[('', 'id')]))
            elif ev.kind == 'element':
                out.append(('element', ev.element.local, ev.element.text,
                            [c.local for c in ev.element.children]))
            else:
                out.append((ev.kind,))
        return out

    def test_every_chunk_size(self):
        whole = self.summary(received(SERVER_TRANSCRIPT))
        self.assertEqual(whole, [
            ('open', 'abc'), ('element', 'features', '', ['mechanisms']),
            ('element', 'success', 'dj1hYmM=', []),
            ('open', 'def'), ('element', 'features', '', ['bind']), ('element', 'iq', '', ['bind']),
            ('close',)])
        for chunk in range(1, len(SERVER_TRANSCRIPT) + 1):
            self.assertEqual(self.summary(received(SERVER_TRANSCRIPT, chunk)), whole, f'chunk size {chunk}')

    def test_header_holds_no_children(self):
        [opened, features] = received(HEADER.encode() + b"<stream:features/>")
        self.assertEqual(opened.element.children, [])

    def test_junk_after_close(self):
        events = received(HEADER.encode() + b"</stream:stream><message/>")
        self.assertEqual([e.kind for e in events], ['open', 'close', 'junk'])
        events = received(HEADER.encode() + b"</stream:stream>  \n")
        self.assertEqual([e.kind for e in events], ['open', 'close'])

    def test_malformed_and_restricted(self):
        events = received(HEADER.encode() + b"<a></b>")
        self.assertEqual([e.kind for e in events], ['open', 'malformed'])
        events = received(HEADER.encode() + b"<!-- x --><?pi y?>hello<a/>")
        self.assertEqual([e.kind for e in events], ['open', 'restricted', 'restricted', 'text', 'element'])


class Sending(unittest.TestCase):
    def test_expand(self):
        self.assertEqual(run.expand_send('<a>{repeat:3:xy}</a>'), b'<a>xyxyxy</a>')
        self.assertEqual(run.expand_send('{bytes:c3 28}<a/>'), b'\xc3\x28<a/>')
        self.assertEqual(run.expand_send('<b>é</b>'), '<b>é</b>'.encode())
        self.assertEqual(run.expand_send('{other} stays'), b'{other} stays')
        for bad in ('{repeat:x:y}', '{repeat:3}', '{bytes:zz}'):
            with self.assertRaises(run.ScenarioError):
                run.expand_send(bad)


class Scram(unittest.TestCase):
    def test_rfc7677_vector(self):
        c = run.ScramClient('SCRAM-SHA-256', 'user', 'pencil', nonce='rOprNGfwEbeRWgbNEkqO')
        self.assertEqual(c.first(), b'n,,n=user,r=rOprNGfwEbeRWgbNEkqO')
        final = c.final(b'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096')
        self.assertEqual(final, b'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,'
                                b'p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=')
        c.verify(b'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')
        with self.assertRaises(run.Failure):
            c.verify(b'v=' + base64.b64encode(b'\0' * 32))

    def test_rfc5802_vector(self):
        c = run.ScramClient('SCRAM-SHA-1', 'user', 'pencil', nonce='fyko+d2lbbFgONRv9qkxdawL')
        final = c.final(b'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096')
        self.assertEqual(final, b'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=')
        c.verify(b'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')

    def test_plus_and_escaping(self):
        c = run.ScramClient('SCRAM-SHA-256-PLUS', 'a=b,c', 'pw', nonce='n', cb_type='tls-server-end-point',
                            cb_data=b'\x01\x02')
        self.assertEqual(c.first(), b'p=tls-server-end-point,,n=a=3Db=2Cc,r=n')
        final = c.final(b'r=nS,s=' + base64.b64encode(b'salt') + b',i=4096')
        channel = base64.b64encode(b'p=tls-server-end-point,,\x01\x02')
        self.assertTrue(final.startswith(b'c=' + channel + b',r=nS,p='))

    def test_server_nonce_must_extend_ours(self):
        c = run.ScramClient('SCRAM-SHA-256', 'user', 'pencil', nonce='abc')
        with self.assertRaises(run.Failure):
            c.final(b'r=xyz,s=c2FsdA==,i=4096')
        with self.assertRaises(run.Failure):
            c.final(b'r=abc,s=c2FsdA==,i=4096')


def der(tag, body):
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    length = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([tag, 0x80 | len(length)]) + length + body


class EndPoint(unittest.TestCase):
    def cert(self, oid_bytes, tbs_size=10):
        tbs = der(0x30, b'\x02\x01\x00' * tbs_size)
        alg = der(0x30, der(0x06, oid_bytes))
        return der(0x30, tbs + alg + der(0x03, b'\x00sig'))

    def test_hash_choice(self):
        ecdsa_sha256 = bytes.fromhex('2a8648ce3d040302')
        ecdsa_sha384 = bytes.fromhex('2a8648ce3d040303')
        rsa_sha1 = bytes.fromhex('2a864886f70d010105')
        self.assertEqual(run.cert_signature_hash(self.cert(ecdsa_sha256)), 'sha256')
        self.assertEqual(run.cert_signature_hash(self.cert(ecdsa_sha384, 60)), 'sha384')
        # RFC 5929 §4.1: SHA-1 (and MD5) are replaced by SHA-256.
        self.assertEqual(run.cert_signature_hash(self.cert(rsa_sha1)), 'sha256')
        c = self.cert(ecdsa_sha256)
        self.assertEqual(run.tls_server_end_point(c), hashlib.sha256(c).digest())
        with self.assertRaises(run.Failure):
            run.cert_signature_hash(self.cert(bytes.fromhex('2b0601')))


MULTI_DOC = """# Multi

Requirement: RFC6121-2.1.3

## Two clients

```login romeo
romeo j8l13tsb4lc0ny orchard
```

```login juliet timeout=2
juliet r0m30myr0m30
```

```send romeo
<message to='{bare:juliet}'/>
```

```expect-unordered juliet
<presence from='{jid:romeo}'/>
<message from='{jid:romeo}' to='{bare:juliet}'/>
```

```expect-one-of juliet
<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='{ver:v1}'/></iq>
--- or ---
<iq type='result' id='r1'/>
<iq type='set' id='{id}'/>
```

```send juliet
<iq type='get' id='r2'><query xmlns='jabber:iq:roster' ver='{ver:v1}'/></iq>
```

```silence romeo timeout=0.2
```

```disconnect romeo
```
"""


class MultiDocuments(unittest.TestCase):
    def test_named_blocks(self):
        [sc] = run.parse_document(MULTI_DOC, 'x/multi.md')
        kinds = [(b.kind, b.conn) for b in sc.blocks]
        self.assertEqual(kinds, [('login', 'romeo'), ('login', 'juliet'), ('send', 'romeo'),
                                 ('expect-unordered', 'juliet'), ('expect-one-of', 'juliet'), ('send', 'juliet'),
                                 ('silence', 'romeo'), ('disconnect', 'romeo')])
        self.assertEqual(sc.blocks[1].options, {'timeout': '2'})
        self.assertEqual(len(sc.blocks[3].events), 2)
        self.assertEqual([len(a) for a in sc.blocks[4].alternatives], [1, 2])
        self.assertIsNone(sc.blocks[2].data)  # expanded when played: it uses {bare:juliet}
        self.assertIn('```send romeo', sc.blocks[2].where)
        [old] = run.parse_document("# T\n\nRequirement: RFC6120-4.4\n\n```close\n```\n", 'x/t.md')
        self.assertEqual(old.blocks[0].conn, run.DEFAULT_CONN)

    def check_error(self, body, fragment):
        doc = "# T\n\n## S\n\nRequirement: RFC6121-2.1.3\n\n" + body
        with self.assertRaises(run.ScenarioError) as cm:
            run.parse_document(doc, 'x/bad.md')
        self.assertIn(fragment, str(cm.exception))

    def test_errors(self):
        self.check_error("```send romeo juliet\n<a/>\n```\n", 'names two connections')
        self.check_error("```send Romeo\n<a/>\n```\n", 'connection name')
        self.check_error("```login romeo\nromeo\n```\n", 'ACCOUNT PASSWORD')
        self.check_error("```login romeo\nromeo pw res extra\n```\n", 'ACCOUNT PASSWORD')
        self.check_error("```silence romeo\n<a/>\n```\n", 'takes no body')
        self.check_error("```expect-unordered\n</stream:stream>\n```\n", 'elements only')
        self.check_error("```expect-one-of\n<a/>\n```\n", 'two alternatives')
        self.check_error("```expect-one-of\n<a/>\n--- or ---\n<b>\n```\n", 'alternative 2')
        self.check_error("```send\n<a to='{jid:romeo}'/>\n```\n", 'before any ```login romeo')
        self.check_error("```login romeo\nromeo pw\n```\n```send\n<a ver='{ver:v9}'/>\n```\n",
                         'before an expectation remembers it')
        self.check_error("```expect\n<a to='{bare:romeo}'/>\n```\n", 'before any ```login romeo')
        self.check_error("```send\n<iq id='{id:p}'/>\n```\n", 'is sent before an expectation remembers it')
        self.check_error("```expect\n<a x='{foo:bar}'/>\n```\n", 'unknown placeholder {foo:bar}')
        self.check_error("```expect\n<a x='{bare}'/>\n```\n", 'unknown placeholder {bare}')
        self.check_error("```expect\n<a x='a{?}'/>\n```\n", 'may only start a value')
        self.check_error("```expect\n<a>{?}x</a>\n```\n", 'not text')
        # A bind on a named connection binds that name.
        run.parse_document("# T\n\n## S\n\nRequirement: RFC6121-2.1.3\n\n```bind nurse\nbalcony\n```\n"
                           "```send\n<a to='{jid:nurse}'/>\n```\n", 'x/ok.md')


class Placeholders(unittest.TestCase):
    def setUp(self):
        self.m = run.Matcher()

    def match(self, expected, got, ctx=None):
        [exp] = run.parse_expect(expected)
        [act] = received(HEADER.encode() + got.encode())[1:]
        return self.m.match_event(exp, act, ctx)

    def test_stamp(self):
        rx = run.value_pattern('{stamp}')[0]
        for good in ('2026-11-24T10:00:00Z', '2002-09-10T23:08:25.123Z', '2002-09-10T23:08:25.123456Z',
                     '2026-11-24T10:00:00+00:00', '2026-12-31T23:59:60Z'):
            self.assertTrue(rx.match(good), good)
        for bad in ('2026-11-24 10:00:00Z', '2026-11-24T10:00:00', '2026-13-24T10:00:00Z', '2026-11-24T24:00:00Z',
                    '2026-11-24T10:00:00+02:00', '2026-11-24T10:00Z', '20261124T100000Z', ''):
            self.assertFalse(rx.match(bad), bad)
        rx = run.value_pattern('{tzo}')[0]
        for good in ('Z', '+00:00', '-06:00', '+05:30', '+14:00'):
            self.assertTrue(rx.match(good), good)
        for bad in ('', 'UTC', '+5:30', '-0600', '+15:00'):
            self.assertFalse(rx.match(bad), bad)

    def test_uint(self):
        rx = run.value_pattern('{uint}')[0]
        for good in ('0', '7', '123456'):
            self.assertTrue(rx.match(good), good)
        for bad in ('', '-1', '01', '1.5', ' 3'):
            self.assertFalse(rx.match(bad), bad)

    def test_id_and_ver_are_not_empty(self):
        self.assertIsNone(self.match("<iq id='{id}'/>", "<iq id='push7'/>"))
        self.assertIn("attribute id is ''", self.match("<iq id='{id}'/>", "<iq id=''/>"))
        self.assertIsNone(self.match("<query ver='{ver}'/>", "<query ver='v1'/>"))
        self.assertIsNotNone(self.match("<query ver='{ver}'/>", "<query ver=''/>"))

    def test_ver_is_remembered_and_sent(self):
        ctx = {}
        self.assertIsNone(self.match("<query xmlns='jabber:iq:roster' ver='{ver:v1}'/>",
                                     "<query xmlns='jabber:iq:roster' ver=\"a'b\"/>", ctx))
        self.assertEqual(ctx, {'ver:v1': "a'b"})
        self.assertEqual(run.substitute_send("<query ver='{ver:v1}'/>", ctx), "<query ver='a&apos;b'/>")
        # Not remembered when the element as a whole does not match.
        self.assertIsNotNone(self.match("<query ver='{ver:v2}'><item/></query>", "<query ver='x'/>", ctx))
        self.assertNotIn('ver:v2', ctx)
        with self.assertRaises(run.Failure):
            run.substitute_send("<query ver='{ver:v2}'/>", ctx)
        self.assertIsNone(self.match("<iq type='set' id='{id:push}'/>", "<iq type='set' id='p&amp;1'/>", ctx))
        self.assertEqual(run.substitute_send("<iq type='result' id='{id:push}'/>", ctx), "<iq type='result' id='p&amp;1'/>")

    def test_jid_and_bare(self):
        ctx = {'jid:romeo': 'romeo@example.com/a&b', 'bare:romeo': 'romeo@example.com'}
        self.assertEqual(run.substitute_send("<m to='{jid:romeo}'>{bare:romeo} {other}</m>", ctx),
                         "<m to='romeo@example.com/a&amp;b'>romeo@example.com {other}</m>")
        self.assertIsNone(self.match("<m from='{jid:romeo}'>{bare:romeo}</m>",
                                     "<m from='romeo@example.com/a&amp;b'>romeo@example.com</m>", ctx))
        self.assertIn("attribute from is 'romeo@example.com/x'",
                      self.match("<m from='{jid:romeo}'/>", "<m from='romeo@example.com/x'/>", ctx))
        # Regex characters in the value are literal.
        ctx['bare:dot'] = 'a.b@example.com'
        self.assertIsNotNone(self.match("<m from='{bare:dot}'/>", "<m from='axb@example.com'/>", ctx))
        with self.assertRaises(run.Failure):
            self.match("<m from='{jid:nobody}'/>", "<m from='x'/>", ctx)

    def test_optional_attribute(self):
        exp = "<iq type='result' id='r' to='{?}{jid:juliet}' from='{?}{bare:juliet}'/>"
        ctx = {'jid:juliet': 'juliet@example.com/b', 'bare:juliet': 'juliet@example.com'}
        self.assertIsNone(self.match(exp, "<iq type='result' id='r'/>", ctx))
        self.assertIsNone(self.match(exp, "<iq type='result' id='r' to='juliet@example.com/b'/>", ctx))
        self.assertIsNone(self.match(exp, "<iq type='result' id='r' from='juliet@example.com'/>", ctx))
        self.assertIn("attribute from is 'example.com', expected no such attribute or '{bare:juliet}' "
                      "(= 'juliet@example.com')",
                      self.match(exp, "<iq type='result' id='r' from='example.com'/>", ctx))
        self.assertIn('unexpected attribute x', self.match(exp, "<iq type='result' id='r' x='1'/>", ctx))

    def test_any_order(self):
        exp = ("<query xmlns='http://jabber.org/protocol/disco#info'>{any-order}<identity category='server' type='im'/>"
               "<feature var='a'/><feature var='b'/></query>")
        got = ("<query xmlns='http://jabber.org/protocol/disco#info'><feature var='b'/>"
               "<identity category='server' type='im'/><feature var='a'/></query>")
        self.assertIsNone(self.match(exp, got))
        self.assertIn("expected but not received: <feature var='a'/>; received but not expected: <feature var='c'/>",
                      self.match(exp, got.replace("var='a'", "var='c'")))
        self.assertIn('expected 3 child element(s) in any order, received 4',
                      self.match(exp, got.replace('</query>', "<feature var='c'/></query>")))
        with self.assertRaises(run.ScenarioError):
            run.parse_expect("<a>{any-order}{...}<b/></a>")

    def test_tolerated_attributes(self):
        # xml:lang on a stanza (RFC 6120 §8.1.5), 'by' on a stanza error (§8.3.2) ...
        self.assertIsNone(self.match("<message to='a@b'/>", "<message to='a@b' xml:lang='en'/>"))
        err = ("<iq type='error' id='e'><error type='cancel'>"
               "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")
        self.assertIsNone(self.match(err, err.replace("<error ", "<error by='example.com' ")))
        # ... but compared when written, and nowhere else.
        self.assertIn("xml:lang is 'de'",
                      self.match("<message xml:lang='en'/>", "<message xml:lang='de'/>"))
        self.assertIn('unexpected attribute xml:lang',
                      self.match("<message><body/></message>", "<message><body xml:lang='en'/></message>"))
        self.assertIn('unexpected attribute by', self.match("<iq><x/></iq>", "<iq><x by='y'/></iq>"))


class FakeConn:
    """Stands for run.Conn: what the test feeds comes out of next_event; what
    the player sends goes to on_send, whose return value (bytes) is fed."""

    def __init__(self, name, on_send=None):
        self.name = name
        self.reader = run.StreamReader()
        self.sent = []
        self.tls = False
        self.transcript = []
        self.on_send = on_send
        self.closed = self.aborted = False

    def send(self, data):
        self.sent.append(data)
        if self.on_send:
            out = self.on_send(self, data)
            if out:
                self.reader.feed(out)

    def feed(self, data):
        self.reader.feed(data)

    def next_event(self, timeout):
        if self.reader.events:
            return self.reader.events.popleft()
        return run.Event('timeout', detail=f'within {timeout:g} s')

    unread = run.Conn.unread

    def start_tls(self, alpn=None):
        self.tls = True
        self.reader.restart()

    def close(self):
        self.closed = True

    def abort(self):
        self.aborted = True
        self.closed = True


class FakePlayer(run.Player):
    """Plays a document on FakeConns; with opened=True each starts inside a
    stream (the server's header already read)."""

    def __init__(self, doc, on_send=None, opened=True):
        [scenario] = run.parse_document(doc, 'x/fake.md')
        super().__init__(scenario, None, run.Matcher(), False)
        self.on_send = on_send
        self.opened = opened
        self.made = []

    def connect(self, name):
        conn = FakeConn(name, self.on_send)
        if self.opened:
            conn.feed(HEADER.encode())
            conn.reader.events.clear()
        self.made.append(conn)
        self.sessions[name] = run.Session(name, conn)
        return self.sessions[name]


def doc_with(blocks):
    return "# T\n\nRequirement: RFC6121-2.1.3\n\n" + blocks


class MiniServer:
    """Just enough of a server for ```login: headers, features, STARTTLS,
    SCRAM-SHA-256 (computed here, with the server's signature) and binding."""

    def __init__(self, passwords):
        self.passwords = passwords
        self.stage = {}

    def header(self):
        return (HEADER.replace("id='abc'", "id='" + base64.b16encode(os.urandom(6)).decode() + "'")).encode()

    def __call__(self, conn, data):
        text = data.decode()
        st = self.stage.setdefault(conn.name, {'n': 0})
        if text.startswith('<stream:stream'):
            st['n'] += 1
            if not conn.tls:
                feats = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            elif 'user' not in st:
                feats = ("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-256</mechanism>"
                         "</mechanisms>")
            else:
                feats = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            return self.header() + f"<stream:features>{feats}</stream:features>".encode()
        if text.startswith('<starttls'):
            return b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
        if text.startswith('<auth'):
            first = base64.b64decode(text.split('>')[1].split('<')[0]).decode()
            bare = first[3:]
            fields = dict(f.split('=', 1) for f in bare.split(','))
            st['scram'] = (fields['n'], bare, fields['r'] + 'SRV', b'salt')
            server_first = f"r={fields['r']}SRV,s={base64.b64encode(b'salt').decode()},i=4096"
            st['server_first'] = server_first
            return (f"<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    f"{base64.b64encode(server_first.encode()).decode()}</challenge>").encode()
        if text.startswith('<response'):
            user, bare, nonce, salt = st['scram']
            final = base64.b64decode(text.split('>')[1].split('<')[0]).decode()
            without_proof = final.rsplit(',p=', 1)[0]
            auth = f"{bare},{st['server_first']},{without_proof}".encode()
            salted = hashlib.pbkdf2_hmac('sha256', self.passwords[user].encode(), salt, 4096)
            server_key = hmac.new(salted, b'Server Key', 'sha256').digest()
            sig = base64.b64encode(b'v=' + base64.b64encode(hmac.new(server_key, auth, 'sha256').digest())).decode()
            st['user'] = user
            return f"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{sig}</success>".encode()
        if "id='bind_1'" in text:
            resource = text.split('<resource>')[1].split('<')[0] if '<resource>' in text else 'gen' + conn.name
            return (f"<iq type='result' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    f"<jid>{st['user']}@example.com/{resource}</jid></bind></iq>").encode()
        return b''


class Playing(unittest.TestCase):
    def test_login_binds_and_names_the_jids(self):
        server = MiniServer(run.ACCOUNTS)
        p = FakePlayer(doc_with("```login romeo\nromeo j8l13tsb4lc0ny orchard\n```\n"
                                "```login juliet\njuliet r0m30myr0m30\n```\n"
                                "```send romeo\n<message to='{jid:juliet}'>{bare:romeo}</message>\n```\n"), server,
                       opened=False)
        p.run()
        self.assertEqual(p.ctx, {'jid:romeo': 'romeo@example.com/orchard', 'bare:romeo': 'romeo@example.com',
                                 'jid:juliet': 'juliet@example.com/genjuliet', 'bare:juliet': 'juliet@example.com'})
        romeo, juliet = p.made
        self.assertEqual(romeo.sent[-1], b"<message to='juliet@example.com/genjuliet'>romeo@example.com</message>")
        self.assertEqual(server.stage['romeo']['n'], 3)  # open, open after TLS, open after SASL
        self.assertTrue(romeo.closed and juliet.closed)
        # A wrong password is caught by the server signature check.
        bad = FakePlayer(doc_with("```login romeo\nromeo wrong\n```\n"), MiniServer(run.ACCOUNTS), opened=False)
        with self.assertRaisesRegex(run.Failure, r'login romeo: the server signature'):
            bad.run()

    def test_silence(self):
        p = FakePlayer(doc_with("```silence\n```\n```silence nurse timeout=0.1\n```\n"))
        p.run()
        p = FakePlayer(doc_with("```send\n<ping/>\n```\n```silence\n```\n"),
                       lambda conn, data: b"<message from='x'/>")
        with self.assertRaisesRegex(run.Failure, r'(?s)expected nothing on connection default for 0.5 s, '
                                                 r"received <message>.*<message from='x'/>"):
            p.run()

    def test_discard(self):
        body = ("```send\n<go/>\n```\n```discard timeout=0.2\n<presence from='a@b/{any}'>{...}</presence>\n"
                "<message/>\n```\n```expect\n<iq/>\n```\n")
        FakePlayer(doc_with(body.replace('<iq/>', '<presence/>').replace("```expect\n<presence/>\n```\n", "")),
                   lambda c, d: b"").run()   # nothing arrives: fine
        # Whatever matches is dropped, any number of times; the next block sees what comes after the timeout.
        p = FakePlayer(doc_with(body), lambda c, d: b"<presence from='a@b/1'><priority>1</priority></presence>"
                                                    b"<message/><presence from='a@b/2'/>")
        with self.assertRaisesRegex(run.Failure, r'expect: expected <iq>, received nothing'):
            p.run()
        p = FakePlayer(doc_with(body), lambda c, d: b"<presence from='c@d/1'/>")
        with self.assertRaisesRegex(run.Failure, r'received <presence>, which is none of the elements'):
            p.run()

    def test_unordered(self):
        body = ("```send\n<go/>\n```\n```expect-unordered\n<presence from='a@b/{unique}'/>\n"
                "<presence from='a@b/x'/>\n<message/>\n```\n")
        got = b"<message/><presence from='a@b/x'/><presence from='a@b/y1'/>"
        FakePlayer(doc_with(body), lambda c, d: got).run()   # needs the assignment x->2nd, y1->1st
        missing = b"<message/><presence from='a@b/x'/>"
        with self.assertRaisesRegex(run.Failure, r'received nothing \(within 5 s\) after 2 element\(s\); still '
                                                 r'expected \(in any order\): <presence> \(element 2\)'):
            FakePlayer(doc_with(body), lambda c, d: missing).run()
        wrong = b"<message/><presence from='a@b/x'/><presence from='c@d/y2'/>"
        with self.assertRaisesRegex(run.Failure, r"(?s)received element 3 \(<presence>\) matches none of the expected "
                                                 r".*against expected element 1: /presence: attribute from is 'c@d/y2'"):
            FakePlayer(doc_with(body), lambda c, d: wrong).run()
        two_messages = b"<message/><message/><presence from='a@b/x'/>"
        with self.assertRaisesRegex(run.Failure, 'received element 2 \\(<message>\\) matches none'):
            FakePlayer(doc_with(body), lambda c, d: two_messages).run()
        same = ("```send\n<go/>\n```\n```expect-unordered\n<presence from='a@b/{unique}'/>\n"
                "<presence from='a@b/{unique}'/>\n```\n")
        with self.assertRaisesRegex(run.Failure, r'or a \{unique\} value repeats'):
            FakePlayer(doc_with(same), lambda c, d: b"<presence from='a@b/z'/><presence from='a@b/z'/>").run()

    def test_unordered_maybe(self):
        body = ("```send\n<go/>\n```\n```expect-unordered\n<iq type='set' id='{id:p}'/>\n"
                "<maybe><presence from='j@b/1'/></maybe>\n<presence type='subscribed'/>\n```\n"
                "```expect\n<next/>\n```\n")
        for got in (b"<presence type='subscribed'/><iq type='set' id='7'/><next/>",
                    b"<presence from='j@b/1'/><presence type='subscribed'/><iq type='set' id='7'/><next/>",
                    b"<iq type='set' id='7'/><presence from='j@b/1'/><presence type='subscribed'/><next/>"):
            p = FakePlayer(doc_with(body), lambda c, d, got=got: got)
            p.run()
            self.assertEqual(p.ctx['id:p'], '7')
        # An optional element arrives once at most.
        twice = b"<presence from='j@b/1'/><presence from='j@b/1'/><iq type='set' id='7'/>"
        with self.assertRaisesRegex(run.Failure, 'received element 2'):
            FakePlayer(doc_with(body), lambda c, d: twice).run()
        with self.assertRaises(run.ScenarioError):
            run.parse_document(doc_with("```expect-unordered\n<maybe><a/></maybe>\n```\n"), 'x/m.md')
        with self.assertRaises(run.ScenarioError):
            run.parse_document(doc_with("```expect-unordered\n<a/><maybe><a/><b/></maybe>\n```\n"), 'x/m.md')

    def test_one_of(self):
        body = ("```send\n<go/>\n```\n```expect-one-of\n<iq id='1'><q ver='{ver:v}'/></iq>\n--- or ---\n"
                "<iq id='1'/>\n<iq id='{id}'><q ver='{ver:v}'/></iq>\n```\n```expect\n<next/>\n```\n")
        first = b"<iq id='1'><q ver='full'/></iq><next/>"
        p = FakePlayer(doc_with(body), lambda c, d: first)
        p.run()
        self.assertEqual(p.ctx['ver:v'], 'full')
        second = b"<iq id='1'/><iq id='p'><q ver='pushed'/></iq><next/>"
        p = FakePlayer(doc_with(body), lambda c, d: second)
        p.run()   # <next/>, read while trying alternative 1... is put back for the next block
        self.assertEqual(p.ctx['ver:v'], 'pushed')
        neither = b"<iq id='2'/>"
        with self.assertRaisesRegex(run.Failure, r'(?s)none of the alternatives.*alternative 1, element 1.*'
                                                 r'alternative 2, element 1'):
            FakePlayer(doc_with(body), lambda c, d: neither).run()

    def test_closed_connections_and_reconnection(self):
        p = FakePlayer(doc_with("```disconnect nurse\n```\n```send nurse\n<a/>\n```\n"))
        with self.assertRaisesRegex(run.Failure, r'connection nurse was closed at .*disconnect nurse'):
            p.run()
        self.assertTrue(p.made[0].aborted)
        server = MiniServer(run.ACCOUNTS)
        p = FakePlayer(doc_with("```login nurse\nnurse n8rs3 a\n```\n```disconnect nurse\n```\n"
                                "```login nurse\nnurse n8rs3 b\n```\n"), server, opened=False)
        server.stage.clear()
        orig = server.__call__

        def fresh(conn, data):   # a new connection starts a new negotiation
            if conn is not getattr(fresh, 'last', None):
                server.stage.pop(conn.name, None)
                fresh.last = conn
            return orig(conn, data)
        p.on_send = fresh
        p.run()
        self.assertEqual(len(p.made), 2)
        self.assertEqual(p.ctx['jid:nurse'], 'nurse@example.com/b')


STREAM_ERROR = ("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>{text}"
                "</stream:error></stream:stream>")
SASL_FAILURE = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>{text}</failure>"
STANZA_ERROR = ("<iq type='error' id='q1'><error type='cancel'><service-unavailable "
                "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>{text}</error></iq>")
GOOD = 'RFC 6120 §4.9.3.6: this server does not serve that domain'


def text_of(ns, content, lang='en'):
    return f"<text xmlns='{ns}' xml:lang='{lang}'>{content}</text>"


class ErrorTexts(unittest.TestCase):
    """The global check: every error the server sends carries a
    <text xml:lang='en'> that cites the section it follows."""

    def problem(self, xml_text, routed=frozenset()):
        reader = run.StreamReader()
        reader.feed((HEADER + xml_text).encode())
        [el] = reader.elements
        return run.error_text_problem(el, routed)

    def test_the_citation_rule(self):
        for good in (GOOD, 'RFC 6120 §7.7.2.1, RFC 7622 §3.4: the resourcepart is not valid',
                     'XEP-0191 §3.3: you have blocked this address', 'RFC 6121 §A.3.3: an appendix',
                     'RFC 6120 §11.3, XML 1.0 §4.1 [WFC: Legal Character]: a forbidden character'):
            self.assertTrue(run.ERROR_TEXT_RE.match(good), good)
        for bad in ('', 'out of memory', 'RFC 6120: no section', 'RFC 6120 §4.9.3.6 no colon',
                    'RFC 6120 §4.9.3.6:', 'XML 1.0 §3: the XML spec first', 'rfc 6120 §4: lower case',
                    'RFC 612 §4: three digits', 'XEP-191 §3: three digits', 'RFC 6120 §x: a lower-case section'):
            self.assertFalse(run.ERROR_TEXT_RE.match(bad), bad)

    def test_each_kind(self):
        for template, ns in ((STREAM_ERROR, run.NS_STREAMS_ERR), (SASL_FAILURE, run.NS_SASL),
                             (STANZA_ERROR, run.NS_STANZAS)):
            self.assertIsNone(self.problem(template.format(text=text_of(ns, GOOD))))
            self.assertRegex(self.problem(template.format(text='')), r'has no <text xmlns=.* xml:lang=.en.>')
            self.assertRegex(self.problem(template.format(text=text_of(ns, 'out of memory'))),
                             r"its <text> 'out of memory' does not begin with the section")
            self.assertRegex(self.problem(template.format(text=text_of(ns, GOOD, 'fr'))), r"xml:lang='fr', not 'en'")
            # A <text/> in another namespace is not the one the RFC defines.
            self.assertRegex(self.problem(template.format(text=text_of('urn:x', GOOD))), 'has no <text')
        self.assertRegex(self.problem(STREAM_ERROR.format(text='')), r'^<stream:error> <host-unknown/> has no')
        self.assertRegex(self.problem(STANZA_ERROR.format(text='')),
                         r"^<iq type='error' id='q1'> <error> <service-unavailable/> has no")

    def test_other_elements_are_not_checked(self):
        for other in ("<iq type='result' id='q1'/>", "<message><error/></message>",
                      "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "<message type='error'/>"):
            self.assertIsNone(self.problem(other), other)

    def test_an_error_the_scenario_sent_is_routed_not_checked(self):
        doc = doc_with("```send\n<message to='a@example.com' type='error'><error type='cancel'>"
                       "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>\n```\n")
        [scenario] = run.parse_document(doc, 'x/r.md')
        routed = run.sent_errors(scenario)
        self.assertEqual(len(routed), 1)
        routed_back = ("<message from='b@example.com/r' type='error'><error type='cancel'>"
                       "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>")
        self.assertIsNone(self.problem(routed_back, routed))
        self.assertIsNotNone(self.problem(routed_back))
        # Another condition, or the same one with a text the client did not write, is the server's own.
        self.assertIsNotNone(self.problem(routed_back.replace('item-not-found', 'gone'), routed))
        self.assertIsNotNone(self.problem(routed_back.replace(
            "/></error>", "/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>x</text></error>"),
            routed))

    def test_a_scenario_fails_on_an_error_without_a_good_text(self):
        body = "```send\n<go/>\n```\n```expect\n<iq type='error' id='q1'>{...}</iq>\n```\n"
        bad = STANZA_ERROR.format(text='').encode()
        with self.assertRaisesRegex(run.Failure, r"(?s)at x/fake.md:\d+ ```send: every error the server sends "
                                                 r".*connection default: <iq type='error' id='q1'> <error> "
                                                 r"<service-unavailable/> has no <text"):
            FakePlayer(doc_with(body), lambda c, d: bad).run()
        vague = STANZA_ERROR.format(text=text_of(run.NS_STANZAS, 'no')).encode()
        with self.assertRaisesRegex(run.Failure, r"its <text> 'no' does not begin with the section"):
            FakePlayer(doc_with(body), lambda c, d: vague).run()
        good = STANZA_ERROR.format(text=text_of(run.NS_STANZAS, GOOD)).encode()
        FakePlayer(doc_with(body), lambda c, d: good).run()
        # Checked even when no block reads it (the fake server answers at once, so the
        # check after the send block sees it): a stream error arrives on nurse unasked.
        body = "```send nurse\n<go/>\n```\n```silence timeout=0.1\n```\n"
        with self.assertRaisesRegex(run.Failure, r'connection nurse: <stream:error> <host-unknown/> has no'):
            FakePlayer(doc_with(body), lambda c, d: STREAM_ERROR.format(text='').encode()).run()
        # Off, as against_prosody.py turns it: the same scenario passes.
        p = FakePlayer(doc_with(body), lambda c, d: STREAM_ERROR.format(text='').encode())
        p.check_error_texts = False
        p.run()


class Abort(unittest.TestCase):
    def test_reset(self):
        listener = socket.socket()
        listener.bind(('127.0.0.1', 0))
        listener.listen(1)
        conn = run.Conn(listener.getsockname()[1], None, False, 'romeo')
        peer, _ = listener.accept()
        conn.abort()
        peer.settimeout(2)
        with self.assertRaises(ConnectionResetError):
            peer.recv(10)
        peer.close()
        listener.close()
        self.assertIn('C romeo: (connection dropped: TCP reset)', conn.transcript)


class FreshDatabase(unittest.TestCase):
    def test_copy(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = run.Env(tmp)
            os.makedirs(env.seed_dir)
            with open(os.path.join(env.seed_dir, 'xmppd.sqlite'), 'w') as f:
                f.write('accounts')
            os.makedirs(env.data_dir)
            for name in ('xmppd.sqlite', 'xmppd.sqlite-wal', 'xmppd.sqlite-shm'):
                with open(os.path.join(env.data_dir, name), 'w') as f:
                    f.write('state of the last scenario')
            run.fresh_data_dir(env)
            self.assertEqual(os.listdir(env.data_dir), ['xmppd.sqlite'])
            with open(os.path.join(env.data_dir, 'xmppd.sqlite')) as f:
                self.assertEqual(f.read(), 'accounts')


class Config(unittest.TestCase):
    def test_text(self):
        env = run.Env('/tmp/x')
        env.ports = {'starttls': 1, 'direct-tls': 2}
        text = run.config_text(env, {'limits.negotiation_timeout': '2', 'tls.require': 'false'})
        self.assertIn('  domain = "example.com";', text)
        self.assertIn('  port = 1;', text)
        self.assertIn('  direct_tls_port = 2;', text)
        self.assertIn('  negotiation_timeout = 2;', text)
        self.assertIn('  require = false;', text)


if __name__ == '__main__':
    unittest.main(verbosity=1)
