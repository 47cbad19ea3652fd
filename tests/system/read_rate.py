#!/usr/bin/env python3
"""tests/system/read_rate.py - limits.read_bytes_per_second is enforced.

Starts xmppd with a read rate of 4096 bytes/s, sends a stream header, 12 KB of
whitespace and a stanza that must be refused with <not-authorized/> (no login
yet). The refusal can only come once the server has read everything: at
4096 B/s with the first second's budget free, after about 2 seconds. The test
fails if it comes before 1.5 s (the limit is not applied) or never (the paused
connection is not resumed). Usage: read_rate.py XMPPD"""
import os, socket, subprocess, sys, tempfile, time

# Requirement: RFC6120-13.12-f

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def main():
    server = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory() as tmp:
        port, dport = free_port(), free_port()
        subprocess.run([os.path.join(root, "tools/gen-cert.sh"), "localhost", tmp + "/var/tls"],
                       check=True, capture_output=True)
        with open(tmp + "/xmppd.conf", "w") as f:
            f.write('server = { data_dir = "%s/var"; };\n' % tmp)
            f.write('c2s = { port = %d; direct_tls_port = %d; };\n' % (port, dport))
            f.write('tls = { require = false; };\nlimits = { read_bytes_per_second = 4096; };\n')
        proc = subprocess.Popen([server, "--config", tmp + "/xmppd.conf"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    s = socket.create_connection(("127.0.0.1", port))
                    break
                except OSError:
                    time.sleep(0.05)
            hdr = (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                   b" to='localhost' version='1.0'>")
            t0 = time.time()
            s.sendall(hdr + b" " * 12000 + b"<message/>")
            s.settimeout(10)
            data = b""
            while b"not-authorized" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            elapsed = time.time() - t0
        finally:
            proc.terminate()
            status = proc.wait(5)
    ok = b"not-authorized" in data and 1.5 <= elapsed <= 6 and status == 0
    print("%s read rate: refusal after %.2f s (expected ~2 s), server exit %d" %
          ("PASS" if ok else "FAIL", elapsed, status))
    print("%d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
