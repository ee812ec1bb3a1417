#!/usr/bin/env bash
# `./workbench package`: the two installable forms, made from the modules the launcher has built.
#   target/dist/workbench-VERSION.tar.gz   the CLI distribution: bin/workbench, lib/, examples/; needs Java 17, no Maven
#   target/dist/workbench-console/         the console's desktop app image (jpackage): bundled Java runtime,
#                                          launcher bin/workbench-console, icon
# Options: --cli-only, --app-only. Run through ./workbench (which builds first); called alone it expects built modules.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli=1 app=1
for arg in "$@"; do
  case "$arg" in
    --cli-only) app=0 ;;
    --app-only) cli=0 ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "workbench package: unknown option $arg (use --cli-only or --app-only)" >&2; exit 2 ;;
  esac
done

# the project's version: the first <version> of the root pom is its own
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
dist="$root/target/dist"
work="$root/target/package-work"
jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin}"
jdk_bin="${jdk_bin:-$(dirname "$(readlink -f "$(command -v java)")")}"
mkdir -p "$dist"
rm -rf "$work"
mkdir -p "$work"

# A module's jar and every runtime dependency the build listed for it (Maven's own resolution, no second copy of it
# here), copied into DIR. The jars' file names are unique on these class paths, so one flat directory holds them.
stage_jars() {
  local module="$1" into="$2" jar="$root/$1/target/$1-$version.jar" list="$root/$1/target/classpath.txt"
  for f in "$jar" "$list"; do
    [ -f "$f" ] || { echo "workbench package: $f is missing; build first (./workbench package builds)" >&2; exit 1; }
  done
  mkdir -p "$into"
  cp "$jar" "$into/"
  local dep
  # the list has no final newline: read's false on the last entry must not drop it
  tr ':' '\n' < "$list" | while IFS= read -r dep || [ -n "$dep" ]; do
    [ -z "$dep" ] || cp "$dep" "$into/"
  done
  local want have
  want=$(( $(tr ':' '\n' < "$list" | grep -c .) + 1 ))
  have=$(find "$into" -maxdepth 1 -name '*.jar' | wc -l)
  [ "$have" -eq "$want" ] || { echo "workbench package: $into has $have jars, $module needs $want" >&2; exit 1; }
}

if [ "$cli" = 1 ]; then
  name="workbench-$version"
  stage="$work/$name"
  stage_jars dsl "$stage/lib"
  mkdir -p "$stage/bin" "$stage/examples"
  cp "$root/packaging/dist/bin/workbench" "$stage/bin/"
  chmod +x "$stage/bin/workbench"
  # the demo's molecules and ESOL compounds, and the JShell scripts `workbench run` takes
  cp "$root"/examples/*.csv "$root"/examples/*.jsh "$stage/examples/"
  cp "$root/packaging/dist/README.txt" "$stage/"
  tar -C "$work" -czf "$dist/$name.tar.gz" "$name"
  echo "CLI distribution: $dist/$name.tar.gz ($(du -h "$dist/$name.tar.gz" | cut -f1))"
fi

if [ "$app" = 1 ]; then
  [ -x "$jdk_bin/jpackage" ] || { echo "workbench package: no jpackage in $jdk_bin (a full JDK 17 has it)" >&2; exit 1; }
  stage_jars console-app "$work/console-input"
  java "$root/packaging/Icon.java" "$work/workbench-console.png" 256
  rm -rf "$dist/workbench-console"
  # All jars go on a plain class path (jpackage lists every jar of --input), so s3proxy is on it too and the
  # embedded local cloud starts: ExtraJarsLauncher is needed only under the JavaFX Maven plugin's module path.
  # jpackage versions are numbers only: 0.1.0-SNAPSHOT is packaged as 0.1.0.
  "$jdk_bin/jpackage" --type app-image --name workbench-console --app-version "${version%%-*}" \
    --vendor "Workbench" --description "Workbench endpoints console" \
    --input "$work/console-input" --main-jar "console-app-$version.jar" \
    --main-class dev.workbench.console.ConsoleApp --icon "$work/workbench-console.png" --dest "$dist"
  echo "console app image: $dist/workbench-console (launcher: bin/workbench-console, $(du -sh "$dist/workbench-console" | cut -f1))"
fi
rm -rf "$work"
