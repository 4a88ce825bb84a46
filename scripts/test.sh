#!/usr/bin/env bash
# The whole default test suite, as CI runs it (.ci/run calls exactly this):
# dependencies (idempotent) → configure (preset `ci`: Release, -Werror) → build → ctest (unit and
# integration; `slow` and `fuzz` labels excluded; fails when no test ran) → pytest under Debian's
# /usr/bin/python3 (fails when no test ran: pytest exits 5).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-deps.sh
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"
SSKDT_SIM_BIN="$PWD/build/ci/bin/sskdt-sim" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/py
echo "test.sh: all tests passed"
