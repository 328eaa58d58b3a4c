#!/usr/bin/env bash
# Run the W3C conformance suites (VC Data Model 2.0, Data Integrity EdDSA, Bitstring Status
# List) against a throwaway Dalel served over HTTPS on this machine.
#
#   scripts/run-w3c.sh [--port N] [--only NAME] [--keep]
#
# What it does, all inside one temporary directory (nothing is written to the repository):
#   1. a test certificate authority and a certificate for 127.0.0.1 signed by it;
#   2. a data directory seeded by `dalel demo --no-serve` (an institution, its Ed25519 key,
#      a responsible person's API token);
#   3. `dalel serve` on https://127.0.0.1:PORT, with DALEL_PUBLIC_URL set to that origin (so the
#      status list URLs Dalel puts into credentials are https and reachable), the test CA
#      trusted by Dalel's own fetcher (DALEL_FETCH_CA_FILE) and the verify rate limit off;
#   4. the suite runner, with the institution key's did:key as the issuer and the token, and
#      Node trusting the test CA (NODE_EXTRA_CA_CERTS).
#
# --only NAME   run one suite (vc-data-model | vc-di-eddsa | bitstring)
# --keep        keep the temporary directory (server log, data) for inspection
#
# Environment (defaults in brackets):
#   PYTHON       the Python with Dalel's dependencies [/work/main/.venv/bin/python, else python3]
#   W3C_RUNNER   the suite runner [/work/shared/tools/run-w3c-suites]
#   W3C_MIRROR   where the suites' repositories were fetched [/work/.mirror]
#   W3C_WORK     where the runner keeps the suites and their npm installs [/work/w3c-work]
# The runner prints "passed/tests, failed" per suite and leaves mocha JSON reports in W3C_WORK;
# the exit status is 0 only when no suite has a failure.
set -euo pipefail

port=8443
only=
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PYTHON:-}" ]; then
  if [ -x /work/main/.venv/bin/python ]; then PYTHON=/work/main/.venv/bin/python; else PYTHON=python3; fi
fi
runner=${W3C_RUNNER:-/work/shared/tools/run-w3c-suites}
mirror=${W3C_MIRROR:-/work/.mirror}
work=${W3C_WORK:-/work/w3c-work}
[ -x "$runner" ] || { echo "suite runner not found: $runner (set W3C_RUNNER)" >&2; exit 2; }

base="https://127.0.0.1:$port"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dalel-w3c.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

"$PYTHON" - "$port" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(f"port {sys.argv[1]} is in use: choose another with --port")
finally:
    s.close()
PY

# 1. test CA and server certificate (P-256), valid for two days
"$PYTHON" - "$tmp" <<'PY'
import datetime as dt, ipaddress, sys
from pathlib import Path
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

out = Path(sys.argv[1])
now = dt.datetime.now(dt.timezone.utc)
def name(cn): return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (x509.CertificateBuilder().subject_name(name("Dalel W3C run CA")).issuer_name(name("Dalel W3C run CA"))
      .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
      .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
      .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
      .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
      .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
      .sign(ca_key, hashes.SHA256()))
key = ec.generate_private_key(ec.SECP256R1())
cert = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                    x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256()))
(out / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
(out / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
(out / "server.key").write_bytes(key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
PY

# 2. a demo data directory. Run from the temporary directory so that no ./dalel.toml is read,
# and drop settings from the caller's environment that would point elsewhere.
unset DALEL_CONFIG DATABASE_URL DALEL_DATABASE_URL DALEL_KEYSTORE_PASSPHRASE DALEL_VERIFIER_BUNDLE
export PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}"
export DALEL_DATA_DIR="$tmp/data" DALEL_PUBLIC_URL="$base" DALEL_FETCH_CA_FILE="$tmp/ca.pem"
export DALEL_VERIFY_RATE_PER_MINUTE=0 DALEL_LOG_FORMAT=text
cd "$tmp"
"$PYTHON" -m dalel --lang en demo --no-serve --out "$tmp/demo" >"$tmp/demo.log" 2>&1 \
  || { cat "$tmp/demo.log" >&2; exit 1; }
export DALEL_KEYSTORE_PASSPHRASE_FILE="$tmp/data/keystore-passphrase"
read -r slug token < <("$PYTHON" -c '
import json, sys
m = json.load(open(sys.argv[1]))
print(m["institution"]["slug"], m["token"])' "$tmp/demo/manifest.json")
did=$("$PYTHON" -m dalel keys list --json --institution "$slug" | "$PYTHON" -c '
import json, sys
keys = [k for k in json.load(sys.stdin) if k["algorithm"] == "Ed25519" and k["status"] == "active"]
print(keys[0]["did_key"])')

# 3. the server
"$PYTHON" -m dalel serve --port "$port" --tls-cert "$tmp/server.pem" --tls-key "$tmp/server.key" \
  >"$tmp/server.log" 2>&1 &
server_pid=$!
"$PYTHON" - "$base/health" "$tmp/ca.pem" <<'PY' || { tail -20 "$tmp/server.log" >&2; exit 1; }
import ssl, sys, time, urllib.request
context = ssl.create_default_context(cafile=sys.argv[2])
for _ in range(60):
    try:
        urllib.request.urlopen(sys.argv[1], context=context, timeout=2).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit("the server did not come up")
PY
echo "Dalel on $base, issuer $did"

# 4. the suites
status=0
NODE_EXTRA_CA_CERTS="$tmp/ca.pem" "$runner" --mirror "$mirror" --work "$work" --base "$base" \
  --issuer-did "$did" --token "$token" ${only:+--only "$only"} || status=$?
if [ "$status" != 0 ] && grep -q "Traceback" "$tmp/server.log"; then
  echo "--- server errors (see $tmp/server.log with --keep)" >&2
  grep -B2 -A12 "Traceback" "$tmp/server.log" | tail -40 >&2
fi
exit "$status"
