package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void benchIsListedInTheHelp() {
    Cli.Result r = Cli.run("--help");
    assertTrue(r.out().contains("bench"), r.out());
  }

  @Test
  void benchFromTheJarPointsToTheLauncher() {
    Cli.Result r = Cli.run("bench", "--browser");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("./tegula bench"), r.err());
  }
}
