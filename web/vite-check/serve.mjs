// A static server for dist/ with the headers web/README.md documents for tegula.js, as a web
// developer would configure their own server: the page's strict policy everywhere, and
// 'unsafe-eval' only for the codec worker script, whichever hashed name the bundler gave it.
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize} from 'node:path';

const [root, port] = [process.argv[2], Number(process.argv[3])];
const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
  + "img-src 'self' blob: data:; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
const WORKER_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
  + "connect-src 'self'; object-src 'none'; base-uri 'none'";
const TYPES = {'.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json'};

createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path.endsWith('/')) {
    path += 'index.html';
  }
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Content-Security-Policy': /\/tegula-worker[^/]*\.js$/.test(path) ? WORKER_CSP : PAGE_CSP,
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(port, '127.0.0.1');
