package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Measurement, not a test: whether a size target a search missed has a file in the band at the
 * search's own settings, and where. Per argument {@code SETDIR/IMAGE:FORMAT:TARGET:LO:HI} (codes
 * as the search's trace writes them, {@code f} for 4:4:4 below 97; both ends on one side), every
 * hundredth from LO to HI encoded as the search does ({@link SearchEncoder} with {@link
 * TargetLanding#options}); prints each code's offset in band widths ((bytes / target - 0.97) /
 * 0.03, 0..1 the band) and the hundredths that land. Session 23.
 */
public class SizeMissReach {
  public static void main(String[] args) throws Exception {
    for (String a : args) {
      String[] p = a.split(":");
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(p[0]))).image();
      ImageFormat f = ImageFormat.valueOf(p[1]);
      long target = Long.parseLong(p[2]);
      int flag = p[3].startsWith("f") ? TargetSearch.FULL_CHROMA : 0;
      int lo = Integer.parseInt(p[3].replace("f", ""));
      int hi = Integer.parseInt(p[4].replace("f", ""));
      SearchEncoder enc = new SearchEncoder(img, Metadata.EMPTY, TargetLanding.options(f));
      StringBuilder all = new StringBuilder();
      StringBuilder lands = new StringBuilder();
      for (int q = Math.min(lo, hi); q <= Math.max(lo, hi); q++) {
        double off = (enc.apply(q | flag).length / (double) target - 0.97) / 0.03;
        all.append(String.format(Locale.ROOT, " %d:%+.1f", q, off));
        if (off >= 0 && off <= 1) {
          lands.append(' ').append(q);
        }
      }
      System.out.println(a + " lands:" + (lands.length() == 0 ? " none" : lands));
      System.out.println("  " + all);
    }
  }
}
