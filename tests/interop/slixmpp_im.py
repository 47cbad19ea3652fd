#!/usr/bin/python3
# Interop: instant messaging between two real clients nobody here wrote
# (slixmpp, Debian package python3-slixmpp), through xmppd.
#
# Run it with /usr/bin/python3 (see slixmpp_login.py for why).
#
#   /usr/bin/python3 tests/interop/slixmpp_im.py --port 15222 --cafile var/tls/localhost.crt \
#       --jid1 alice@localhost --password1 secret1 --jid2 bob@localhost --password2 secret2
#
# Passes (exit 0) only when every step below is seen, each within --timeout:
#   1. both clients log in (STARTTLS with the certificate verified, SCRAM-SHA-256
#      only, resource binding), fetch their rosters and send initial presence;
#   2. subscription both ways (RFC 6121 §3): the first asks the second; slixmpp's
#      roster answers for each side (auto-authorize, auto-subscribe back); both
#      rosters, as the server's roster pushes leave them, end at "both";
#   3. presence (RFC 6121 §4): each sends a status; the other receives it from
#      the sender's full JID;
#   4. messages (RFC 6121 §5): the first writes to the second's bare JID, the
#      second answers the full JID it came from; each receives the other's;
#   5. offline delivery (XEP-0160, XEP-0203): the second logs out (the first sees
#      its unavailable presence), the first writes to it and gets no error back
#      (a ping answered by the server shows the message was processed), the
#      second logs in again, sends presence, and receives the message from the
#      first's full JID with a <delay/> stamp;
#   6. both close their streams and the server answers each closing tag.
# Anything else, or a step not done within --timeout seconds, exits 1 with the
# steps seen and what failed. Needs a server that offers no -PLUS mechanism
# (slixmpp 1.8 and TLS 1.3, see slixmpp_login.py); run.sh starts one.
# Requirement: RFC6121-2.2-a, RFC6121-3.1.3-e, RFC6121-3.1.5-b, RFC6121-3.1.6-d, RFC6121-3.4.2-b
import argparse
import asyncio
import logging
import sys

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

MECHANISM = "SCRAM-SHA-256"  # the default of --mechanism


class Step(Exception):
    """A step that did not happen: the message says which."""


class Client(slixmpp.ClientXMPP):
    def __init__(self, label, jid, password, cafile, log, mechanism=MECHANISM):
        super().__init__(jid, password, sasl_mech=mechanism)
        self.mechanism = mechanism
        self.label = label
        self.log = log
        self.ca_certs = cafile  # verification stays on: chain and host name
        self.register_plugin("xep_0199", {"keepalive": False})
        self.register_plugin("xep_0203")
        # The roster answers subscription requests by itself: approve, and ask back.
        self.roster.auto_authorize = True
        self.roster.auto_subscribe = True
        self.started = asyncio.Event()
        self.ended = asyncio.Event()
        self.clean_close = False
        self.problems = []
        self.messages = asyncio.Queue()
        self.presences = asyncio.Queue()
        self.add_event_handler("session_start", lambda _: self.started.set())
        self.add_event_handler("message", self.messages.put_nowait)
        self.add_event_handler("presence_available", self.presences.put_nowait)
        self.add_event_handler("presence_unavailable", self.presences.put_nowait)
        self.add_event_handler("failed_auth", lambda s: self.problem(f"SASL failure {s['condition']}"))
        self.add_event_handler("no_auth", lambda _: self.problem(f"the server did not offer {self.mechanism}"))
        self.add_event_handler("ssl_invalid_chain", lambda e: self.problem(f"certificate not trusted: {e}"))
        self.add_event_handler("stream_error", lambda e: self.problem(f"stream error {e['condition']} {e['text']!r}"))
        self.add_event_handler("connection_failed", self.on_connection_failed)
        self.add_event_handler("disconnected", self.on_disconnected)

    def problem(self, what):
        self.problems.append(what)
        self.log(f"{self.label}: {what}")

    def on_connection_failed(self, err):
        self.problem(f"connection failed: {err}")
        self.ended.set()

    def on_disconnected(self, reason):
        # "End of stream": slixmpp saw the server's </stream:stream>.
        self.clean_close = reason == "End of stream"
        self.ended.set()

    def subscription(self, bare):
        return self.client_roster[bare]["subscription"] if bare in self.client_roster else "(no item)"


async def within(what, awaitable, timeout):
    try:
        return await asyncio.wait_for(awaitable, timeout)
    except (asyncio.TimeoutError, IqTimeout):
        raise Step(f"{what}: nothing within {timeout:g} s") from None
    except IqError as e:
        raise Step(f"{what}: the server answered with an error: {e.iq}") from None


async def next_matching(queue, test, what, timeout):
    """The next item of the queue that passes test (others are dropped)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        left = deadline - loop.time()
        if left <= 0:
            raise Step(f"{what}: not received within {timeout:g} s")
        try:
            item = await asyncio.wait_for(queue.get(), left)
        except asyncio.TimeoutError:
            continue
        if test(item):
            return item


async def until(what, test, timeout):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not test():
        if loop.time() > deadline:
            raise Step(f"{what}: not reached within {timeout:g} s")
        await asyncio.sleep(0.05)


async def login(client, args):
    client.connect(address=(args.host, args.port), use_ssl=False, force_starttls=True)
    await within(f"{client.label} logs in", client.started.wait(), args.timeout)
    if client.problems:
        raise Step(f"{client.label} logs in: {client.problems[0]}")
    if not client.boundjid.resource:
        raise Step(f"{client.label}: bound JID {client.boundjid} has no resource")
    await within(f"{client.label} gets its roster", client.get_roster(), args.timeout)
    client.send_presence()


async def close(client, args):
    client.disconnect()
    await within(f"{client.label} closes", client.ended.wait(), args.timeout)
    if not client.clean_close:
        raise Step(f"{client.label}: the server did not answer </stream:stream> with its own")


async def scenario(args, steps, clients):
    def mk(label, jid, password):
        c = Client(label, jid, password, args.cafile, steps.append, args.mechanism)
        clients.append(c)
        return c

    a = mk("first", args.jid1, args.password1)
    b = mk("second", args.jid2, args.password2)
    bare_a, bare_b = a.boundjid.bare, b.boundjid.bare
    await login(a, args)
    await login(b, args)
    steps.append(f"logged in: {a.boundjid} and {b.boundjid}, rosters fetched, presence sent")

    # 2. subscriptions both ways
    a.send_presence_subscription(pto=bare_b, ptype="subscribe")
    await until(f"subscription 'both' in both rosters (first has {bare_b}: {a.subscription(bare_b)}, "
                f"second has {bare_a}: {b.subscription(bare_a)})",
                lambda: a.subscription(bare_b) == "both" and b.subscription(bare_a) == "both", args.timeout)
    steps.append("subscribed to each other: both rosters say 'both'")

    # 3. presence each way
    a.send_presence(pstatus="first is here")
    await next_matching(b.presences, lambda p: p["from"] == a.boundjid and p["status"] == "first is here",
                        f"second receives the first's presence from {a.boundjid}", args.timeout)
    b.send_presence(pstatus="second is here")
    await next_matching(a.presences, lambda p: p["from"] == b.boundjid and p["status"] == "second is here",
                        f"first receives the second's presence from {b.boundjid}", args.timeout)
    steps.append("presence received both ways, from the full JIDs")

    # 4. messages each way
    a.send_message(mto=bare_b, mbody="Wherefore art thou?", mtype="chat")
    m = await next_matching(b.messages, lambda m: m["body"] == "Wherefore art thou?",
                            "second receives the first's message", args.timeout)
    if m["from"] != a.boundjid or m["type"] != "chat":
        raise Step(f"second received {m}, expected a chat from {a.boundjid}")
    b.send_message(mto=m["from"], mbody="Here, in the orchard.", mtype="chat")
    m = await next_matching(a.messages, lambda m: m["body"] == "Here, in the orchard.",
                            "first receives the answer", args.timeout)
    if m["from"] != b.boundjid:
        raise Step(f"first received the answer from {m['from']}, expected {b.boundjid}")
    steps.append("messages exchanged: bare JID one way, full JID back")

    # 5. offline delivery
    first_jid = a.boundjid.full
    await close(b, args)
    await next_matching(a.presences, lambda p: p["from"].bare == bare_b and p["type"] == "unavailable",
                        "first sees the second go unavailable", args.timeout)
    a.send_message(mto=bare_b, mbody="Sent while you were away", mtype="chat")
    try:
        await a["xep_0199"].send_ping(a.boundjid.domain, timeout=args.timeout)
    except (IqError, IqTimeout) as e:
        raise Step(f"ping after the offline message: {e}") from None
    bounced = []
    while not a.messages.empty():
        m = a.messages.get_nowait()
        if m["type"] == "error":
            bounced.append(m)
    if bounced:
        raise Step(f"the message for the offline second came back: {bounced[0]}")
    steps.append("second logged out; first wrote to it and got no error")
    b2 = mk("second, again", args.jid2, args.password2)
    await login(b2, args)
    m = await next_matching(b2.messages, lambda m: m["body"] == "Sent while you were away",
                            "second receives the offline message after its presence", args.timeout)
    if m["from"] != first_jid:
        raise Step(f"offline message from {m['from']}, expected {first_jid}")
    if not m["delay"]["stamp"]:
        raise Step(f"offline message without a <delay/> stamp (XEP-0160, XEP-0203): {m}")
    steps.append(f"offline message delivered at the next login, delay stamp {m['delay']['stamp'].isoformat()}")

    # 6. close
    await close(a, args)
    await close(b2, args)
    steps.append("both streams closed cleanly")


async def run(args):
    steps, clients = [], []
    problem = None
    try:
        await scenario(args, steps, clients)
    except Step as e:
        problem = str(e)
    for c in clients:
        if not c.ended.is_set():
            c.abort()
    return steps, problem


def main():
    p = argparse.ArgumentParser(description="two slixmpp clients exchange subscriptions, presence and messages")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--jid1", required=True)
    p.add_argument("--password1", required=True)
    p.add_argument("--jid2", required=True)
    p.add_argument("--password2", required=True)
    p.add_argument("--cafile", required=True, help="the server's self-signed certificate")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per step")
    p.add_argument("--mechanism", default=MECHANISM, help="the one SASL mechanism to use (default %(default)s)")
    p.add_argument("--debug", action="store_true", help="log every byte slixmpp sends and receives")
    args = p.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL,
                        format="%(levelname)-8s %(message)s")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    steps, problem = loop.run_until_complete(run(args))
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    for s in steps:
        print(f"  slixmpp: {s}")
    if problem:
        print(f"  slixmpp: FAILED: {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
