// A fixed amount of plain JavaScript work (the message's iteration count): the control for the
// 1 -> 2 worker speedup, telling how much parallelism the machine gave two threads just then.
self.onmessage = (event) => {
  let x = 0;
  for (let i = 0; i < event.data; i++) {
    x = (x * 31 + i) % 1000003;
  }
  self.postMessage(x);
};
