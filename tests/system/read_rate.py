#!/usr/bin/env python3
"""tests/system/read_rate.py - limits.read_bytes_per_second is enforced.

Starts xmppd with a read rate of 4096 bytes/s, sends a stream header, 12 KB of
whitespace and a stanza that must be refused with <not-authorized/> (no login
yet). The refusal can only come once the server has read everything: at
4096 B/s with the first second's budget free, after about 2 seconds. The test
fails if it comes before 1.5 s (the limit is not applied) or never (the paused
connection is not resumed). Usage: read_rate.py XMPPD"""
import sys, time

from xmppd_proc import HEADER, Xmppd, read_until, report

# Requirement: RFC6120-13.12-f


def main():
    settings = 'tls = { require = false; };\nlimits = { read_bytes_per_second = 4096; };\n'
    with Xmppd(sys.argv[1], settings) as srv:
        s = srv.connect(timeout=10)
        t0 = time.time()
        s.sendall(HEADER + b" " * 12000 + b"<message/>")
        data = read_until(s, b"not-authorized")
        elapsed = time.time() - t0
        s.close()
    ok = b"not-authorized" in data and 1.5 <= elapsed <= 6
    return report([("refusal after %.2f s (expected ~2 s)" % elapsed, ok),
                   ("server exit status %d" % srv.status, srv.status == 0)], "read rate")


if __name__ == "__main__":
    sys.exit(main())
