# Start and stop emulator instances for tests and the demo (sourced, bash).
# emu_start NAME PROFILE: starts tests/emulator/osfn_emulator.py with the cert profile,
#   waits for its port; sets EMU_PORT_<NAME>. emu_stop_all: stops every one started.
# Needs EMU_DIR (a scratch directory) set by the caller.
# shellcheck shell=bash
EMU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
EMU_PIDS=()

emu_start() {
  local name=$1 profile=$2 portfile="$EMU_DIR/$1.port" i
  rm -f "$portfile"
  python3 "$EMU_ROOT/tests/emulator/osfn_emulator.py" --host 127.0.0.1 --port 0 \
    --port-file "$portfile" --certs-dir "$EMU_DIR/certs" --cert-profile "$profile" \
    --log "$EMU_DIR/$name.log" >>"$EMU_DIR/$name.out" 2>&1 &
  EMU_PIDS+=($!)
  for i in $(seq 1 150); do
    [ -s "$portfile" ] && break
    kill -0 "${EMU_PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ ! -s "$portfile" ]; then
    echo "emulator $name did not start:" >&2
    cat "$EMU_DIR/$name.out" >&2
    return 1
  fi
  printf -v "EMU_PORT_$name" '%s' "$(cat "$portfile")"
}

emu_stop_all() {
  local pid
  for pid in "${EMU_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${EMU_PIDS[@]}"; do
    wait "$pid" 2>/dev/null
  done
  EMU_PIDS=()
}
