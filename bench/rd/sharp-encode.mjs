// rd.py's sharp rows: sharp (libvips with MozJPEG, as `npm install sharp` ships it) writing a JPEG at
// a quality, either with its defaults (4:2:0, baseline, standard tables) or with `mozjpeg: true`
// (trellis quantization, overshoot deringing, progressive scans, quant table 3), the settings a
// sharp user picks for the smallest files. Development only.
//   node bench/rd/sharp-encode.mjs IN.png OUT.jpg QUALITY [mozjpeg]
import sharp from 'sharp';

const [input, output, quality, mode] = process.argv.slice(2);
if (!input || !output || !quality || (mode && mode !== 'mozjpeg')) {
  console.error('usage: node sharp-encode.mjs IN.png OUT.jpg QUALITY [mozjpeg]');
  process.exit(2);
}
sharp.concurrency(1); // rd.py times every codec on one thread
await sharp(input)
  .jpeg({ quality: Number(quality), mozjpeg: mode === 'mozjpeg' })
  .toFile(output);
