package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void versionComesFromTheBuild() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("tegula \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.exit());
    for (String word : new String[] {"info", "convert", "serve", "Exit status"}) {
      assertTrue(r.out().contains(word), word + " in\n" + r.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("Missing command"), r.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result r = Cli.run("convert", "--frobnicate", "a.jpg", "b.png");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }
}
