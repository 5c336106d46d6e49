#!/usr/bin/env bash
# Type-checking time of every shipped problem written as one Swift expression
# (Tests/ProblemsTests/ProblemFormulas.swift), per function, slowest first, against the debug
# build's modules (run `swift build --build-tests` first). ProblemFormulaTests keeps the file
# current; that the test target builds at all shows every formula type-checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
swiftc -typecheck -I "$bin/Modules" -I .build/checkouts/swift-numerics/Sources/_NumericsShims/include \
  -Xfrontend -debug-time-function-bodies Tests/ProblemsTests/ProblemFormulas.swift 2>&1 |
  awk '/global function/ { ms = $1; sub(/ms$/, "", ms); name = $NF; sub(/^.*\(file\)\./, "", name); sub(/@.*/, "", name);
    printf "%10.1f ms  %s\n", ms, name }' | sort -rn
