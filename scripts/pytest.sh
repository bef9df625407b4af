#!/usr/bin/env bash
# Run the test suite on up to four cores (pytest-xdist; PYTEST_WORKERS overrides, 0 runs it in
# this process). pytest's exit code 5 ("no tests collected") is a failure here, because a suite
# that ran nothing proves nothing.
set -u
cd "$(dirname "$0")/.."
cores=$(nproc 2>/dev/null || echo 1)
workers=${PYTEST_WORKERS:-$(( cores < 4 ? cores : 4 ))}
if [ "$workers" -gt 1 ]; then
  set -- -n "$workers" "$@"
fi
.venv/bin/python -m pytest -q "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$code"
