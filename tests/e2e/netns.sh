# Network-namespace helpers shared by the lwIP and Zephyr TAP tests (sourced, bash).
# shellcheck shell=bash

# netns_teardown NS: stop every process still running in NS, then delete it.
# (`ip netns exec CMD &` does not always leave CMD as the shell's child, so a kill of $!
# can miss it: ask the namespace itself which processes it holds.)
netns_teardown() {
  local ns=$1 pids
  [ -n "$ns" ] || return 0
  pids=$(ip netns pids "$ns" 2>/dev/null)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null
    for _ in $(seq 1 30); do
      [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
      sleep 0.1
    done
    pids=$(ip netns pids "$ns" 2>/dev/null)
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  fi
  ip netns del "$ns" 2>/dev/null
  return 0
}
