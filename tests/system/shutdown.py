#!/usr/bin/env python3
"""tests/system/shutdown.py - SIGTERM ends every open stream with <system-shutdown/>.

Starts xmppd, opens a client stream, waits for the stream features, then sends
the server SIGTERM. The client must receive <stream:error> with
<system-shutdown/> (RFC 6120 §4.9.3.20) in the streams namespace followed by
the closing </stream:stream> (§4.9.1.1), then the end of the TCP connection,
and the server must exit with status 0. Usage: shutdown.py XMPPD"""
# Requirement: RFC6120-4.9.3.20-a, RFC6120-4.9.1.1-a
import signal, sys

from xmppd_proc import HEADER, Xmppd, read_until, report


def main():
    with Xmppd(sys.argv[1]) as srv:
        s = srv.connect(timeout=10)
        s.sendall(HEADER)
        data = read_until(s, b"</stream:features>")
        srv.proc.send_signal(signal.SIGTERM)
        data = read_until(s, b"</stream:stream>", data)
        closed = s.recv(65536) == b""
        s.close()
        srv.proc.wait(5)
    tail = data[data.find(b"</stream:features>"):]
    ok = (b"<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>" in tail and
          tail.endswith(b"</stream:error></stream:stream>"))
    return report([("<system-shutdown/> then </stream:stream>: %r" % tail[-160:], ok),
                   ("connection closed", closed),
                   ("server exit status %d" % srv.status, srv.status == 0)], "shutdown")


if __name__ == "__main__":
    sys.exit(main())
