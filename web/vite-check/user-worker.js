// The app's own module worker: it imports tegula too, which starts its codec workers from here.
import {init, compress, decode} from 'tegula';

self.onmessage = async (event) => {
  try {
    await init({workers: 2});
    const decoded = await decode(event.data);
    const tgl = await compress(event.data, {quality: 60, tileSize: 256});
    const back = await decode(tgl);
    self.postMessage({text: `${decoded.info.format} ${decoded.width}x${decoded.height} -> ${tgl.type}`
      + ` ${back.width}x${back.height} inWorker ${typeof document === 'undefined'}`});
  } catch (e) {
    self.postMessage({error: `${e.code || ''} ${e.message}`});
  }
};
