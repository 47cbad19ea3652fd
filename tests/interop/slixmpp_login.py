#!/usr/bin/python3
# Interop: a real client nobody here wrote (slixmpp, Debian package
# python3-slixmpp) logs in to xmppd.
#
# Run it with /usr/bin/python3, not `python3`: on machines with pyenv (or a
# virtualenv) first on PATH, `python3` is a Python that does not see Debian's
# dist-packages, so `import slixmpp` would fail there.
#
#   /usr/bin/python3 tests/interop/slixmpp_login.py --port 15222 \
#       --jid alice@localhost --password secret --cafile var/tls/localhost.crt \
#       --expect success            # or --expect auth-failure (wrong password)
#
# --expect success passes (exit 0) only when every step below was seen:
#   1. TCP to 127.0.0.1:PORT, STARTTLS (RFC 6120 §5), the certificate verified
#      against --cafile for the JID's domain (no verification switched off);
#   2. SASL with SCRAM-SHA-256 and nothing else (RFC 7677): the client may not
#      fall back, and afterwards we check slixmpp really used SCRAM-SHA-256;
#   3. resource binding (RFC 6120 §7): a full JID with a resource came back;
#   4. an XEP-0199 ping to the server answered by <iq type='result'/> from the
#      domain (slixmpp's own ping() counts an error reply from the server as a
#      pong, so the lower-level send_ping() is used and the reply inspected);
#   5. a clean close (RFC 6120 §4.4): we send </stream:stream> and the server
#      answers with its own before the TCP connection ends.
# --expect auth-failure passes only when the server answered the SCRAM exchange
# with <failure/> (RFC 6120 §6.4.5) and no session started.
# Anything else, or no outcome within --timeout seconds, exits 1.
#
# The server must not offer any -PLUS mechanism to this client: slixmpp 1.8
# takes Python's tls-unique bytes as channel-binding support (even on TLS 1.3,
# where tls-unique is undefined) and so starts plain SCRAM with gs2 flag "y";
# a server that offered -PLUS MUST then fail the exchange as a downgrade
# (RFC 5802 §6), which xmppd rightly does. run.sh configures such a server.
import argparse
import asyncio
import logging
import sys

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

MECHANISM = "SCRAM-SHA-256"


class LoginCheck(slixmpp.ClientXMPP):
    def __init__(self, args):
        # sasl_mech limits slixmpp's choice to this one mechanism (its
        # feature_mechanisms plugin 'use_mech'): if the server stops offering
        # SCRAM-SHA-256 or gets it wrong, login fails instead of falling back.
        super().__init__(args.jid, args.password, sasl_mech=MECHANISM)
        self.args = args
        self.steps = []  # what happened, in order, for the report
        self.failures = []  # why the check failed
        self.auth_failed = False
        self.session_started = False
        self.pong = False
        self.clean_close = False
        self.done = asyncio.Event()
        # Trust the test's self-signed certificate (added to the system CAs,
        # none of which signed it); slixmpp still verifies the chain and the
        # host name (the JID's domain): verification stays on.
        self.ca_certs = args.cafile
        self.register_plugin("xep_0199", {"keepalive": False})
        self.add_event_handler("tls_success", lambda _: self.step("STARTTLS done, certificate verified"))
        self.add_event_handler("ssl_invalid_chain", self.on_bad_cert)
        self.add_event_handler("auth_success", self.on_auth_success)
        self.add_event_handler("failed_auth", self.on_failed_auth)
        self.add_event_handler("failed_all_auth", self.on_failed_all_auth)
        self.add_event_handler("no_auth", self.on_no_auth)
        self.add_event_handler("session_bind", lambda jid: self.step(f"bound {jid}"))
        self.add_event_handler("session_start", self.on_session_start)
        self.add_event_handler("stream_error", self.on_stream_error)
        self.add_event_handler("connection_failed", self.on_connection_failed)
        self.add_event_handler("disconnected", self.on_disconnected)

    def step(self, what):
        self.steps.append(what)

    def fail(self, why):
        self.failures.append(why)

    def on_bad_cert(self, err):
        self.fail(f"TLS certificate not trusted: {err}")
        self.disconnect(wait=0)

    def on_auth_success(self, _stanza):
        mech = self["feature_mechanisms"].mech
        name = mech.name if mech is not None else None
        self.step(f"SASL success with {name}")
        if name != MECHANISM:
            self.fail(f"authenticated with {name}, expected {MECHANISM}")

    def on_failed_auth(self, stanza):
        self.auth_failed = True
        condition = stanza["condition"] if "condition" in stanza.interfaces else "?"
        self.step(f"SASL failure: {condition}")

    def on_failed_all_auth(self, _event):
        # slixmpp closes the stream itself after this event.
        self.step("no mechanism left: closing")

    def on_no_auth(self, _event):
        self.fail(f"the server did not offer {MECHANISM}")

    def on_stream_error(self, error):
        self.fail(f"stream error from server: {error['condition']} {error['text']!r}")

    def on_connection_failed(self, err):
        self.fail(f"connection failed: {err}")
        self.done.set()

    def on_disconnected(self, reason):
        # slixmpp passes "End of stream" when it saw the server's </stream:stream>;
        # otherwise (disconnect timed out, TCP reset) the reason is ours or None.
        self.step(f"disconnected ({reason})")
        self.clean_close = reason == "End of stream"
        self.done.set()

    async def on_session_start(self, _event):
        self.session_started = True
        self.step("session started")
        if not self.boundjid.resource:
            self.fail(f"bound JID {self.boundjid} has no resource")
        domain = self.boundjid.domain
        try:
            reply = await self["xep_0199"].send_ping(domain, timeout=self.args.timeout / 2)
        except IqError as e:
            self.fail(f"ping answered with an error: {e.iq}")
        except IqTimeout:
            self.fail("ping not answered")
        else:
            if reply["type"] != "result" or reply["from"] != domain:
                self.fail(f"unexpected ping reply: {reply}")
            else:
                self.pong = True
                self.step(f"pong from {reply['from']}")
        self.disconnect()


async def run(args):
    client = LoginCheck(args)
    client.connect(address=(args.host, args.port), use_ssl=False, force_starttls=True)
    try:
        await asyncio.wait_for(client.done.wait(), args.timeout)
    except asyncio.TimeoutError:
        client.fail(f"no outcome within {args.timeout} s")
        client.abort()
    return client


def verdict(client, expect):
    problems = list(client.failures)
    if expect == "success":
        if client.auth_failed:
            problems.append("authentication failed")
        if not client.session_started:
            problems.append("no session started")
        if not client.pong:
            problems.append("no pong")
        if not client.clean_close:
            problems.append("server did not close its stream in answer to ours")
    else:
        if not client.auth_failed:
            problems.append("authentication did not fail")
        if client.session_started:
            problems.append("a session started with the wrong password")
    return problems


def main():
    p = argparse.ArgumentParser(description="slixmpp logs in to xmppd (see the comment at the top)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--jid", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--cafile", required=True, help="the server's self-signed certificate")
    p.add_argument("--expect", choices=["success", "auth-failure"], default="success")
    p.add_argument("--timeout", type=float, default=20.0)
    p.add_argument("--debug", action="store_true", help="log every byte slixmpp sends and receives")
    args = p.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL,
                        format="%(levelname)-8s %(message)s")

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    client = loop.run_until_complete(run(args))
    # slixmpp leaves background tasks (its filter loop) behind; end them so that
    # closing the loop does not print "Task was destroyed but it is pending!".
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    problems = verdict(client, args.expect)
    for s in client.steps:
        print(f"  slixmpp: {s}")
    for pr in problems:
        print(f"  slixmpp: FAILED: {pr}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
