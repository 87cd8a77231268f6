#!/usr/bin/env bash
# The test suite's CPU, counted two ways (issue #26): what `/usr/bin/time -v` reports
# (this process and the children it waited for), and everything the run and its
# descendants used, from a cgroup v1 cpuacct group made for the run (root only).
#
# The two differ because Chromium's launcher script is killed, not waited for, when
# Playwright closes the browser: the browser's own CPU, its renderers' included, never
# reaches the rusage chain, so `/usr/bin/time` sees about a third of the browser tests' CPU.
#
#   bench/suite_cpu.sh                      # the whole suite, as the README runs it
#   bench/suite_cpu.sh tests/browser -q     # any pytest arguments
set -euo pipefail
cd "$(dirname "$0")/.."
group=/sys/fs/cgroup/cpuacct/kqp-suite-$$
if ! mkdir "$group" 2>/dev/null; then
  echo "no cpuacct cgroup here (needs root and cgroup v1's cpuacct): /usr/bin/time only" >&2
  exec /usr/bin/time -f "time: %e s wall, %U s user + %S s sys" python -m pytest -p no:cacheprovider "$@"
fi
set +e
sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$group" \
  /usr/bin/time -f "time: %e s wall, %U s user + %S s sys" python -m pytest -p no:cacheprovider "$@"
status=$?
set -e
ticks=$(getconf CLK_TCK)
read -r _ user < <(grep user "$group/cpuacct.stat")
read -r _ sys < <(grep system "$group/cpuacct.stat")
echo "cgroup: $((user / ticks)) s user + $((sys / ticks)) s sys (every process of the run)"
for _ in $(seq 60); do [ -z "$(cat "$group/cgroup.procs")" ] && break; sleep 0.5; done
rmdir "$group" 2>/dev/null || true
exit "$status"
