#!/usr/bin/env python3
"""tests/system/shutdown.py - SIGTERM ends every open stream with <system-shutdown/>.

Starts xmppd, opens a client stream, waits for the stream features, then sends
the server SIGTERM. The client must receive <stream:error> with
<system-shutdown/> (RFC 6120 §4.9.3.20) in the streams namespace followed by
the closing </stream:stream> (§4.9.1.1), then the end of the TCP connection,
and the server must exit with status 0. Usage: shutdown.py XMPPD"""
# Requirement: RFC6120-4.9.3.20-a, RFC6120-4.9.1.1-a
import os, signal, socket, subprocess, sys, tempfile, time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def read_until(s, needle, data=b""):
    while needle not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data

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
        proc = subprocess.Popen([server, "--config", tmp + "/xmppd.conf"], stderr=subprocess.DEVNULL)
        data, closed, status = b"", False, -1
        try:
            for _ in range(100):
                try:
                    s = socket.create_connection(("127.0.0.1", port))
                    break
                except OSError:
                    time.sleep(0.05)
            s.settimeout(10)
            s.sendall(b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                      b" to='localhost' version='1.0'>")
            data = read_until(s, b"</stream:features>")
            proc.send_signal(signal.SIGTERM)
            data = read_until(s, b"</stream:stream>", data)
            closed = s.recv(65536) == b""
        finally:
            if proc.poll() is None:
                proc.terminate()
            status = proc.wait(5)
    tail = data[data.find(b"</stream:features>"):]
    ok = (b"<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>" in tail and
          tail.endswith(b"</stream:error></stream:stream>") and closed and status == 0)
    print("%s shutdown: %r, connection closed %s, server exit %d" %
          ("PASS" if ok else "FAIL", tail[-160:], closed, status))
    print("%d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
