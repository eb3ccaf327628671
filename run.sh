#!/usr/bin/env bash
# Runs the portal on this machine: SQLite in Portal/data/, migrated and seeded with demo data on first start,
# demo logins printed. Customers: http://127.0.0.1:5080  · Back office and /jobs: http://127.0.0.1:5081
# Development mail: smtp4dev (a local dotnet tool) receives every email the portal sends; web UI http://127.0.0.1:5082.
# SMTP4DEV=0 ./run.sh (or an Email__Smtp__Host of your own) skips it; without a server the database is the sink.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_packages fonts-wqy-microhei   # CJK font for PDF statements

smtp_open() { (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null; }
if [ "${SMTP4DEV:-1}" != "0" ] && [ -z "${Email__Smtp__Host:-}" ]; then
  if ! smtp_open && dotnet tool restore >/dev/null 2>&1; then
    # In memory, loopback only, no IMAP/POP3: a catcher for this run, gone when the portal stops.
    dotnet tool run smtp4dev -- --urls=http://127.0.0.1:5082 --smtpport=2525 --bindaddress=127.0.0.1 --imapport= --pop3port= \
      --db= --nousersettings >"${TMPDIR:-/tmp}/powermarketing-smtp4dev.log" 2>&1 &
    smtp_pid=$!
    trap 'kill "$smtp_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do smtp_open && break; kill -0 "$smtp_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if smtp_open; then
    export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=2525 Email__Smtp__Security=None
    echo "Development mail: smtp4dev on 127.0.0.1:2525 — read what the portal sends at http://127.0.0.1:5082"
  else
    echo "smtp4dev is not available (log: ${TMPDIR:-/tmp}/powermarketing-smtp4dev.log); email stays in the database sink at /backoffice/mail"
  fi
fi
dotnet run --project Portal --launch-profile Portal "$@"
