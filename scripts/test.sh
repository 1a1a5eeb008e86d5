#!/usr/bin/env bash
# Runs every test (units, components, in-process HTTP, command line, real Chromium) and ends with the line
# "N passed, N failed" counted from the test results file, so a run that executed nothing shows as such.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test Lgsp.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "no test results were written (build failure?)"
  echo "0 passed, 0 failed"
  exit 1
fi

counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
passed=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
failed=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
errors=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
failed=$(( ${failed:-0} + ${errors:-0} ))
echo "${passed:-0} passed, ${failed} failed"
if [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
exit $status
