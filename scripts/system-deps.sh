#!/usr/bin/env bash
# The Debian packages the test suite needs: Chromium (end-to-end tests), D-Bus and GNOME Keyring
# (real keychain tests), libsecret headers (keytar builds from source), nftables (firewall rules
# are checked with `nft -c`), Postfix (a real SMTP peer). Installs the missing ones when run as
# root, otherwise says what to install.
set -euo pipefail
packages=(chromium dbus gnome-keyring libsecret-1-dev nftables postfix fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 2
fi
echo "Installing system packages the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
