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
import os
import sys
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

    def test_bad(self):
        for bad in ('RFC6120', 'RFC6120-', 'rfc6120-4.1', 'XEP-0368', 'RFC6120-4..1', 'ISO9001-1'):
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
        self.check_error("# T\n\n## S\nRequirement: RFC6120-4.4\n```reconnect\nnow\n```\n", 'must be empty')
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
        rx, n = run.value_pattern('juliet@example.com/{unique}')
        self.assertEqual(n, 1)
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
