#!/usr/bin/env bash
# Checks that tegula.js bundles with Vite 7 without special setup, and that the bundle runs:
#   1. stages the package (web/src/main/resources/tegula-web + the Wasm build) as tegula-pkg/,
#   2. npm ci (vite@7 and typescript@7 from the npm registry, as package-lock.json pins them), tsc
#      over types-check.ts (tegula.d.ts as a TypeScript app uses it), and vite build, with no
#      vite.config,
#   3. serves dist/ with serve.mjs (the CSP and isolation headers web/README.md documents, the
#      worker's policy matched by its hashed name) and opens it in headless Chromium, expecting
#      the page to compress, decode and restore, on the page and in the app's own module worker.
# Needs: a built Wasm module (mvn install), node 20.19+ with npm, /usr/bin/chromium.
# The test suite runs the same check as browser-tests' ViteBundleTest (in target/, from the files
# the server ships); this script is the by-hand version.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
wasm="$root/wasm/target/classes/tegula-web/wasm"
[ -f "$wasm/tegula.wasm" ] || { echo "no Wasm build at $wasm: run mvn install first" >&2; exit 1; }

cd "$here"
rm -rf tegula-pkg dist
mkdir -p tegula-pkg
cp "$root"/web/src/main/resources/tegula-web/tegula*.js "$root"/web/src/main/resources/tegula-web/tegula.d.ts tegula-pkg/
rm -f tegula-pkg/tegula-img.js
cp -r "$wasm" tegula-pkg/wasm
cat > tegula-pkg/package.json <<'JSON'
{"name": "tegula", "version": "0.1.0", "type": "module", "main": "tegula.js", "types": "tegula.d.ts"}
JSON
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p tsconfig.json   # the types: documented uses compile, the marked mistakes do not
npx vite build --logLevel warn

port=$((20000 + RANDOM % 20000))
node serve.mjs "$here/dist" "$port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" > /dev/null && break; sleep 0.2; done
node=(node)
node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' || node=(node --experimental-websocket --no-warnings)
"${node[@]}" open-page.mjs "http://127.0.0.1:$port/"
echo "vite-check: tegula.js bundled by Vite runs (compress, decode, restore)"
