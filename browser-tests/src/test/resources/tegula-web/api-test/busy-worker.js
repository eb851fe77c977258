// Keeps one core busy for the given milliseconds: the control load for the responsiveness test.
self.onmessage = (event) => {
  const end = performance.now() + event.data;
  let x = 0;
  while (performance.now() < end) {
    x = (x * 31 + 7) % 1000003;
  }
  self.postMessage(x);
};
