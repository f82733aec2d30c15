#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/) from the project's own files, and regenerates
# the TOML/CEL dictionary from the schema. Safe to run again: it only adds files (named by their
# content's hash, as libFuzzer names its own). The corpora are not committed; this script is.
#
#   fuzz/seed.sh          # called by scripts/fuzz.sh before every run
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus="$here/corpus"

# add TARGET FILE...: copies each file into the target's corpus under its SHA-1.
add() {
    local target=$1
    shift
    mkdir -p "$corpus/$target"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$corpus/$target/$(sha1sum "$f" | cut -c1-40)"
    done
}

mapfile -t examples < <(find "$root/docs/examples" -name '*.toml' | sort)
mapfile -t data < <(find "$root/tests/data" -type f -name '*.toml' | sort)
mapfile -t policies < <(find "$root/policies" -name '*.toml' | sort)
mapfile -t platforms < <(find "$root/platforms" -name '*.toml' | sort)

# Every TOML file the project holds is a useful seed for every TOML loader: each loader must
# refuse the others' files with a clear diagnostic, and they share the TOML parser.
all_toml=("${examples[@]}" "${data[@]}" "${policies[@]}" "${platforms[@]}")
for t in org_loader policy_loader platform_loader appointment_loader; do
    add "$t" "${all_toml[@]}"
done

# The appointments of tests/data/appointments/scenarios.toml, each as an appointment file, and
# the `check`/`applies_if` expressions of every policy, one per file.
python3 - "$root" "$corpus" <<'PY'
import hashlib, json, pathlib, sys, tomllib
root, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])

def put(target, text):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    b = text.encode()
    (d / hashlib.sha1(b).hexdigest()).write_bytes(b)

def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)

scenarios = tomllib.loads((root / "tests/data/appointments/scenarios.toml").read_text())
for s in scenarios.get("scenarios", []):
    a = s.get("appointment", {})
    put("appointment_loader", "".join(f"{k} = {toml_value(v)}\n" for k, v in a.items()))

def expressions(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("check", "applies_if") and isinstance(x, str):
                yield x
            else:
                yield from expressions(x)
    elif isinstance(v, list):
        for x in v:
            yield from expressions(x)

for f in sorted([*root.glob("policies/*.toml"), *root.glob("tests/data/**/*.toml")]):
    try:
        doc = tomllib.loads(f.read_text())
    except Exception:
        continue  # the bad and hostile files are seeds for the loaders, not sources here
    for e in expressions(doc):
        put("cel_expr", e)
PY

# JSON reports as `check --format json` writes them, for `report --from`.
mkdir -p "$corpus/report_from"
for f in "${examples[@]}" "$root/tests/data/fixture/org.toml"; do
    case "$(basename "$f")" in afspraak-*) continue ;; esac
    out=$(mktemp)
    # Exit 1 (not compliant) still writes the report.
    (cd "$root" && cargo run --quiet --bin beeldbel -- check --format json "$f" >"$out" 2>/dev/null) || true
    if [ -s "$out" ]; then add report_from "$out"; fi
    rm -f "$out"
done
# The saved reports kept by tests/fuzz_regressions.rs (a seed whose regression test is still
# ignored is left out: a crashing seed stops libFuzzer before it starts).
add report_from "$root/tests/data/fuzz/report-one-organisation.json"
add report_from "$root/tests/data/fuzz/report-huge-counts.json"
# Two organisations in one report.
out=$(mktemp)
(cd "$root" && cargo run --quiet --bin beeldbel -- check --format json "${examples[1]}" "${examples[2]}" >"$out" 2>/dev/null) || true
if [ -s "$out" ]; then add report_from "$out"; fi
rm -f "$out"

python3 "$here/dict/generate.py"

# end_to_end reads its input through `arbitrary`: any bytes are a valid input, but short ones
# give an organisation with no optional sections and no deployments. The project's files serve
# as long inputs to start from (scripts/fuzz.sh also lets libFuzzer make them long at once).
add end_to_end "${all_toml[@]}"

echo "seeded: $(for t in "$corpus"/*/; do printf '%s=%s ' "$(basename "$t")" "$(find "$t" -type f | wc -l)"; done)"
