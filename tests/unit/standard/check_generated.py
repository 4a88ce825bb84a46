#!/usr/bin/python3
"""ctest: regenerate tables_generated.cpp into a temp file and compare it byte for byte with the
committed one. Exit 77 (ctest SKIP_RETURN_CODE) when openpyxl or the sources are missing."""
import os
import subprocess
import sys
import tempfile

repo = sys.argv[1]
sources = os.path.join(os.path.dirname(repo), "shared", "spec", "sources")
try:
    import openpyxl  # noqa: F401  (Debian python3-openpyxl)
except ImportError:
    print("SKIP: /usr/bin/python3 has no openpyxl (apt-get install python3-openpyxl)")
    sys.exit(77)
for name in ("qd4750-appendix-tables.xlsx", "portal-check-rules-4750.xlsx"):
    if not os.path.exists(os.path.join(sources, name)):
        print(f"SKIP: source {os.path.join(sources, name)} is absent")
        sys.exit(77)
committed = os.path.join(repo, "simulator", "standard", "generated", "tables_generated.cpp")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "tables_generated.cpp")
    subprocess.run([sys.executable, os.path.join(repo, "scripts", "gen_standard.py"),
                    "--sources", sources, "--out", out], check=True)
    with open(out, "rb") as a, open(committed, "rb") as b:
        fresh, old = a.read(), b.read()
if fresh != old:
    print("FAIL: simulator/standard/generated/tables_generated.cpp is out of date; run "
          "/usr/bin/python3 scripts/gen_standard.py")
    sys.exit(1)
print("OK: tables_generated.cpp matches the generator output")
