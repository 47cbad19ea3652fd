#!/bin/sh
# gen-cert.sh DOMAIN OUTDIR - a self-signed certificate for DOMAIN, for running
# xmppd locally: OUTDIR/DOMAIN.crt and OUTDIR/DOMAIN.key (mode 0600).
#
# EC P-256 key, ECDSA-SHA256 signature, subjectAltName DNS:DOMAIN (RFC 6125
# clients check the SAN, not the CN), a leaf (CA:FALSE) for TLS server and
# client auth (s2s presents the same certificate as a client), valid 10 years.
# Idempotent: when both files exist it does nothing, so `make run` can call it
# every time. When only one exists the pair is regenerated: a key without its
# certificate (or the reverse) is of no use.
#
# Needs the openssl command line tool (Debian package `openssl`). Uses its own
# configuration, not the system's openssl.cnf, so the result is the same
# everywhere. Files appear whole or not at all (written aside, then renamed).
set -eu

usage() {
	echo "usage: $0 DOMAIN OUTDIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
domain=$1
outdir=$2

# A DNS name (RFC 1035 letters, digits, hyphens, dots): it goes into a file name
# and the OpenSSL configuration, so nothing else may pass.
case $domain in
'' | .* | *. | -* | *..* | *[!A-Za-z0-9.-]*)
	echo "$0: '$domain' is not a DNS name" >&2
	exit 2
	;;
esac
[ ${#domain} -le 253 ] || { echo "$0: '$domain' is longer than 253 characters" >&2; exit 2; }

crt=$outdir/$domain.crt
key=$outdir/$domain.key
if [ -s "$crt" ] && [ -s "$key" ]; then
	exit 0
fi

command -v openssl >/dev/null 2>&1 || {
	echo "$0: the openssl command is missing (Debian: apt-get install openssl)" >&2
	exit 1
}

mkdir -p "$outdir"
umask 077
work=$(mktemp -d "$outdir/.gen-cert.XXXXXX")
trap 'rm -rf "$work"' EXIT HUP INT TERM

cat >"$work/req.cnf" <<EOF
[req]
prompt = no
distinguished_name = dn
x509_extensions = leaf

[dn]
CN = $domain

[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:$domain
subjectKeyIdentifier = hash
EOF

if ! openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
	-days 3650 -config "$work/req.cnf" -keyout "$work/key" -out "$work/crt" \
	2>"$work/errors"; then
	echo "$0: openssl failed:" >&2
	cat "$work/errors" >&2
	exit 1
fi

chmod 600 "$work/key"
chmod 644 "$work/crt"
# The key first: a certificate on disk always has its key next to it.
mv -f "$work/key" "$key"
mv -f "$work/crt" "$crt"
echo "gen-cert: wrote $crt and $key (self-signed, 10 years)"
