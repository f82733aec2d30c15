#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/, one after another, each for SECONDS, and prints a table:
# target, executions, coverage (cov/ft of libFuzzer's last stats line), crashes found.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 600 seconds, every target
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds the corpora first
# (fuzz/seed.sh). Each target runs in one process, a 2 GiB memory cap and a 10-second limit per
# input; crashes, timeouts and out-of-memory inputs are saved in fuzz/artifacts/<target>/ and
# the full libFuzzer log in fuzz/logs/<target>.log. Exits 1 when any target found something.
# docs/fuzzing.md says how to reproduce, minimise and keep a crash as a regression test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"

seconds=600
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
toolchain=${FUZZ_TOOLCHAIN:-nightly}
# cargo-fuzz's default is AddressSanitizer; `none` runs faster (beeldbel has no unsafe code).
sanitizer=${FUZZ_SANITIZER:-address}
all=(org_loader policy_loader cel_expr platform_loader appointment_loader report_from end_to_end)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown target: $t (known: ${all[*]})" >&2; exit 2; }
done

# Options of one target: end_to_end builds an organisation from its input with `arbitrary`,
# which needs hundreds of bytes for deployments and waivers; libFuzzer would start from a few.
extra_of() {
    case $1 in
        end_to_end) echo "-max_len=8192 -len_control=0" ;;
        *) echo "" ;;
    esac
}

dict_of() {
    case $1 in
        report_from) echo "$fuzz/dict/json.dict" ;;
        end_to_end) echo "" ;;
        *) echo "$fuzz/dict/toml.dict" ;;
    esac
}

cd "$fuzz"
"$fuzz/seed.sh"
cargo "+$toolchain" fuzz build --sanitizer "$sanitizer"
mkdir -p "$fuzz/logs"

rows=()
found=0
for t in "${targets[@]}"; do
    log="$fuzz/logs/$t.log"
    mkdir -p "$fuzz/artifacts/$t"
    before=$(find "$fuzz/artifacts/$t" -type f | wc -l)
    dict=$(dict_of "$t")
    echo "== $t: $seconds s (log: fuzz/logs/$t.log)"
    # A crash stops libFuzzer with a non-zero status; the table still gets its row.
    cargo "+$toolchain" fuzz run --sanitizer "$sanitizer" "$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 ${dict:+-dict="$dict"} $(extra_of "$t") >"$log" 2>&1 || true
    # The last "#N ... cov: C ft: F" line, and libFuzzer's final count of runs.
    stats=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
    [ -n "$execs" ] || execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$stats")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$stats" | grep -oE '[0-9]+' || echo "?")
    ft=$(grep -oE 'ft: [0-9]+' <<<"$stats" | grep -oE '[0-9]+' || echo "?")
    after=$(find "$fuzz/artifacts/$t" -type f | wc -l)
    new=$((after - before))
    [ "$new" -eq 0 ] || found=1
    rows+=("$(printf '%-20s %12s %8s %8s %8s' "$t" "${execs:-?}" "$cov" "$ft" "$new")")
done

echo
printf '%-20s %12s %8s %8s %8s\n' target executions cov ft crashes
for r in "${rows[@]}"; do echo "$r"; done
[ "$found" -eq 0 ] || echo "new artifacts in fuzz/artifacts/: see docs/fuzzing.md"
exit "$found"
