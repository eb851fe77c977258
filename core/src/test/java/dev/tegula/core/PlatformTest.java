package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** On the JVM the kernels take HotSpot's forms; the Wasm build's parity tests cover TeaVM's. */
class PlatformTest {
  @Test
  void hotSpotIsNotTeaVm() {
    assertFalse(Platform.TEAVM, System.getProperty("os.name"));
  }
}
