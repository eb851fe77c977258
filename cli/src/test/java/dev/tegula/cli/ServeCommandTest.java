package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  private static final Pattern ANNOUNCEMENT =
      Pattern.compile("Tegula serving (http://127\\.0\\.0\\.1:(\\d+)/)\\R");

  @TempDir
  Path root;

  @Test
  void servesARootUntilInterrupted() throws Exception {
    Files.writeString(root.resolve("index.html"), "hello from serve");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TegulaCli.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(
        commandLine.execute("serve", "--port", "0", "--root", root.toString())));
    serving.start();
    try {
      Matcher announced = awaitAnnouncement(out);
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(announced.group(1))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from serve", r.body());
      assertEquals("", err.toString());
    } finally {
      serving.interrupt();
      serving.join(10_000);
    }
    assertFalse(serving.isAlive());
    assertEquals(0, exit.get());
  }

  @Test
  void missingRootIsAnIoError() {
    Cli.Result r = Cli.run("serve", "--port", "0", "--root", root.resolve("nope").toString());
    assertEquals(3, r.exit());
    assertEquals("tegula: " + root.resolve("nope") + ": no such file or directory\n", r.err());
  }

  @Test
  void fileAsRootIsAnIoError() throws IOException {
    Path file = Files.writeString(root.resolve("f"), "x");
    Cli.Result r = Cli.run("serve", "--port", "0", "--root", file.toString());
    assertEquals(3, r.exit());
    assertEquals("tegula: " + file + ": not a directory\n", r.err());
  }

  @Test
  void busyPortIsAnIoError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.run("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--root", root.toString());
      assertEquals(3, r.exit());
      assertTrue(r.err().startsWith("tegula: 127.0.0.1:" + taken.getLocalPort() + ": cannot listen"),
          r.err());
    }
  }

  @Test
  void portOutOfRangeIsAUsageError() {
    Cli.Result r = Cli.run("serve", "--port", "70000");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--port must be in 0-65535"), r.err());
  }

  @Test
  void requestTimeoutOutOfRangeIsAUsageError() {
    for (String seconds : new String[] {"0", "-1", "3601"}) {
      Cli.Result r = Cli.run("serve", "--port", "0", "--request-timeout", seconds);
      assertEquals(2, r.exit(), seconds);
      assertTrue(r.err().contains("--request-timeout must be in 1-3600"), r.err());
    }
  }

  @Test
  void responseTimeoutOutOfRangeIsAUsageError() {
    for (String seconds : new String[] {"0", "86401"}) {
      Cli.Result r = Cli.run("serve", "--port", "0", "--response-timeout", seconds);
      assertEquals(2, r.exit(), seconds);
      assertTrue(r.err().contains("--response-timeout must be in 1-86400"), r.err());
    }
  }

  @Test
  void malformedAllowedHostIsAUsageError() {
    for (String name : new String[] {"a b", "host:80", "*.example", "[::1"}) {
      Cli.Result r = Cli.run("serve", "--port", "0", "--allow-host", "ok.test", "--allow-host",
          name);
      assertEquals(2, r.exit(), name);
      assertTrue(r.err().contains("--allow-host: ") && r.err().contains(name), r.err());
    }
  }

  @Test
  void helpExplainsAllowHost() {
    Cli.Result r = Cli.run("serve", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("--allow-host=NAME") && r.out().contains("DNS"), r.out());
  }

  private static Matcher awaitAnnouncement(StringWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher m = ANNOUNCEMENT.matcher(out.toString());
      if (m.find()) {
        return m;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no announcement in: " + out);
  }
}
