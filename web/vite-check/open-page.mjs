// Opens a URL in headless Chromium through the DevTools protocol and prints #result once the page
// sets its data-state (workers keep running, so --dump-dom's virtual time does not fit here).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const url = process.argv[2];
const port = 9300 + Math.floor(Math.random() * 600);
const profile = mkdtempSync(join(tmpdir(), 'vite-check-'));
const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
  `--remote-debugging-port=${port}`, 'about:blank'], {stdio: 'ignore'});
const finish = (code, text) => {
  console.log(text);
  chrome.kill();
  setTimeout(() => {
    rmSync(profile, {recursive: true, force: true});
    process.exit(code);
  }, 300);
};
setTimeout(() => finish(1, 'timed out'), 120000);

let page;
for (let i = 0; i < 100 && !page; i++) {
  try {
    page = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()).find((t) => t.type === 'page');
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => (ws.onopen = r));
let id = 0;
const waiting = new Map();
ws.onmessage = (m) => {
  const d = JSON.parse(m.data);
  waiting.get(d.id)?.(d);
};
const send = (method, params = {}) => new Promise((r) => {
  waiting.set(++id, r);
  ws.send(JSON.stringify({id, method, params}));
});
await send('Page.navigate', {url});
const poll = `new Promise(async (resolve) => {
  for (;;) {
    const r = document.getElementById('result');
    if (r && r.dataset.state) { resolve(r.dataset.state + ': ' + r.textContent); return; }
    await new Promise((t) => setTimeout(t, 250));
  }
})`;
const reply = await send('Runtime.evaluate', {expression: poll, awaitPromise: true, returnByValue: true});
const text = reply.result?.result?.value ?? JSON.stringify(reply);
finish(text.startsWith('done:') ? 0 : 1, text);
