#!/usr/bin/env bash
# Lints the OpenAPI document the application serves with Redocly's recommended rules
# (redocly.yaml); any error fails. ApiContractTests writes the document it was served to
# target/openapi.json; without one, that test is run first.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=target/openapi.json
if [ ! -s "$doc" ]; then
  ./mvnw -B -ntp -q test -Dtest=ApiContractTests -Dsurefire.failIfNoSpecifiedTests=false
fi
npx --yes @redocly/cli@2.77.0 lint --config redocly.yaml "$doc"
