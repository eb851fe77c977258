package dev.tegula.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EncodeRequest splits its options without String.split (whose regex package weighed about 130 KB
 * of the Wasm module): the same pairs and the same errors as the split("&") it replaced.
 */
class EncodeRequestTest {
  private static Map<String, String> bySplit(String text) {
    Map<String, String> m = new HashMap<>();
    if (text != null && !text.isEmpty()) {
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("option without a value: " + pair);
        }
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }

  @Test
  void splitsLikeStringSplit() {
    String[] texts = {
      null, "", "&", "&&&", "a=1", "a=1&", "a=1&&", "a=1&b=2", "a=1&b=2&a=3", "a=", "a=&b=",
      "a==1", "a=1=2&b", "&a=1", "a=1&&b=2", "=1", "a", "a=1&=2", "quality=80&format=jpeg&chroma=420",
      "a=x&y", "a=1& ", " &a=1", "a=1&b=2&&&"
    };
    for (String text : texts) {
      Map<String, String> expected;
      try {
        expected = bySplit(text);
      } catch (IllegalArgumentException e) {
        IllegalArgumentException ours =
            assertThrows(IllegalArgumentException.class, () -> EncodeRequest.options(text), text);
        assertEquals(e.getMessage(), ours.getMessage(), text);
        continue;
      }
      assertEquals(expected, EncodeRequest.options(text), text);
    }
  }

  @Test
  void parsesTheOptionsTegulaJsSends() {
    EncodeRequest r =
        EncodeRequest.parse("format=jpeg&quality=83&chroma=422&targetSsim=0.95&strip=true");
    assertEquals("jpeg", r.format);
    assertEquals(83, r.quality);
    assertEquals("422", r.chroma);
    assertEquals(0.95, r.targetSsim);
    assertEquals(true, r.strip);
  }
}
