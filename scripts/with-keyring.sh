#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with an unlocked GNOME Keyring (the Secret Service
# keytar talks to on Linux), in a throwaway HOME, so keychain tests use a real keychain and never
# touch the user's own.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)" >&2
  exit 2
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/run" && chmod 700 "$home/run"
HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run" \
  dbus-run-session -- bash -c 'echo -n mailflow-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec npx "$@"' with-keyring "$@"
