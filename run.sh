#!/usr/bin/env bash
# Runs the portal on this machine: SQLite in Portal/data/, migrated and seeded with demo data on first start,
# demo logins printed. Customers: http://127.0.0.1:5080  · Back office and /jobs: http://127.0.0.1:5081
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_packages fonts-wqy-microhei   # CJK font for PDF statements
exec dotnet run --project Portal --launch-profile Portal "$@"
