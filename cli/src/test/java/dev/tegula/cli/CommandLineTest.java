package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  @Test
  void aUsageErrorSaysWhatIsWrongAndWhereTheOptionsAreNotTheWholeHelp() {
    Cli.Result r = Cli.run("compress", "--quality", "200", "a.png");
    assertEquals(2, r.exit());
    assertEquals(List.of("--quality must be 0-100", "See 'tegula compress --help' for the options."),
        r.err().lines().toList());
    Cli.Result typo = Cli.run("compress", "--qualty", "20", "a.png");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("Possible solutions: --quality"), typo.err());
    assertTrue(typo.err().lines().count() < 6, typo.err());
  }
}
