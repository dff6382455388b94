#!/usr/bin/env bash
# Generates a TypeScript client (openapi-generator's typescript-fetch) from the committed
# document docs/openapi.json into target/typescript-client, type-checks the example
# (tools/typescript-client/example.ts) against it, and runs the example against a running
# application: the leaderboard, a model's scaling figure and a run's bundle.
# Usage: tools/typescript-client.sh [BASE_URL]   (default http://localhost:8080; MODEL=... picks
# the model, else the leaderboard's first). Needs Java (the generator) and Node 18+ (fetch).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/typescript-client
# the generator of the Java client in pom.xml, at the same version
version=$(sed -n 's:.*<openapi-generator.version>\(.*\)</openapi-generator.version>.*:\1:p' pom.xml)
./mvnw -B -ntp -q "org.openapitools:openapi-generator-maven-plugin:$version:generate" \
  -Dopenapi.generator.maven.plugin.inputSpec=docs/openapi.json \
  -Dopenapi.generator.maven.plugin.generatorName=typescript-fetch \
  -Dopenapi.generator.maven.plugin.output="$out"
# the compiler, Node's types and a runner, installed beside the client (not in the repository)
tools=target/typescript-tools
npm install --silent --no-audit --no-fund --prefix "$tools" typescript@5.9.3 tsx@4.23.15 @types/node@20
"$tools/node_modules/.bin/tsc" --noEmit --strict --target es2022 --module commonjs --lib es2022,dom \
  --skipLibCheck --typeRoots "$tools/node_modules/@types" --types node tools/typescript-client/example.ts
BASE_URL="${1:-${BASE_URL:-http://localhost:8080}}" "$tools/node_modules/.bin/tsx" tools/typescript-client/example.ts
