#!/usr/bin/env bash
# One command for a newcomer: dependencies (idempotent) → Release build → the demo on the
# embedded default world: synthetic claims for its facilities, judged like the portal would,
# then the same claims each broken in one way, rejected with Vietnamese/English reasons.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
exec ./build/release/bin/sskdt-sim demo --out out/demo "$@"
