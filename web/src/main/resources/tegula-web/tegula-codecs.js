// Codec modules and their manifest: which Wasm builds exist, where, and their SHA-256. A module is
// fetched once by the page, checked against its integrity string, and its bytes handed to every
// worker, so a module whose hash does not match never runs.
import {TegulaError} from './tegula-errors.js';

/**
 * Reads a codec manifest: {current, versions: [{version, wasm, integrity}]}, the wasm URLs
 * relative to the manifest. `source` is its URL or the object itself.
 */
export async function readManifest(source, base) {
  if (source && typeof source === 'object' && !(source instanceof URL)) {
    return normalise(source, base);
  }
  const url = new URL(source, base).href;
  let response;
  try {
    response = await fetch(url, {cache: 'no-cache'});
  } catch (e) {
    throw new TegulaError('unsupported', `cannot fetch the codec manifest ${url}: ${e.message}`);
  }
  if (!response.ok) {
    throw new TegulaError('unsupported', `cannot fetch the codec manifest ${url}: HTTP ${response.status}`);
  }
  return normalise(await response.json(), url);
}

function normalise(manifest, base) {
  if (!manifest || !Array.isArray(manifest.versions) || manifest.versions.length === 0) {
    throw new TegulaError('unsupported', 'the codec manifest lists no versions');
  }
  const versions = manifest.versions.map((v) => {
    if (!v || typeof v.version !== 'string' || typeof v.wasm !== 'string') {
      throw new TegulaError('unsupported', 'a codec manifest entry needs a version and a wasm URL');
    }
    return {...v, wasm: new URL(v.wasm, base).href};
  });
  return {current: manifest.current ?? versions[versions.length - 1].version, versions};
}

export function findVersion(manifest, version) {
  const entry = manifest.versions.find((v) => v.version === version);
  if (!entry) {
    throw new TegulaError('unsupported', `the codec manifest has no version ${version}`
        + ` (it has ${manifest.versions.map((v) => v.version).join(', ')})`);
  }
  return entry;
}

/**
 * The module's bytes, checked against `integrity` ('sha256-' and the base64 digest, as in
 * Subresource Integrity) when one is given.
 */
export async function fetchModule(url, integrity) {
  let bytes;
  try {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    bytes = await response.arrayBuffer();
  } catch (e) {
    throw new TegulaError('unsupported', `cannot fetch the codec module ${url}: ${e.message}`);
  }
  if (integrity) {
    const actual = await sha256(bytes);
    if (actual !== integrity) {
      throw new TegulaError('integrity',
          `the codec module ${url} has ${actual}, its manifest says ${integrity}: refused`);
    }
  }
  return bytes;
}

export async function sha256(bytes) {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new TegulaError('integrity', 'checking a codec module needs crypto.subtle (a secure context)');
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const b of digest) {
    binary += String.fromCharCode(b);
  }
  return `sha256-${btoa(binary)}`;
}
