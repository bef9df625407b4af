#!/usr/bin/env bash
# Run the test suite; pytest's exit code 5 ("no tests collected") is a failure here, because a
# suite that ran nothing proves nothing.
set -u
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest -q "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$code"
