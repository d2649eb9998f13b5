#!/bin/sh
# Runs one test executable in a home of its own, made empty for each run:
#   own_home.sh HOME_DIR COMMAND [ARGS…]
# Settings (QSettings, ~/.qttest), recent files, the Pictures folder and caches start empty,
# whatever earlier runs, other test executables running beside it, or the user's own session
# left behind: a test passes alone, in any order, and on a fresh machine alike.
set -eu
home=$1
shift
rm -rf "$home"
mkdir -p "$home/.config" "$home/.local/share" "$home/.local/state" "$home/.cache" "$home/runtime"
chmod 700 "$home/runtime"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  XDG_STATE_HOME="$home/.local/state" XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/runtime"
unset XDG_CONFIG_DIRS XDG_DATA_DIRS
exec "$@"
