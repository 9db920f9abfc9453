#!/usr/bin/env bash
# Builds and runs Examples/Consumer the way a user of Aprendiz would: a separate package that depends on
# Aprendiz by URL and version (`.package(url: …, from: "0.1.0")`), built in release with no flags and no
# environment variables. SwiftPM refuses unsafe build flags in a versioned dependency, so this build
# succeeding is the check that the dependency path has none; the verbose log is searched for the root
# package's flags as well.
#
# The dependency is a clone of this working tree (uncommitted changes included) tagged 0.1.0 in a
# temporary folder, reached through a file:// URL; the consumer package is copied next to it with its
# URL rewritten to that clone.
#
#   Examples/Consumer/build.sh            build, check, run the consumer
#   Examples/Consumer/build.sh --bench    also build the `aprendiz` command as a dependency product
#                                         (the same flags-free build) and print its path for benchmarks;
#                                         the temporary folder is then kept (its path is printed)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench=0
[ "${1:-}" = "--bench" ] && bench=1

work="$(mktemp -d "${TMPDIR:-/tmp}/aprendiz-consumer.XXXXXX")"
if [ "$bench" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi

echo "== tagged clone of $root in $work/Aprendiz"
git clone -q "$root" "$work/Aprendiz"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
    | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | (cd "$work/Aprendiz" && git rm -rq --cached . && tar -xf -)
(cd "$work/Aprendiz" && git add -A && git -c user.name=consumer-check -c user.email=consumer@localhost \
    commit -q --allow-empty -m "working tree" && git tag 0.1.0)

echo "== consumer package depending on file://$work/Aprendiz from: 0.1.0"
mkdir "$work/Consumer"
cp -R "$root/Examples/Consumer/Sources" "$work/Consumer/"
sed "s|https://github.com/aprendiz/Aprendiz.git|file://$work/Aprendiz|" "$root/Examples/Consumer/Package.swift" \
    > "$work/Consumer/Package.swift"
grep -q "file://$work/Aprendiz\", from: \"0.1.0\"" "$work/Consumer/Package.swift"

cd "$work/Consumer"
echo "== swift build -c release (no flags)"
swift build -c release -v > "$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
if grep -E -e "-target-cpu|-Ounchecked|unsafe" "$work/build.log" | grep -v "^warning: unable to" >/dev/null; then
    echo "error: the dependency build used the root package's unsafe flags:" >&2
    grep -E -e "-target-cpu|-Ounchecked|unsafe" "$work/build.log" | head -n 5 >&2
    exit 1
fi
echo "== run"
.build/release/Consumer

if [ "$bench" = 1 ]; then
    echo "== swift build -c release --product aprendiz (the command, built as a dependency product)"
    swift build -c release --product aprendiz > "$work/build-cli.log" 2>&1 || { tail -n 40 "$work/build-cli.log"; exit 1; }
    echo "aprendiz built as a dependency: $work/Consumer/.build/release/aprendiz"
fi
