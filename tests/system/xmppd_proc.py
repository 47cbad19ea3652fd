"""tests/system/xmppd_proc.py - start one xmppd for a system test.

The system tests need wall-clock time or signals, so each runs a real server:
a scratch directory with a self-signed certificate for localhost, a
configuration on two free ports (STARTTLS and Direct TLS) plus the test's own
settings, and the server started and listening. Used as

    with Xmppd(sys.argv[1], 'limits = { ... };\\n') as srv:
        s = srv.connect()
        ...
    srv.status   # the exit status after SIGTERM (0 expected)
"""
import os
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADER = (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
          b" to='localhost' version='1.0'>")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_until(s, needle, data=b""):
    """Reads until `needle` arrives or the peer closes; returns all that came."""
    while needle not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


class Xmppd:
    def __init__(self, binary, settings=""):
        self.binary = os.path.abspath(binary)
        self.settings = settings
        self.status = -1

    def __enter__(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name
        self.port, self.direct_tls_port = free_port(), free_port()
        subprocess.run([os.path.join(ROOT, "tools/gen-cert.sh"), "localhost", self.dir + "/var/tls"],
                       check=True, capture_output=True)
        self.cafile = self.dir + "/var/tls/localhost.crt"
        with open(self.dir + "/xmppd.conf", "w") as f:
            f.write('server = { data_dir = "%s/var"; };\n' % self.dir)
            f.write('c2s = { port = %d; direct_tls_port = %d; };\n' % (self.port, self.direct_tls_port))
            f.write(self.settings)
        self.proc = subprocess.Popen([self.binary, "--config", self.dir + "/xmppd.conf"],
                                     stderr=subprocess.DEVNULL)
        return self

    def connect(self, timeout=None):
        """A connection to the STARTTLS port, retried while the server starts."""
        for _ in range(100):
            try:
                return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("xmppd did not listen on port %d" % self.port)

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.status = self.proc.wait(5)
        self._tmp.cleanup()
        return False


def report(results, what):
    """Prints PASS/FAIL per (name, ok) and the runner's summary line; the exit status."""
    for name, ok in results:
        print("%s %s: %s" % ("PASS" if ok else "FAIL", what, name))
    failed = sum(1 for _, ok in results if not ok)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0
