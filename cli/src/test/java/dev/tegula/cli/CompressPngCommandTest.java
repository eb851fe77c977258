package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.api.Tegula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compress --format png}: the encoder's jobs run on the tile pool, same bytes. */
class CompressPngCommandTest {
  @TempDir
  Path dir;

  @Test
  void oneThreadAndFourWriteTheSameBytes() throws IOException {
    Path in = dir.resolve("in.png");
    Files.copy(TestData.file("photos/astronaut.png"), in);
    byte[][] outs = new byte[2][];
    String[] jobs = {"1", "4"};
    for (int i = 0; i < 2; i++) {
      Path out = dir.resolve("out" + jobs[i] + ".png");
      Cli.Result r = Cli.run("compress", "--format", "png", "--png-effort", "3", "-j", jobs[i],
          "-o", out.toString(), in.toString());
      assertEquals(0, r.exit(), r.err());
      outs[i] = Files.readAllBytes(out);
    }
    assertArrayEquals(outs[0], outs[1]);
    assertArrayEquals(Tegula.decode(Files.readAllBytes(in)).image().rgba(),
        Tegula.decode(outs[1]).image().rgba());
  }

  @Test
  void manyFilesShareThePool() throws IOException {
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    Files.copy(TestData.file("photos/astronaut.png"), a);
    Files.copy(TestData.file("png/rgba8.png"), b);
    Path outDir = Files.createDirectory(dir.resolve("out"));
    Cli.Result r = Cli.run("compress", "--format", "png", "-j", "2", "-o", outDir.toString(),
        a.toString(), b.toString());
    assertEquals(0, r.exit(), r.err());
    for (Path p : new Path[] {a, b}) {
      assertArrayEquals(Tegula.decode(Files.readAllBytes(p)).image().rgba(),
          Tegula.decode(Files.readAllBytes(outDir.resolve(p.getFileName()))).image().rgba());
    }
  }
}
