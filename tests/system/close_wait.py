#!/usr/bin/env python3
"""tests/system/close_wait.py - a stream the server closes waits for the peer's end.

RFC 6120 §4.4: the side that sends the closing tag first waits for the other
side's closing tag (and, under TLS, its close_notify) before it ends the TCP
connection, and considers the streams void after a reasonable time. The
server's connection is observable through limits.connections_per_ip_max = 1:
while it waits, a second connection from the same address is refused at
accept; once it is gone, a new one is served.

Cases, each on a fresh connection after a <host-unknown/> stream error:
  plain:   the client answers with </stream:stream>: the server then closes at once;
  silent:  the client says nothing: the server closes after its wait (2 s);
  tls:     Direct TLS; the server's close_notify comes after its closing tag, and
           the client's close_notify ends the wait.
Usage: close_wait.py XMPPD"""
# Requirement: RFC6120-4.4-a, RFC6120-4.4-c, RFC6120-4.4-d, RFC6120-4.4-e, RFC6120-4.9.1.1-a
import socket, ssl, sys, time

from xmppd_proc import HEADER as GOOD, Xmppd, read_until, report

BAD = (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
       b" to='example.net' version='1.0'>")

def read_all(s):
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk

def served(port):
    """True when a new connection gets a stream header and features."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(GOOD)
            return b"</stream:features>" in read_until(s, b"</stream:features>")
    except ConnectionResetError:
        return False  # refused at accept

def main():
    results = []
    with Xmppd(sys.argv[1], 'limits = { connections_per_ip_max = 1; };\n') as srv:
        port, dport = srv.port, srv.direct_tls_port
        srv.connect().close()
        time.sleep(0.2)

        # plain: error, closing tag, then our closing tag ends the wait.
        a = socket.create_connection(("127.0.0.1", port), timeout=5)
        a.sendall(BAD)
        got = read_all(a)  # the server's half-close ends our reading
        waiting = not served(port)
        a.sendall(b"</stream:stream>")
        time.sleep(0.3)
        after = served(port)
        a.close()
        results.append(("plain: error then </stream:stream>, server waited, then closed on ours",
                        got.endswith(b"</stream:error></stream:stream>") and waiting and after))
        time.sleep(0.3)

        # silent: nothing from us; the server gives up after its wait.
        b = socket.create_connection(("127.0.0.1", port), timeout=5)
        b.sendall(BAD)
        t0 = time.time()
        read_all(b)
        waiting = not served(port)
        time.sleep(2.5)
        after = served(port)
        b.close()
        results.append(("silent: the server waited about 2 s, then closed",
                        waiting and after and time.time() - t0 < 5))
        time.sleep(0.3)

        # tls: Direct TLS, close_notify after the closing tag; ours ends the wait.
        ctx = ssl.create_default_context(cafile=srv.cafile)
        ctx.set_alpn_protocols(["xmpp-client"])
        raw = socket.create_connection(("127.0.0.1", dport), timeout=5)
        t = ctx.wrap_socket(raw, server_hostname="localhost")
        t.sendall(BAD)
        got = read_all(t)  # b"" at the server's close_notify
        waiting = not served(port)
        raw_after = t.unwrap()  # our close_notify
        time.sleep(0.3)
        after = served(port)
        raw_after.close()
        results.append(("tls: error, close_notify; the server waited for ours",
                        got.endswith(b"</stream:error></stream:stream>") and waiting and after))
    results.append(("server exit status 0", srv.status == 0))
    return report(results, "close wait")

if __name__ == "__main__":
    sys.exit(main())
