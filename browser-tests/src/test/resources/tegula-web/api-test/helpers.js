// Shared by the API tests' injected scripts: bytes in from base64, digests out.
export function bytes(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export async function sha256(data) {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return [...digest].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export async function base64(blob) {
  const view = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/** A heartbeat on the page's main thread: the longest gap between 4 ms timer ticks while it runs. */
export function heartbeat() {
  let last = performance.now();
  let max = 0;
  let running = true;
  const beat = () => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
    if (running) {
      setTimeout(beat, 4);
    }
  };
  setTimeout(beat, 4);
  return () => {
    running = false;
    return max;
  };
}
