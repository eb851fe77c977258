#!/usr/bin/env python3
"""Writes many damaged arithmetic JPEGs plus libjpeg-turbo's coefficient digests of each, for the
opt-in bulk test:  python3 fuzz_damaged.py OUTDIR [COUNT]  then
mvn -o -pl jpeg test -Dtest=ArithmeticScanDecoderTest -Dtegula.arith.fuzzdir=OUTDIR
Only the entropy-coded data after the first SOS is damaged; files libjpeg-turbo refuses (fatal
errors) are left out of OUTDIR/coefficients.tsv. Needs coeftool built from coeftool.c."""
import os, random, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
tool = os.environ.get("COEFTOOL", "/tmp/coeftool")
sources = sorted(f for f in os.listdir(here) if f.endswith(".arith.jpg") and not f.startswith("damaged"))
sources += ["../jpeg/arith_420.jpg", "../jpeg/arith_progressive_420.jpg", "../jpeg/arith_restart_444.jpg"]
rnd = random.Random(1234)
os.makedirs(out, exist_ok=True)
rows = []
for n in range(count):
    src = rnd.choice(sources)
    d = bytearray(open(os.path.join(here, src), "rb").read())
    sos = d.index(b"\xff\xda") + 4
    rsts = [i for i in range(sos, len(d) - 1) if d[i] == 0xFF and 0xD0 <= d[i + 1] <= 0xD7]
    for _ in range(rnd.randint(1, 3)):
        if len(d) - 2 <= sos:
            break
        kind = rnd.randrange(6)
        at = rnd.randrange(sos, len(d) - 2)
        if kind == 0:
            d[at] ^= rnd.randrange(1, 256)
        elif kind == 1 and rsts:
            r = rnd.choice(rsts) + 1
            if r < len(d) and 0xD0 <= d[r] <= 0xD7:
                d[r] = 0xD0 + (d[r] - 0xD0 + rnd.randrange(1, 8)) % 8
        elif kind == 2 and rsts:
            r = rnd.choice(rsts)
            if r + 1 < len(d) and d[r] == 0xFF and 0xD0 <= d[r + 1] <= 0xD7:
                del d[r:r + 2]
        elif kind == 3:
            del d[rnd.randrange(sos, len(d)):]
        elif kind == 4:
            d[at:at] = bytes([0xFF, rnd.choice([0xD0 + rnd.randrange(8), 0xD9, 0xFF, 0x00])])
        else:
            for j in range(at, min(len(d), at + rnd.randrange(1, 40))):
                d[j] = rnd.randrange(256)
    name = "f%04d.jpg" % n
    path = os.path.join(out, name)
    open(path, "wb").write(d)
    r = subprocess.run([tool, "digest", name], cwd=out, capture_output=True, text=True)
    if r.returncode == 0 and r.stdout:
        rows.append(r.stdout)
    else:
        os.remove(path)
open(os.path.join(out, "coefficients.tsv"), "w").write("".join(rows))
print(len(rows), "of", count, "damaged files kept")
