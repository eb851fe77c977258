// Keeps one core busy for the given milliseconds, as the codec does: computing and allocating
// short-lived objects (so that the garbage collector works too). The control load for the
// responsiveness test.
self.onmessage = (event) => {
  const end = performance.now() + event.data;
  let keep = [];
  while (performance.now() < end) {
    const a = new Array(1000);
    for (let i = 0; i < 1000; i++) {
      a[i] = {i, s: `x${i}`};
    }
    keep.push(a);
    if (keep.length > 200) {
      keep = [];
    }
  }
  self.postMessage(keep.length);
};
