#!/usr/bin/env bash
# Runs every test: domain unit tests, bunit, integration (real app on SQLite) and E2E (Playwright with
# Debian's Chromium against the real app). Installs what a fresh Debian machine lacks first.
# Prints a closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_packages chromium fonts-wqy-microhei poppler-utils postgresql   # postgresql: the multi-instance test starts its own cluster
dotnet tool restore >/dev/null

export HOME="${TEST_HOME:-$(mktemp -d)}"            # Chromium and Playwright write here
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-$PWD/artifacts/e2e}"
mkdir -p artifacts

dotnet build PowerMarketing.sln -c Debug -warnaserror -v q || { echo "0 passed, 1 failed" | tee artifacts/summary.txt; exit 1; }

log=artifacts/test-output.txt
: > "$log"
status=0
for project in Portal.Tests Portal.E2E; do
  dotnet test "$project" --no-build --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=1
done

# dotnet test's summary per project: "Total tests: N", "     Passed: N", "     Failed: N".
passed=$(grep -E "^ +Passed: +[0-9]+$" "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E "^ +Failed: +[0-9]+$" "$log" | awk '{s+=$2} END {print s+0}')
runs=$(grep -cE "^Total tests: " "$log")
if [ "$runs" -lt 2 ]; then status=1; failed=$((failed + 1)); fi   # a project that ran no test is a failure
echo "E2E screenshots: $E2E_ARTIFACTS/index.html"
echo "${passed:-0} passed, ${failed:-0} failed" | tee artifacts/summary.txt
exit $status
