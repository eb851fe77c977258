/*
 * coeftool: how the arithmetic twins and their coefficient digests were made.
 * Build: gcc -O2 -o coeftool coeftool.c -ljpeg   (libjpeg-turbo 2.1.5, Debian libjpeg62-turbo-dev)
 *
 *   coeftool digest FILE...
 *     prints, per component, the FNV-1a 64 hash of the quantized coefficients libjpeg-turbo
 *     holds after reading every scan (jpeg_read_coefficients), blocks row by row over
 *     width_in_blocks x height_in_blocks, 64 values per block in natural order, each value as
 *     two bytes, low byte first:  FILE <tab> ci <tab> wblocks <tab> hblocks <tab> hash
 *
 *   coeftool write IN OUT PROGRESSIVE RESTART L0 U0 K0 L1 U1 K1
 *     losslessly rewrites IN as arithmetic-coded OUT (sequential, or progressive with libjpeg's
 *     default script if PROGRESSIVE is 1), restart interval RESTART MCUs, and the DAC
 *     conditioning L/U/Kx of tables 0 and 1 (jpegtran always writes the defaults 0/1/5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

static int digest(const char *path) {
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); return 1; }
  d.err = jpeg_std_error(&err);
  jpeg_create_decompress(&d);
  jpeg_stdio_src(&d, f);
  jpeg_read_header(&d, TRUE);
  jvirt_barray_ptr *arrays = jpeg_read_coefficients(&d);
  for (int ci = 0; ci < d.num_components; ci++) {
    jpeg_component_info *comp = &d.comp_info[ci];
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (JDIMENSION by = 0; by < comp->height_in_blocks; by++) {
      JBLOCKARRAY row = (*d.mem->access_virt_barray)((j_common_ptr)&d, arrays[ci], by, 1, FALSE);
      for (JDIMENSION bx = 0; bx < comp->width_in_blocks; bx++) {
        for (int k = 0; k < DCTSIZE2; k++) {
          unsigned v = (unsigned short)row[0][bx][k];
          h = (h ^ (v & 0xff)) * 0x100000001b3ULL;
          h = (h ^ (v >> 8)) * 0x100000001b3ULL;
        }
      }
    }
    printf("%s\t%d\t%u\t%u\t%016llx\n", path, ci, comp->width_in_blocks,
           comp->height_in_blocks, h);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  fclose(f);
  return 0;
}

static int write_twin(char **a) {
  struct jpeg_decompress_struct d;
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr derr, cerr;
  FILE *in = fopen(a[0], "rb"), *out = fopen(a[1], "wb");
  if (!in || !out) { perror("open"); return 1; }
  d.err = jpeg_std_error(&derr);
  jpeg_create_decompress(&d);
  jpeg_stdio_src(&d, in);
  jpeg_read_header(&d, TRUE);
  jvirt_barray_ptr *arrays = jpeg_read_coefficients(&d);
  c.err = jpeg_std_error(&cerr);
  jpeg_create_compress(&c);
  jpeg_copy_critical_parameters(&d, &c);
  c.arith_code = TRUE;
  if (atoi(a[2])) jpeg_simple_progression(&c);
  c.restart_interval = (unsigned)atoi(a[3]);
  for (int t = 0; t < 2; t++) {
    c.arith_dc_L[t] = (UINT8)atoi(a[4 + 3 * t]);
    c.arith_dc_U[t] = (UINT8)atoi(a[5 + 3 * t]);
    c.arith_ac_K[t] = (UINT8)atoi(a[6 + 3 * t]);
  }
  jpeg_stdio_dest(&c, out);
  jpeg_write_coefficients(&c, arrays);
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  fclose(in);
  fclose(out);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "digest")) {
    int rc = 0;
    for (int i = 2; i < argc; i++) rc |= digest(argv[i]);
    return rc;
  }
  if (argc == 12 && !strcmp(argv[1], "write")) return write_twin(argv + 2);
  fprintf(stderr, "usage: coeftool digest FILE... | coeftool write IN OUT PROG RESTART L0 U0 K0 L1 U1 K1\n");
  return 2;
}
