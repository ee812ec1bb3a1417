#!/bin/sh
# Regenerates the README screenshots from a real window: the console's tour on a fresh embedded local cloud,
# in a 1440x900 Xvfb screen managed by openbox, each picture taken of the active window with its frame (the
# console, or the dialog in front of it) by ImageMagick's import.
#   console-app/screenshots.sh [DIR]        (default: screenshots/; SIZE=1920x1080 for another screen;
#                                            TOUR=evaluation takes only the Evaluation screen's picture)
# Needs: apt-get install -y xvfb openbox xdotool imagemagick libgtk-3-0. Builds with Maven offline; installs nothing.
set -eu
cd "$(dirname "$0")/.."
out=${1:-screenshots}
size=${SIZE:-1440x900}
for tool in Xvfb openbox import xdotool java mvn; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "screenshots.sh: $tool is not installed (apt-get install -y xvfb openbox xdotool imagemagick libgtk-3-0)" >&2
    exit 2
  }
done
work=$(mktemp -d)
display=""
for n in $(seq 120 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "screenshots.sh: no free X display" >&2; exit 2; }

# the modules' own classes (this worktree's), then the dependencies
mvn -B -q -o -pl console-app -am compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 \
  || { cat "$work/mvn.log" >&2; exit 1; }
cp="console-app/target/classes:$(cat "$work/cp.txt")"

Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
openbox_pid=""
trap 'kill $openbox_pid $xvfb 2>/dev/null; rm -rf "$work"' EXIT
i=0
while [ ! -e "/tmp/.X11-unix/X${display#:}" ]; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "screenshots.sh: Xvfb did not start" >&2; exit 1; }; sleep 0.1
done
DISPLAY=$display openbox >"$work/openbox.log" 2>&1 &
openbox_pid=$!
sleep 1.5

mkdir -p "$out"
DISPLAY=$display java -cp "$cp" -Dprism.order=sw ${TOUR:+-Dworkbench.console.tour=$TOUR} \
  -Dworkbench.console.screenshotCommand='import -frame -window "$(xdotool getactivewindow)" "$SHOT"' \
  dev.workbench.console.ScreenshotMain "$out"
echo "screenshots in $out ($size, openbox)"
