#!/usr/bin/env bash
# Builds each libFuzzer target of Fuzz/<target>/ together with the LoaCore sources and runs it for a
# bounded time from its committed seed corpus. A crash, a failed invariant or an input slower than two
# seconds (-timeout=2: a quadratic path is a failure) makes the script exit non-zero.
# Usage: scripts/fuzz.sh [seconds-per-target]   (default 30; needs the Swift toolchain on Linux)
set -uo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/.build-fuzz"   # gitignored: binaries, logs, inputs found, crash artifacts
mkdir -p "$build"
mapfile -t core < <(find "$root/Sources/LoaCore" -name '*.swift' | sort)

# Longest input per target: long enough for pathological lines, short enough to run many times.
max_len_of() {
    case "$1" in
        markdown) echo 32768 ;;
        *) echo 16384 ;;
    esac
}

# LoaCore is built once, instrumented, as a static library the targets link; `package` members are
# visible to them through the shared package name.
export SWIFT_BACKTRACE=enable=no   # the Swift backtracer trips AddressSanitizer after a fatalError
flags=(-O -g -sanitize=fuzzer,address -package-name loa)
if ! swiftc "${flags[@]}" -parse-as-library -module-name LoaCore -emit-library -static -emit-module \
    -emit-module-path "$build/LoaCore.swiftmodule" "${core[@]}" -o "$build/libLoaCore.a" >"$build/LoaCore.build.log" 2>&1; then
    echo "LoaCore: build failed"
    grep -E "error:" "$build/LoaCore.build.log" | head -20
    exit 1
fi

status=0
for dir in "$root"/Fuzz/*/; do
    target="$(basename "$dir")"
    binary="$build/$target"
    log="$build/$target.log"
    if ! swiftc "${flags[@]}" -parse-as-library -module-name "Fuzz_${target//-/_}" -I "$build" -L "$build" -lLoaCore \
        "$dir"*.swift -o "$binary" >"$build/$target.build.log" 2>&1; then
        echo "$target: build failed"
        grep -E "error:" "$build/$target.build.log" | head -20
        status=1
        continue
    fi
    # New inputs go to the first folder; the committed corpus is only read.
    mkdir -p "$build/$target-found" "$build/$target-artifacts"
    "$binary" -max_total_time="$seconds" -max_len="$(max_len_of "$target")" -timeout=2 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/$target-artifacts/" \
        "$build/$target-found" "$dir/corpus" >"$log" 2>&1
    code=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
    echo "$target: ${runs:-?} runs in ${seconds} s, exit code $code"
    if [ "$code" -ne 0 ]; then
        grep -E "ERROR|Fatal error|timeout|Test unit written" "$log" | head -10
        status=1
    fi
done
exit "$status"
