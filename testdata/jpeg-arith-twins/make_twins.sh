#!/bin/sh
# Regenerates the twins and coefficients.tsv from ../jpeg/ (libjpeg-turbo 2.1.5 jpegtran).
# Needs coeftool: gcc -O2 -o /tmp/coeftool coeftool.c -ljpeg
set -e
cd "$(dirname "$0")"
T=${COEFTOOL:-/tmp/coeftool}
J=../jpeg
crop() { jpegtran -copy none -crop "$2" "$J/$1" > "$3"; }
arith() { src=$1; out=$2; shift 2; jpegtran -copy none -arithmetic "$@" "$src" > "$out"; }

# 4:2:0, odd size with partial MCUs, Huffman source cropped losslessly from baseline_420
crop baseline_420.jpg 75x53+32+48 s420.huff.jpg
arith s420.huff.jpg s420.arith.jpg
arith s420.huff.jpg s420_rst3.arith.jpg -restart 3B
arith s420.huff.jpg s420_noninterleaved_rst2.arith.jpg -scans noninterleaved.scans -restart 2B
arith s420.huff.jpg s420_prog.arith.jpg -progressive
arith s420.huff.jpg s420_prog_rst1.arith.jpg -progressive -restart 1B
arith s420.huff.jpg s420_deep_refine.arith.jpg -scans deep_refine.scans
"$T" write s420.huff.jpg s420_dac.arith.jpg 0 0 2 6 12 1 3 2
"$T" write s420.huff.jpg s420_prog_dac.arith.jpg 1 4 0 0 1 5 15 63
# 4:4:4 with restarts every 5 MCUs
crop restart_5blocks_444.jpg 61x43+64+64 s444.huff.jpg
arith s444.huff.jpg s444_rst5.arith.jpg -restart 5B
# 4:1:1 (6 blocks per MCU) and 4:2:2 from an odd-sized progressive source
crop baseline_411.jpg 83x21+64+80 s411.huff.jpg
arith s411.huff.jpg s411.arith.jpg
crop progressive_422_odd.jpg 45x37+32+24 s422.huff.jpg
arith s422.huff.jpg s422_prog.arith.jpg -progressive
# grayscale: a single component is always non-interleaved
crop gray.jpg 61x47+96+64 gray.huff.jpg
arith gray.huff.jpg gray.arith.jpg
arith gray.huff.jpg gray_prog_rst2.arith.jpg -progressive -restart 2B
arith "$J/size_1x1_gray.jpg" tiny_1x1_gray.arith.jpg

# damaged arithmetic files, to pin down libjpeg-turbo's recovery (resync, zero feed, error state)
damage() { python3 -c '
import sys
src, out, ops = sys.argv[1], sys.argv[2], sys.argv[3:]
d = bytearray(open(src, "rb").read())
for op in ops:
    kind, at, val = op.split(":")
    at = int(at)
    if kind == "cut":
        del d[at:at + int(val)]
    elif kind == "set":
        d[at] = int(val, 16)
    elif kind == "xor":
        d[at] ^= int(val, 16)
open(out, "wb").write(d)
' "$@"; }
damage s444_rst5.arith.jpg damaged_rst_missing.arith.jpg cut:594:2
damage s444_rst5.arith.jpg damaged_rst_prior.arith.jpg set:708:d2
damage s444_rst5.arith.jpg damaged_rst_far.arith.jpg set:863:d0
damage s444_rst5.arith.jpg damaged_rst_next.arith.jpg set:470:d2
damage s444_rst5.arith.jpg damaged_rst_garbage.arith.jpg xor:700:5a xor:701:33
damage s420.arith.jpg damaged_flip.arith.jpg xor:400:5a xor:700:81
damage s420.arith.jpg damaged_cut.arith.jpg cut:800:100000
damage s420_prog_rst1.arith.jpg damaged_prog_cut.arith.jpg cut:1500:100000
damage gray_prog_rst2.arith.jpg damaged_prog_flip.arith.jpg xor:300:10 xor:600:42 xor:900:7
damage s420_deep_refine.arith.jpg damaged_refine_flip.arith.jpg xor:900:24 xor:1200:99 xor:1400:3

"$T" digest *.huff.jpg [gst]*.arith.jpg damaged_*.arith.jpg "$J/size_1x1_gray.jpg" "$J"/arith_*.jpg "$J/baseline_420.jpg" \
  "$J/progressive_420.jpg" "$J/restart_5blocks_444.jpg" | sed "s#$J/#../jpeg/#" > coefficients.tsv

# which file's libjpeg-turbo coefficients each arithmetic file must reproduce: its Huffman twin,
# or for a damaged file, libjpeg-turbo's own reading of it
{
  for f in s420 s444 s411 s422 gray; do
    for a in "$f".arith.jpg "$f"_*.arith.jpg; do [ -f "$a" ] && printf '%s\t%s\n' "$a" "$f.huff.jpg"; done
  done
  printf '%s\t%s\n' tiny_1x1_gray.arith.jpg ../jpeg/size_1x1_gray.jpg
  printf '%s\t%s\n' ../jpeg/arith_420.jpg ../jpeg/baseline_420.jpg
  printf '%s\t%s\n' ../jpeg/arith_progressive_420.jpg ../jpeg/progressive_420.jpg
  printf '%s\t%s\n' ../jpeg/arith_restart_444.jpg ../jpeg/restart_5blocks_444.jpg
  for a in damaged_*.arith.jpg; do printf '%s\t%s\n' "$a" "$a"; done
} > twins.tsv
