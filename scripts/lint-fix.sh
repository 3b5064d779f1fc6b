#!/usr/bin/env bash
# Applies every automatic fix, e.g. on a freshly merged tree: ESLint's fixable rules first (their edits may need
# reformatting), then Prettier over everything. Exits non-zero when ESLint still reports errors it cannot fix,
# after Prettier has run.
set -uo pipefail
cd "$(dirname "$0")/.."
npx eslint --fix --max-warnings=0 .
eslint_status=$?
npx prettier --write . || exit $?
exit "$eslint_status"
