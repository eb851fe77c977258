// A store-only ZIP writer (PKWARE APPNOTE 6.3.9 §4.3, §4.4): the files are compressed images
// already, so deflating them again gains nothing. UTF-8 names (general purpose bit 11); no
// ZIP64, so at most 65535 files and 4 GiB.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as ZIP and PNG use it (ISO 3309). */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (§4.4.6) of a Date, which ZIP stores in local time. */
function dosTime(date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
  const day = ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return {time, day};
}

/**
 * @param {{name: string, data: Blob|ArrayBuffer|Uint8Array, date?: Date}[]} files
 * @returns {Promise<Blob>} application/zip
 */
export async function zip(files) {
  if (files.length > 0xffff) {
    throw new RangeError('a ZIP without ZIP64 holds at most 65535 files');
  }
  const encoder = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  const names = new Set();
  for (const file of files) {
    const data = file.data instanceof Blob ? new Uint8Array(await file.data.arrayBuffer())
      : new Uint8Array(file.data instanceof ArrayBuffer ? file.data : file.data.buffer.slice(
          file.data.byteOffset, file.data.byteOffset + file.data.byteLength));
    const name = encoder.encode(uniqueName(file.name, names));
    const crc = crc32(data);
    const {time, day} = dosTime(file.date ?? new Date());
    if (offset + data.length > 0xffffffff) {
      throw new RangeError('a ZIP without ZIP64 holds at most 4 GiB');
    }
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true); // local file header signature
    local.setUint16(4, 20, true); // version needed: 2.0
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, 0, true); // stored
    local.setUint16(10, time, true);
    local.setUint16(12, day, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    parts.push(local.buffer, name, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true); // central directory header signature
    entry.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, 0, true);
    entry.setUint16(12, time, true);
    entry.setUint16(14, day, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(42, offset, true); // offset of the local header
    central.push(entry.buffer, name);
    offset += 30 + name.length + data.length;
  }
  const centralSize = central.reduce((n, p) => n + p.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); // end of central directory signature
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return new Blob([...parts, ...central, end.buffer], {type: 'application/zip'});
}

/** "a.tgl", "a.tgl" -> "a.tgl", "a (2).tgl": two entries with one name confuse unzippers. */
function uniqueName(name, taken) {
  let candidate = name.replace(/[\\/]/g, '_') || 'file';
  const dot = candidate.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [candidate.slice(0, dot), candidate.slice(dot)] : [candidate, ''];
  for (let n = 2; taken.has(candidate); n++) {
    candidate = `${stem} (${n})${ext}`;
  }
  taken.add(candidate);
  return candidate;
}
