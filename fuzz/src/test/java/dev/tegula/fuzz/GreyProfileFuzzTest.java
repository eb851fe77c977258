package dev.tegula.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.GreyProfile;
import dev.tegula.core.Metadata;
import java.util.Map;

/**
 * Fuzzes the ICC profile reader of GreyProfile, which reads the profile of every grey image
 * compressed to JPEG or PNG (user input, from any decoder): a grey profile or null, never an
 * exception; what it returns is a profile that declares its own length and is grey, and it is a
 * fixed point (a grey profile is not converted again). Seeds: HP's sRGB profile (testdata's
 * icc_profile.jpg) and the version 4 gamma 1.8 profile of testdata/icc; findings live in {@code
 * src/test/resources/dev/tegula/fuzz/GreyProfileFuzzTestInputs/fromColour/}.
 */
class GreyProfileFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void fromColour(byte[] icc) {
    byte[] grey = GreyProfile.fromColour(icc);
    if (grey != null) {
      long declared = ((grey[0] & 0xFFL) << 24) | ((grey[1] & 0xFF) << 16)
          | ((grey[2] & 0xFF) << 8) | (grey[3] & 0xFF);
      assertTrue(declared == grey.length, "declared size " + declared + " of " + grey.length);
      Metadata m = new Metadata(grey, null, null, Map.of());
      assertFalse(m.hasColourProfile());
      assertTrue(GreyProfile.forGreyImage(m) == m, "a grey profile stays");
    }
  }
}
