#!/usr/bin/env bash
# Starts what `./workbench package` made, as a user would, and fails unless each answers (CI runs it; so can you):
#   - the CLI distribution, unpacked into a temporary directory: `bin/workbench --help`, then a short demo on the
#     embedded local cloud that must end with 0 errors on every endpoint;
#   - the console's app image: `bin/workbench-console --help`, then its Evaluation screenshot tour in a real window
#     under Xvfb (the tour deploys on a fresh embedded local cloud, S3 included, and writes one PNG).
# Needs: the outputs in target/dist; Xvfb for the console part (skipped with a message without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
dist="$root/target/dist"
tmp=$(mktemp -d)
xvfb=""
trap '[ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "package check: $*" >&2; exit 1; }

# --- the CLI distribution, away from the source tree so nothing can come from it
tar -C "$tmp" -xzf "$dist/workbench-$version.tar.gz"
cli="$tmp/workbench-$version/bin/workbench"
mkdir -p "$tmp/run"
(cd "$tmp/run" && "$cli" --help) > "$tmp/help.txt" || fail "bin/workbench --help failed: $(cat "$tmp/help.txt")"
grep -q '^Usage: workbench' "$tmp/help.txt" || fail "bin/workbench --help printed no usage: $(head -n 5 "$tmp/help.txt")"
start=$SECONDS
(cd "$tmp/run" && "$cli" demo --rows 10 --local-pace TEST --progress none --data-dir "$tmp/demo-data") > "$tmp/demo.txt" 2>&1 \
  || fail "bin/workbench demo failed: $(tail -n 30 "$tmp/demo.txt")"
# the summary lists each endpoint's rows and errors; every one must have run and none may have failed
[ "$(grep -cE '^  [a-z0-9-]+ +(SYNC|ASYNC) +[0-9]+ rows, +0 errors' "$tmp/demo.txt")" -eq 3 ] \
  || fail "bin/workbench demo did not end with 0 errors on its three endpoints: $(sed -n '/Summary/,$p' "$tmp/demo.txt")"
[ -s "$tmp/run/demo-output/descriptors.csv" ] || fail "bin/workbench demo wrote no demo-output/descriptors.csv"
echo "CLI distribution: bin/workbench --help and demo (0 errors) in $((SECONDS - start)) s"

# --- the console's app image
console="$dist/workbench-console/bin/workbench-console"
[ -x "$console" ] || fail "$console is missing (./workbench package)"
"$console" --help > "$tmp/console-help.txt" 2>&1 || fail "workbench-console --help failed: $(cat "$tmp/console-help.txt")"
grep -q '^Usage: workbench console' "$tmp/console-help.txt" || fail "workbench-console --help printed no usage"
if ! command -v Xvfb >/dev/null; then
  echo "package check: Xvfb is not installed; the console's tour was not started (apt-get install -y xvfb libgtk-3-0)"
  exit 0
fi
display=""
for n in $(seq 140 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X${display#:}" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
start=$SECONDS
# The launcher passes no JVM options through; JAVA_TOOL_OPTIONS reaches its JVM all the same. The tour reads
# examples/esol.csv from the working directory. Only the Evaluation screen: the whole tour takes minutes.
(cd "$root" && DISPLAY=$display JAVA_TOOL_OPTIONS="-Dworkbench.console.tour=evaluation -Dprism.order=sw" \
  timeout 300 "$console" --screenshots "$tmp/shots") > "$tmp/tour.log" 2>&1 \
  || fail "workbench-console --screenshots failed: $(grep -v DEBUG "$tmp/tour.log" | tail -n 30)"
# the launcher exits 0 even when the tour failed: its log and its picture say whether it ran
if grep -q 'screenshot tour failed' "$tmp/tour.log" || ! [ -s "$tmp/shots/evaluation-regressor.png" ]; then
  fail "the console's tour did not write its picture: $(grep -v DEBUG "$tmp/tour.log" | tail -n 30)"
fi
echo "console app image: workbench-console --help and its tour (embedded local cloud, one PNG) in $((SECONDS - start)) s"
