#!/usr/bin/env python3
"""Validates OSCAL assessment-results JSON files with compliance-trestle.

Usage: python3 tests/oscal/validate.py FILE.json...

Each file is loaded with trestle's pydantic model of the OSCAL assessment results
(`trestle.oscal.assessment_results.AssessmentResults.oscal_read`). Those models forbid unknown
fields (`extra='forbid'` on every class) and check the OSCAL datatypes (UUIDs, tokens, dates
with a time zone, allowed values such as `satisfied`/`not-satisfied`). On top of that, this
script checks what the models accept but OSCAL does not:

- every key is an OSCAL JSON name (lowercase, with hyphens): the models also accept their
  Python field names (`import_ap` for `import-ap`), OSCAL does not;
- every UUID is unique in the document, and every UUID reference (`observation-uuid`,
  `risk-uuid`, `subject-uuid`, `actor-uuid`, `component-uuid`, and an `href` of the form
  `#<uuid>`) points at something defined in it.

Exits 0 when every file passes; otherwise prints each file's errors to stderr and exits 1.
Exits 2 when trestle is not installed (`pip install compliance-trestle`).
"""

import json
import pathlib
import re
import sys

try:
    import trestle
    from trestle.oscal.assessment_results import AssessmentResults
except ImportError as e:  # pragma: no cover - the message is the point
    print(
        f"compliance-trestle is not installed ({e}); install it with "
        "`pip install compliance-trestle` (.ci/run does)",
        file=sys.stderr,
    )
    sys.exit(2)

KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[45][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
)
REFERENCES = {"observation-uuid", "risk-uuid", "subject-uuid", "actor-uuid", "component-uuid"}


def walk(node, path, keys, defined, refs):
    """Collects bad keys, defined UUIDs (path, uuid) and references (path, key, uuid)."""
    if isinstance(node, dict):
        for k, v in node.items():
            here = f"{path}.{k}"
            if not KEY.match(k):
                keys.append(here)
            if k == "uuid" and isinstance(v, str):
                defined.append((here, v))
            elif k in REFERENCES and isinstance(v, str):
                refs.append((here, k, v))
            elif k == "href" and isinstance(v, str) and v.startswith("#"):
                refs.append((here, k, v[1:]))
            walk(v, here, keys, defined, refs)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]", keys, defined, refs)


def check(path: pathlib.Path) -> list[str]:
    errors = []
    try:
        AssessmentResults.oscal_read(path)
    except Exception as e:  # trestle raises TrestleError with pydantic's details
        errors.append(f"trestle: {e}")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:
        return errors + [f"not JSON: {e}"]
    keys, defined, refs = [], [], []
    walk(doc, "$", keys, defined, refs)
    errors += [f"{k}: not an OSCAL JSON key" for k in keys]
    seen = {}
    for where, u in defined:
        if u in seen:
            errors.append(f"{where}: UUID {u} is also defined at {seen[u]}")
        seen.setdefault(u, where)
    for where, key, u in refs:
        if key == "href" and not UUID.match(u):
            continue  # a fragment that is not a UUID reference
        if u not in seen:
            errors.append(f"{where}: {u} refers to nothing in the document")
    return errors


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    for arg in argv:
        path = pathlib.Path(arg)
        if path.suffix != ".json":
            print(f"{arg}: trestle reads by suffix; name the file *.json", file=sys.stderr)
            failed = True
            continue
        if not path.is_file():
            print(f"{arg}: no such file", file=sys.stderr)
            failed = True
            continue
        errors = check(path)
        if errors:
            failed = True
            print(f"{arg}: INVALID OSCAL assessment-results", file=sys.stderr)
            for e in errors:
                print(f"  {e}", file=sys.stderr)
        else:
            print(f"{arg}: valid (compliance-trestle {trestle.__version__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
