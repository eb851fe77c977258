// The app's Service Worker: offline use. The build (dev.tegula.web.WebManifest) fills PRECACHE
// with every app file and its SHA-256, so any changed file changes this script and the browser
// installs the new version, which fetches what changed. Strategies:
// - app shell (PRECACHE): from the cache of this version, fetched at install;
// - content-hashed URLs ('?v=<hash>', the Wasm modules of codecs.json): immutable, cache first;
// - the codec manifest codecs.json: stale-while-revalidate;
// - anything else: the network.

/** [path, sha256-hex] of every app file; empty in the source tree (the build fills it). */
const PRECACHE = [];

/** One cache per app version, named by a hash of the file list (FNV-1a; no await at top level). */
const SHELL = `tegula-shell-${fnv1a(JSON.stringify(PRECACHE))}`;
const IMMUTABLE = 'tegula-immutable';
const MANIFEST = 'tegula-codecs';

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0).toString(16);
}

const scope = new URL(self.registration.scope);
const local = (path) => new URL(path, scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    // '?v=' makes each fetch miss any HTTP cache that still holds an older file
    await Promise.all(PRECACHE.map(async ([path, hash]) => {
      const response = await fetch(`${local(path)}?v=${hash.slice(0, 16)}`, {cache: 'no-cache'});
      if (!response.ok) {
        throw new Error(`cannot cache ${path}: HTTP ${response.status}`);
      }
      await cache.put(local(path), response);
    }));
    await precacheCodec();
    await self.skipWaiting();
  })());
});

/** The current codec module of codecs.json, so that the first offline visit can start the codec. */
async function precacheCodec() {
  try {
    const response = await fetch(local('codecs.json'), {cache: 'no-cache'});
    if (!response.ok) {
      return;
    }
    await (await caches.open(MANIFEST)).put(local('codecs.json'), response.clone());
    const manifest = await response.json();
    const current = manifest.versions.find((v) => v.version === manifest.current);
    if (current) {
      const url = new URL(current.wasm, local('codecs.json')).href;
      const immutable = await caches.open(IMMUTABLE);
      if (!(await immutable.match(url))) {
        await immutable.add(url);
      }
    }
  } catch (e) {
    // offline at install time: the codec is cached when the page first fetches it
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('tegula-shell-') && name !== SHELL) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) {
    return;
  }
  if (url.pathname === new URL(local('codecs.json')).pathname) {
    event.respondWith(staleWhileRevalidate(request));
  } else if (url.searchParams.has('v')) {
    event.respondWith(cacheFirst(request, IMMUTABLE));
  } else {
    event.respondWith(shellFirst(request));
  }
});

async function cacheFirst(request, name) {
  const cache = await caches.open(name);
  const hit = await cache.match(request);
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(MANIFEST);
  const hit = await cache.match(request, {ignoreSearch: true});
  const fresh = fetch(request, {cache: 'no-cache'}).then(async (response) => {
    if (response.ok) {
      await cache.put(request.url.split('?')[0], response.clone());
    }
    return response;
  });
  if (hit) {
    fresh.catch(() => {});
    return hit;
  }
  return fresh;
}

async function shellFirst(request) {
  const cache = await caches.open(SHELL);
  const url = new URL(request.url);
  url.search = '';
  const path = url.pathname.endsWith('/') ? `${url.href}index.html` : url.href;
  const hit = await cache.match(path);
  if (hit) {
    return hit;
  }
  return fetch(request);
}
