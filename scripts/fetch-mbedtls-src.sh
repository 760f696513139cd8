#!/usr/bin/env bash
# Fetch Debian bookworm's mbedTLS source (the version of the installed libmbedtls-dev, else
# bookworm's) into build/src/ with `apt-get source`, adding a deb-src entry for bookworm
# first when apt has none. Cached: does nothing when build/src/mbedtls-2.28*/ is there.
# Prints the source directory on stdout (messages go to stderr).
# Needs root only to add the entry and fetch (else prints the commands and exits 1).
# Usage: scripts/fetch-mbedtls-src.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC_ROOT="$ROOT/build/src"
SOURCES_FILE=/etc/apt/sources.list.d/osfn-bookworm-src.sources

say() { printf 'fetch-mbedtls-src: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

find_src() {
  [ -d "$SRC_ROOT" ] || return 0
  find "$SRC_ROOT/" -mindepth 1 -maxdepth 1 -type d -name 'mbedtls-2.28*' | sort -V | tail -1
}

SRC=$(find_src)
if [ -n "$SRC" ] && [ -f "$SRC/library/sha256.c" ]; then
  echo "$SRC"
  exit 0
fi

# The exact version the host build links (libmbedtls-dev), so target and host hash alike.
want="mbedtls/bookworm"
ver=$(dpkg-query -W -f='${source:Version}' libmbedtls-dev 2>/dev/null || true)
case "$ver" in 2.28.*) want="mbedtls=$ver" ;; esac

# True when an enabled deb-src entry for bookworm exists (one-line or deb822 format).
have_deb_src() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -qE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm([[:space:]]|$)' "$f" && return 0
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822: stanzas separated by blank lines; need Types with deb-src and Suites with
    # bookworm, and not Enabled: no.
    awk 'BEGIN { RS = ""; IGNORECASE = 1; found = 0 }
         /(^|\n)Types:[^\n]*deb-src/ && /(^|\n)Suites:[^\n]*[ \t]bookworm([ \t\n]|$)/ &&
         !/(^|\n)Enabled:[ \t]*no/ { found = 1 }
         END { exit found ? 0 : 1 }' "$f" && return 0
  done
  return 1
}

if [ "$(id -u)" -ne 0 ]; then
  {
    echo "fetch-mbedtls-src: fetching Debian's mbedTLS source needs root; as root run:"
    have_deb_src || printf "  printf 'Types: deb-src\\\\nURIs: http://deb.debian.org/debian\\\\nSuites: bookworm\\\\nComponents: main\\\\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\\\\n' > %s\n" "$SOURCES_FILE"
    echo "  apt-get update && apt-get install -y dpkg-dev && mkdir -p $SRC_ROOT && cd $SRC_ROOT && apt-get source $want"
  } >&2
  exit 1
fi

command -v dpkg-source >/dev/null || "$ROOT/scripts/deps.sh" dpkg-dev >&2 || exit 1

if ! have_deb_src; then
  say "adding $SOURCES_FILE (deb-src only, bookworm)"
  cat >"$SOURCES_FILE" <<'SRCS'
# Added by osfn scripts/fetch-mbedtls-src.sh: Debian bookworm *source* packages
# (apt-get source mbedtls). deb-src only: it changes nothing apt-get install can see.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCS
fi

# Another apt (a colleague's script, unattended upgrades) may hold the lists lock: retry.
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3 4 5 6; do
  if apt-get update -qq -o Acquire::Retries=2 >&2; then break; fi
  [ "$attempt" -eq 6 ] && die "apt-get update failed"
  say "apt-get update failed (lock held?); retrying in 5 s"
  sleep 5
done

mkdir -p "$SRC_ROOT"
say "apt-get source $want into $SRC_ROOT"
if ! (cd "$SRC_ROOT" && apt-get source -qq "$want" >"$SRC_ROOT/apt-get-source-2.28.log" 2>&1); then
  if [ "$want" != "mbedtls/bookworm" ]; then
    say "$want not in the source index; trying mbedtls/bookworm"
    (cd "$SRC_ROOT" && apt-get source -qq mbedtls/bookworm >"$SRC_ROOT/apt-get-source-2.28.log" 2>&1) ||
      { cat "$SRC_ROOT/apt-get-source-2.28.log" >&2; die "apt-get source failed"; }
  else
    cat "$SRC_ROOT/apt-get-source-2.28.log" >&2
    die "apt-get source failed"
  fi
fi
SRC=$(find_src)
[ -n "$SRC" ] && [ -f "$SRC/library/sha256.c" ] || die "no mbedtls-2.28*/library/sha256.c in $SRC_ROOT"
echo "$SRC"
