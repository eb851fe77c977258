// rd.py's sharp PNG rows: sharp (libvips, as `npm install sharp` ships it) writing a lossless PNG,
// either with its defaults (zlib level 6, no adaptive filtering) or with `compressionLevel: 9,
// adaptiveFiltering: true`, the settings a sharp user picks for the smallest lossless files.
// Development only.
//   node bench/rd/sharp-png.mjs IN.png OUT.png [max]
import sharp from 'sharp';

const [input, output, mode] = process.argv.slice(2);
if (!input || !output || (mode && mode !== 'max')) {
  console.error('usage: node sharp-png.mjs IN.png OUT.png [max]');
  process.exit(2);
}
sharp.concurrency(1); // rd.py times every codec on one thread
await sharp(input)
  .png(mode === 'max' ? { compressionLevel: 9, adaptiveFiltering: true } : {})
  .toFile(output);
