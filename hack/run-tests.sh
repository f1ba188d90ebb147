#!/usr/bin/env bash
# Runs `dotnet test` and closes with one plain summary line ("N passed, N failed, N skipped") summed over
# every test project, so CI can read the outcome. Exits with dotnet test's status.
set -uo pipefail
log=$(mktemp)
"$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# CI shows only the end of the output: name each failed test there once, with the first lines of its error message.
awk '
  /^ +Failed [A-Za-z_]/ { sub(/^ +Failed /, ""); inmsg = 0; show = !seen[$0]++; if (show) print "failed: " $0; next }
  /^ +Error Message:/ { inmsg = show; shown = 0; next }
  /^ +Stack Trace:/ || /^ +Standard Output Messages:/ { inmsg = 0; next }
  inmsg && shown < 6 { sub(/^ +/, "  "); print; shown++ }
' "$log"
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
