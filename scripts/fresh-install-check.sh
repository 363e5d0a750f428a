#!/usr/bin/env bash
# CI: a new user's machine has Node and nothing else. In a temporary copy of the repository (no
# node_modules, no out/), `npm ci` must succeed although keytar cannot be built (pkg-config finds
# no libsecret), then `mailflow --help` (also through npx) must work, and `npm start` must fall back
# to the browser preview (no Electron binary), answer on 127.0.0.1 and say "no keychain" only where
# a password is saved.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mailflow-fresh-XXXXXX")
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "fresh-install: $*"; }

# The files git would commit (tracked, plus new ones not ignored), as they are in the work tree.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' | tar --null -T - -cf -) | tar -xf - -C "$work/"
cd "$work"
say "copied to $work ($(find . -type f | wc -l) files, no node_modules)"

export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
say "npm ci with PKG_CONFIG_LIBDIR=/nonexistent (keytar cannot build)"
PKG_CONFIG_LIBDIR=/nonexistent npm ci --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1 || {
  tail -40 "$work/npm-ci.log"
  say "FAILED: npm ci"
  exit 1
}
if node -e "require('keytar')" 2>/dev/null; then
  say "FAILED: keytar loads, so this run did not prove an install without it"
  exit 1
fi
say "npm ci: ok, keytar not built (as intended)"

node bin/mailflow.mjs --help | head -3
npx --no-install mailflow --version
say "mailflow --help and npx mailflow: ok"

# A password-protected PFX read with --password-env: the CLI never needs the keychain.
cat >"$work/make-pfx.mjs" <<'JS'
import forge from 'node-forge';
import { writeFileSync } from 'node:fs';
const keys = forge.pki.rsa.generateKeyPair(2048);
const cert = forge.pki.createCertificate();
cert.publicKey = keys.publicKey;
cert.serialNumber = '01';
cert.validity.notBefore = new Date(Date.now() - 86_400_000);
cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
cert.setSubject([{ name: 'commonName', value: 'mail.contoso.test' }]);
cert.setIssuer([{ name: 'commonName', value: 'mail.contoso.test' }]);
cert.sign(keys.privateKey, forge.md.sha256.create());
const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], process.env.FRESH_PFX_PASSWORD, { algorithm: '3des' });
writeFileSync(process.argv[2], Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
JS
export FRESH_PFX_PASSWORD=Fresh-Install-1
node "$work/make-pfx.mjs" "$work/mail.pfx"
status=0
node bin/mailflow.mjs cert "$work/mail.pfx" --password-env FRESH_PFX_PASSWORD >"$work/cert.log" 2>&1 || status=$?
head -2 "$work/cert.log"
# 0 or 1 is a verdict on this self-signed certificate; 2 would be "could not read it".
if [ "$status" -gt 1 ]; then
  cat "$work/cert.log"
  say "FAILED: mailflow cert --password-env exited $status"
  exit 1
fi
say "mailflow cert --password-env without a keychain: ok (exit $status)"

data="$work/data"
mkdir -p "$data"
MAILFLOW_DATA_DIR="$data" node scripts/start.mjs --no-open >"$work/start.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 240); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/#token=[A-Za-z0-9_-]*' "$work/start.log" || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$url" ]; then
  cat "$work/start.log"
  say "FAILED: the preview did not start"
  exit 1
fi
grep -m1 'No Electron runtime is installed' "$work/start.log"
grep -m1 'Starting the browser preview instead' "$work/start.log"
PREVIEW_URL="$url" node --input-type=module -e '
const url = new URL(process.env.PREVIEW_URL);
const token = url.hash.replace("#token=", "");
const page = await fetch(new URL("/", url));
const call = async (method, args) => {
  const response = await fetch(new URL(`/api/${method}`, url), { method: "POST", headers: { "content-type": "application/json", "x-mailflow-token": token }, body: JSON.stringify(args) });
  return response.json();
};
const created = await call("createEngagement", [{ name: "Fresh machine", domains: ["contoso.test"], smartHosts: ["mail.contoso.test"], serverKind: "postfix", testAddresses: [], notes: "" }]);
const listed = await call("listEngagements", []);
const secret = await call("saveSecret", [created.value.id, "smtp-password", "not-kept"]);
console.log(`preview at ${url.origin}: page ${page.status}, engagement created ${created.ok}, listed ${listed.value.length}`);
console.log(`saving a password without a keychain: ${secret.ok ? "saved?!" : `${secret.error.code}: ${secret.error.message.slice(0, 120)}...`}`);
if (page.status !== 200 || !created.ok || listed.value.length !== 1 || secret.ok || secret.error.code !== "keychain-unavailable") process.exit(1);
'
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
say "npm start (browser preview fallback) answered on 127.0.0.1 and stopped: ok"
