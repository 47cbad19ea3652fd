#!/usr/bin/env python3
"""conformance/against_prosody.py - plays the scenario documents against Prosody
instead of xmppd, to check the documents themselves against an independent,
widely deployed server (Debian's prosody package, 0.12). Not part of `make
check`; nothing here is used by run.py.

    apt-get install prosody
    python3 conformance/against_prosody.py -k roster        # any run.py option
    VCARD=1 python3 conformance/against_prosody.py -k vcard  # with mod_vcard_legacy

Same runner, same fresh state per scenario (Prosody's data_path copied from a
seed made with `prosodyctl register`), with two adaptations: Prosody 0.12
offers SCRAM-SHA-1 and PLAIN only, so ```login and ```sasl-scram-sha-256 use
SCRAM-SHA-1; and mod_vcard_legacy (which adds XEP-0153 <x/> to every presence)
is loaded only with VCARD=1. Only the IM documents make sense here (the RFC 6120
ones check xmppd's own <text/> and limits).

What Prosody 0.12.3 fails, checked one by one (the documents follow the
specifications there): duplicate and empty roster groups accepted (RFC 6121
§2.3.3); item-not-found and forbidden with other error types than RFC 6120
§8.3.3 recommends; no approved='true' in a pre-approval push (RFC 6121
§2.1.2.1, SHOULD); a normal message to a missing resource delivered to the
account (RFC 6121 §8.5.3.2.1); another domain answered not-allowed (no s2s
here); stored messages not delivered on a later non-negative presence
(XEP-0160 §2) and no queue limit; its own feature list; disco#items of a
stranger refused instead of empty (XEP-0030 §8); a domain with a space taken
for a remote one, an unassigned code point and a 1024-octet resource accepted
at binding (RFC 7622); the last status in the last activity of an online
contact (XEP-0012 §3); vCards normalized (<MIDDLE/>, <PREFIX/>, <SUFFIX/>
added) and an empty vCard instead of service-unavailable for a user without
one (XEP-0054 §3.3); SCRAM for an account that does not exist refused at the
first message, not after the proof (so the two registration scenarios that
check an account is gone stop there). Everything else in the IM documents
passes.
"""
import os, sys, shutil, subprocess, time, signal
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run

LUA_MODULES = ['roster', 'saslauth', 'tls', 'disco', 'private'] + (['vcard_legacy'] if os.environ.get('VCARD') else []) + [ 'version', 'uptime', 'time',
               'ping', 'register', 'blocklist', 'lastactivity', 'offline', 'presence', 'message', 'iq']

def prosody_config(env, overrides, port, dport):
    reg = overrides.get('im.register_enabled', 'false') == 'true'
    mods = '; '.join(f'"{m}"' for m in LUA_MODULES)
    return f'''
run_as_root = true
daemonize = false
pidfile = "{env.tmp}/prosody.pid"
data_path = "{env.data_dir}"
log = {{ debug = "{env.tmp}/prosody.log" }}
interfaces = {{ "127.0.0.1" }}
c2s_ports = {{ {port} }}
c2s_direct_tls_ports = {{ {dport} }}
s2s_ports = {{ }}
http_ports = {{ }}
https_ports = {{ }}
modules_enabled = {{ {mods} }}
modules_disabled = {{ "admin_socket"; "s2s"; "admin_shell"; "admin_telnet" }}
c2s_require_encryption = true
authentication = "internal_hashed"
allow_registration = {"true" if reg else "false"}
min_seconds_between_registrations = 0
registration_throttle_max = 1000
offline_max = {overrides.get('im.offline_max', '1000')}
ssl = {{ certificate = "{env.cert}"; key = "{env.key}"; }}
VirtualHost "example.com"
'''

class ProsodyServer:
    def __init__(self, args, env, overrides, label):
        self.env = env
        self.dir = os.path.join(env.tmp, 'config-' + label)
        os.makedirs(self.dir, exist_ok=True)
        self.conf = os.path.join(self.dir, 'prosody.cfg.lua')
        with open(self.conf, 'w') as f:
            f.write(prosody_config(env, overrides, env.ports['starttls'], env.ports['direct-tls']))
        self.log_path = os.path.join(env.tmp, 'prosody.log')
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(['prosody', '--config', self.conf], stdin=subprocess.DEVNULL,
                                     stdout=open(os.path.join(self.dir, 'out.log'), 'ab'), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        import socket
        while True:
            try:
                socket.create_connection(('127.0.0.1', self.env.ports['starttls']), timeout=0.5).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError('prosody did not start: ' + open(os.path.join(self.dir, 'out.log')).read()[-2000:])
                time.sleep(0.05)
        time.sleep(0.05)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_tail(self, offset, max_lines=40):
        try:
            with open(self.log_path, 'rb') as f:
                f.seek(offset)
                lines = f.read().decode('utf-8', 'replace').splitlines()
        except OSError:
            return ''
        return '\n'.join('      | ' + l for l in lines[-max_lines:])

    def stop(self):
        if self.proc is None:
            return 'not started'
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill(); self.proc.wait()
        self.proc = None
        return None

def make_seed(args, env):
    shutil.rmtree(env.data_dir, ignore_errors=True)
    os.makedirs(env.data_dir)
    s = ProsodyServer(args, env, {}, 'accounts')
    for user, password in run.ACCOUNTS.items():
        run.run_command(['prosodyctl', '--config', s.conf, 'register', user, 'example.com', password])
    shutil.rmtree(env.seed_dir, ignore_errors=True)
    os.rename(env.data_dir, env.seed_dir)

run.Server = ProsodyServer
# Prosody 0.12 offers SCRAM-SHA-1 and PLAIN only.
def do_login(self, block):
    words = block.body.split()
    account, password = words[0], words[1]
    resource = words[2] if len(words) == 3 else ''
    if not self.conn.tls:
        self.do_open(); self.do_starttls(block)
    self.do_open()
    self.scram('SCRAM-SHA-1', account, password)
    self.do_open()
    self.bind(resource)
run.Player.do_login = do_login
run.Player.do_sasl_scram_sha_256 = lambda self, block: self.scram('SCRAM-SHA-1', *self.sasl_args(block))
run.make_seed = make_seed
# The error-text check (README, "Error texts") is about xmppd's texts, not the documents.
run.Player.check_error_texts = False
sys.exit(run.main(['--server', '/usr/bin/prosody', '--ctl', '/usr/bin/prosodyctl'] + sys.argv[1:]))
