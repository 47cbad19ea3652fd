#!/bin/bash
# tests/interop/run.sh - real XMPP clients nobody here wrote log in to xmppd.
#
#   tests/interop/run.sh              (from anywhere; uses build/release/xmppd)
#   XMPPD=build/asan/xmppd tests/interop/run.sh
#   KEEP=1 tests/interop/run.sh       (keep the temp dir: configs, logs, binaries)
#   DEBUG=1 tests/interop/run.sh      (clients log every byte they send and receive)
#
# Needs the Debian packages python3-slixmpp and libstrophe-dev (plus openssl for
# tools/gen-cert.sh, and a C compiler). Each server instance gets a temp dir with a
# self-signed certificate, one account, a config on free 127.0.0.1 ports, and is
# stopped with SIGTERM at the end of its cases (it must exit 0).
#
# Three server configurations, because neither client lets the test pick every
# mechanism itself:
#   default    every mechanism as shipped (-PLUS included). libstrophe 0.12 takes
#              the strongest SCRAM it knows, SCRAM-SHA-256, with gs2 flag "n".
#   no-plus    SCRAM-SHA-256, SCRAM-SHA-1, PLAIN. slixmpp restricted to
#              SCRAM-SHA-256. slixmpp 1.8 believes it has channel binding
#              (tls-unique, which TLS 1.3 does not define) and so sends gs2 flag "y";
#              while -PLUS is offered the server MUST refuse that as a downgrade
#              (RFC 5802 §6), so slixmpp can use plain SCRAM only where no -PLUS
#              mechanism is offered.
#   sha1-only  SCRAM-SHA-1 alone: libstrophe has no API to choose a mechanism, so
#              the server's offer selects SCRAM-SHA-1 and the client checks it.
# Every success case has a wrong-password twin that must fail authentication.
#   im         the no-plus server again, with a second account: two slixmpp clients
#              subscribe to each other, exchange presence and messages, and one
#              receives after logging in again a message sent while it was away
#              (slixmpp_im.py: RFC 6121 §3-§5, XEP-0160, XEP-0203).
#
# Output: one PASS/FAIL line per case, then "N passed, M failed"; exit 1 on any
# failure. Runs in a few seconds.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
abspath() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
XMPPD=$(abspath "${XMPPD:-$root/build/release/xmppd}")
XMPPCTL=$(abspath "${XMPPCTL:-$(dirname "$XMPPD")/xmppctl}")
# Debian's Python, not whatever `python3` is first on PATH (pyenv, a virtualenv):
# only /usr/bin/python3 sees python3-slixmpp in /usr/lib/python3/dist-packages.
PY=/usr/bin/python3
CC=${CC:-cc}
DOMAIN=localhost
USER_NAME=alice
PASSWORD='correct horse 7 battery'
WRONG_PASSWORD='correct horse 8 battery'
USER2_NAME=bob
PASSWORD2='staple 4 battery horse'
CLIENT_TIMEOUT=10 # seconds, per client run (each also runs under timeout(1))
debug_flag=
[ -n "${DEBUG:-}" ] && debug_flag=--debug

passed=0
failed=0
server_pid=
work=$(mktemp -d "${TMPDIR:-/tmp}/xmppd-interop.XXXXXX")

cleanup() {
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -KILL "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
	fi
	if [ -n "${KEEP:-}" ]; then
		echo "interop: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

pass() {
	echo "PASS $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# Two free TCP ports on 127.0.0.1 (the kernel picks; a race with another process
# taking one before xmppd binds is possible but shows up as a start failure).
free_ports() {
	"$PY" -c 'import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))'
}

# start_server NAME MECHANISMS-SETTING: sets port, dir, server_pid; returns 1 on failure.
start_server() {
	local name=$1 mechanisms=$2
	dir=$work/$name
	mkdir -p "$dir/var"
	read -r port tls_port < <(free_ports) || return 1
	cat >"$dir/xmppd.conf" <<EOF
server = { domain = "$DOMAIN"; data_dir = "$dir/var"; };
c2s = { addresses = [ "127.0.0.1" ]; port = $port; direct_tls_port = $tls_port; };
$mechanisms
log = { level = "debug"; };
EOF
	"$root/tools/gen-cert.sh" "$DOMAIN" "$dir/var/tls" >/dev/null || return 1
	printf '%s\n' "$PASSWORD" | "$XMPPCTL" --config "$dir/xmppd.conf" adduser "$USER_NAME" \
		>"$dir/xmppctl.log" 2>&1 || { cat "$dir/xmppctl.log"; return 1; }
	"$XMPPD" --config "$dir/xmppd.conf" >"$dir/xmppd.log" 2>&1 </dev/null &
	server_pid=$!
	for _ in $(seq 50); do # up to 5 s
		grep -q "listening on 127.0.0.1 port $port " "$dir/xmppd.log" 2>/dev/null && return 0
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "  xmppd ($name) did not start listening on port $port:"
	sed 's/^/  | /' "$dir/xmppd.log"
	kill -KILL "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
	return 1
}

# stop_server NAME: SIGTERM, then the exit status must be 0 within 5 s.
stop_server() {
	local name=$1 rc
	kill -TERM "$server_pid" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$server_pid" 2>/dev/null; then
		kill -KILL "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=
		fail "$name: xmppd exits on SIGTERM (still running after 5 s: killed)"
		return
	fi
	wait "$server_pid"
	rc=$?
	server_pid=
	if [ "$rc" -eq 0 ]; then
		pass "$name: xmppd exits 0 on SIGTERM"
	else
		fail "$name: xmppd exits 0 on SIGTERM (exit status $rc)"
		sed 's/^/  | /' "$dir/xmppd.log" | tail -20
	fi
}

# run_case LABEL COMMAND...: PASS when the command exits 0; its output is shown
# (indented) on failure only, together with the end of the server log.
run_case() {
	local label=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "$label"
		[ -n "$debug_flag" ] && printf '%s\n' "$out" | sed 's/^/  /'
	else
		fail "$label (exit status $rc)"
		printf '%s\n' "$out" | sed 's/^/  /'
		echo "  server log (end):"
		tail -8 "$dir/xmppd.log" | sed 's/^/  | /'
	fi
}

# The server's own account of a login: it logs one line per SASL outcome
# ("authenticated USER with MECHANISM", "authentication failed for USER"). This
# is also how a mechanism the client cannot be told to use is checked from the
# server's side.
log_count() { grep -c -e "$1" "$dir/xmppd.log"; }

# logged LABEL REGEX BEFORE MIN MAX: lines matching REGEX added since BEFORE was
# counted must number MIN..MAX.
logged() {
	local label=$1 regex=$2 before=$3 min=$4 max=$5 added
	added=$(($(log_count "$regex") - before))
	if [ "$added" -ge "$min" ] && [ "$added" -le "$max" ]; then
		pass "$label"
	else
		fail "$label (found $added new line(s) matching '$regex', wanted $min..$max)"
		tail -8 "$dir/xmppd.log" | sed 's/^/  | /'
	fi
}

# login_cases NAME CLIENT-FUNCTION MECHANISM DESCRIPTION: the success case and
# its wrong-password twin, each with the server log's view of it.
login_cases() {
	local name=$1 client=$2 mech=$3 what=$4 ok_re fail_re ok0 fail0
	ok_re=": authenticated $USER_NAME with $mech\$"
	fail_re=": authentication failed for $USER_NAME\$"
	ok0=$(log_count "$ok_re")
	fail0=$(log_count "$fail_re")
	run_case "$name: $what logs in with $mech, binds, pings, closes" \
		"$client" "$mech" "$PASSWORD" success
	logged "$name: server log: authenticated $USER_NAME with $mech" "$ok_re" "$ok0" 1 1
	ok0=$(log_count ": authenticated ")
	run_case "$name: $what with a wrong password is refused" \
		"$client" "$mech" "$WRONG_PASSWORD" auth-failure
	# libstrophe tries each SCRAM the server offers before giving up: up to 2.
	logged "$name: server log: authentication failed for $USER_NAME" "$fail_re" "$fail0" 1 2
	logged "$name: server log: no login with the wrong password" ": authenticated " "$ok0" 0 0
}

# The clients stop themselves after CLIENT_TIMEOUT; timeout(1) is the backstop.
slixmpp() { # slixmpp MECHANISM PASSWORD EXPECT (the script knows only SCRAM-SHA-256)
	[ "$1" = SCRAM-SHA-256 ] || { echo "slixmpp_login.py uses SCRAM-SHA-256 only, not $1"; return 2; }
	timeout $((CLIENT_TIMEOUT + 5)) "$PY" "$here/slixmpp_login.py" --host 127.0.0.1 --port "$port" --jid "$USER_NAME@$DOMAIN" \
		--password "$2" --cafile "$dir/var/tls/$DOMAIN.crt" --expect "$3" \
		--timeout "$CLIENT_TIMEOUT" $debug_flag
}

strophe() { # strophe MECHANISM PASSWORD EXPECT
	timeout $((CLIENT_TIMEOUT + 5)) "$work/strophe_login" --host 127.0.0.1 --port "$port" --jid "$USER_NAME@$DOMAIN" \
		--password "$2" --cafile "$dir/var/tls/$DOMAIN.crt" --mechanism "$1" --expect "$3" \
		--timeout "$CLIENT_TIMEOUT" $debug_flag
}

# add_account NAME PASSWORD: one more account on the running server's database.
add_account() {
	printf '%s\n' "$2" | "$XMPPCTL" --config "$dir/xmppd.conf" adduser "$1" >>"$dir/xmppctl.log" 2>&1 ||
		{ sed 's/^/  | /' "$dir/xmppctl.log"; return 1; }
}

slixmpp_im() { # two accounts: subscriptions, presence, messages, offline delivery
	timeout $((4 * CLIENT_TIMEOUT + 10)) "$PY" "$here/slixmpp_im.py" --host 127.0.0.1 --port "$port" \
		--jid1 "$USER_NAME@$DOMAIN" --password1 "$PASSWORD" --jid2 "$USER2_NAME@$DOMAIN" --password2 "$PASSWORD2" \
		--cafile "$dir/var/tls/$DOMAIN.crt" --timeout "$CLIENT_TIMEOUT" $debug_flag
}

# ---- prerequisites: missing ones are failures, not skips ----
for f in "$XMPPD" "$XMPPCTL"; do
	[ -x "$f" ] || { fail "prerequisite: $f (run make)"; }
done
"$PY" -c 'import slixmpp' 2>/dev/null || fail "prerequisite: $PY -c 'import slixmpp' (apt-get install python3-slixmpp)"
strophe_flags=$(pkg-config --cflags --libs libstrophe 2>/dev/null) ||
	fail "prerequisite: pkg-config libstrophe (apt-get install libstrophe-dev)"
if [ "$failed" -eq 0 ]; then
	# shellcheck disable=SC2086 # pkg-config output is a word list
	if ! "$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -o "$work/strophe_login" \
		"$here/strophe_login.c" $strophe_flags 2>"$work/cc.log"; then
		fail "prerequisite: build tests/interop/strophe_login.c"
		sed 's/^/  /' "$work/cc.log"
	fi
fi
if [ "$failed" -ne 0 ]; then
	echo "$passed passed, $failed failed"
	exit 1
fi

# ---- default: all mechanisms, as shipped ----
if start_server default ""; then
	login_cases default strophe SCRAM-SHA-256 "libstrophe (its own choice)"
	stop_server default
else
	fail "default: xmppd starts"
fi

# ---- no-plus: slixmpp with SCRAM-SHA-256 only ----
if start_server no-plus 'sasl = { mechanisms = [ "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN" ]; };'; then
	login_cases no-plus slixmpp SCRAM-SHA-256 "slixmpp (restricted to it)"
	stop_server no-plus
else
	fail "no-plus: xmppd starts"
fi

# ---- sha1-only: libstrophe with SCRAM-SHA-1 ----
if start_server sha1-only 'sasl = { mechanisms = [ "SCRAM-SHA-1" ]; };'; then
	login_cases sha1-only strophe SCRAM-SHA-1 "libstrophe (the only one offered)"
	stop_server sha1-only
else
	fail "sha1-only: xmppd starts"
fi

# ---- im: two slixmpp clients talk through the server ----
if start_server im 'sasl = { mechanisms = [ "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN" ]; };' &&
	add_account "$USER2_NAME" "$PASSWORD2"; then
	run_case "im: slixmpp and slixmpp subscribe, exchange presence and messages, get an offline message" slixmpp_im
	stop_server im
else
	fail "im: xmppd starts with two accounts"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
