package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request parser under seeded random input: mutations of {@link RawCases} and of ordinary
 * requests, and plain noise, checked against {@link RequestParserContract} (which the fuzz
 * module's HttpRequestFuzzTest checks under Jazzer): every input ends in requests, a clean end, or
 * an {@link HttpError} with a refusal status, never another exception or a loop; what is accepted
 * keeps the limits; the outcome does not depend on how the bytes are split into reads. Over
 * sockets, every response carries the security headers.
 */
class RequestReaderPropertyTest {
  private static final long SEED = 0x7e9a1a5L;
  private static final int ORDINARY = 2;

  @Test
  void everyInputEndsInRequestsOrARefusal() throws IOException {
    Random random = new Random(SEED);
    List<byte[]> seeds = seeds();
    int refused = 0;
    int accepted = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] input = mutate(pick(seeds, random), random);
      String outcome;
      try {
        outcome = RequestParserContract.check(input);
      } catch (AssertionError e) {
        throw new AssertionError("case " + i + ": " + e.getMessage(), e);
      }
      if (outcome.contains("refused")) {
        refused++;
      }
      if (outcome.startsWith("request")) {
        accepted++;
      }
    }
    System.out.printf("request parser: 30000 random inputs, %d began with a request, %d ended"
        + " refused%n", accepted, refused);
    assertTrue(accepted > 1000 && refused > 1000, accepted + " accepted, " + refused + " refused");
  }

  @Test
  void everyResponseOverASocketCarriesTheHeaders(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("index.html"), "index");
    Random random = new Random(SEED + 1);
    List<byte[]> seeds = seeds();
    Pattern status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    int responses = 0;
    try (StaticServer server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0)) {
      for (int i = 0; i < 300; i++) {
        byte[] input = mutate(pick(seeds, random), random);
        String all;
        try (RawClient client = new RawClient(server.port(), 10_000)) {
          client.send(input);
          client.shutdownOutput();
          all = client.readAll();
        }
        Matcher m = status.matcher(all);
        if (!all.startsWith("HTTP/1.1 ")) {
          assertEquals("", all, "case " + i);
          assertEquals(0, input.length, "case " + i + ": no answer to "
              + new String(input, StandardCharsets.ISO_8859_1));
        }
        while (m.find()) {
          int end = all.indexOf("\r\n\r\n", m.start());
          String head = all.substring(m.start(), end < 0 ? all.length() : end);
          RawClient.Response r = new RawClient.Response(head.substring(0, head.indexOf("\r\n")));
          for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
              r.headers.putIfAbsent(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
            }
          }
          assertTrue(r.hasSecurityHeaders(), "case " + i + ": " + head);
          responses++;
        }
      }
      assertEquals(0, awaitIdle(server), "connections left open");
      try (RawClient client = new RawClient(server.port(), 10_000)) {
        assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status);
      }
    }
    assertTrue(responses >= 250, responses + " responses");
  }

  /** Half the time one of the ordinary requests (the last seeds), which mutations go deeper in. */
  private static byte[] pick(List<byte[]> seeds, Random random) {
    return random.nextBoolean() ? seeds.get(seeds.size() - 1 - random.nextInt(ORDINARY))
        : seeds.get(random.nextInt(seeds.size()));
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (RawCases.Case c : RawCases.all()) {
      if (c.request().length() < 4096) {
        seeds.add(c.request().getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    String ordinary = "GET /app.js?v=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n"
        + "Accept-Encoding: gzip, deflate, br\r\nIf-None-Match: \"abc\"\r\n\r\n";
    seeds.add(ordinary.getBytes(StandardCharsets.ISO_8859_1));
    seeds.add((ordinary + ordinary + "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    return seeds;
  }

  /** One to eight (often one or two) random edits: bytes flipped, set to a delimiter, inserted, cut, or spliced. */
  private static byte[] mutate(byte[] seed, Random random) {
    byte[] delimiters = " \t\r\n:,/%0\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    List<Byte> bytes = new ArrayList<>(seed.length + 16);
    for (byte b : seed) {
      bytes.add(b);
    }
    int edits = 1 + random.nextInt(random.nextBoolean() ? 2 : 8);
    for (int e = 0; e < edits; e++) {
      int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
      switch (random.nextInt(6)) {
        case 0 -> {
          if (!bytes.isEmpty()) {
            bytes.set(at, (byte) random.nextInt(256));
          }
        }
        case 1 -> {
          if (!bytes.isEmpty()) {
            bytes.set(at, delimiters[random.nextInt(delimiters.length)]);
          }
        }
        case 2 -> bytes.add(at, delimiters[random.nextInt(delimiters.length)]);
        case 3 -> {
          if (!bytes.isEmpty()) {
            bytes.remove(at);
          }
        }
        case 4 -> {
          int keep = random.nextInt(bytes.size() + 1);
          bytes.subList(keep, bytes.size()).clear();
        }
        default -> {
          // a copy of a random stretch elsewhere: repeated headers, requests, separators
          if (!bytes.isEmpty()) {
            int from = random.nextInt(bytes.size());
            int length = Math.min(bytes.size() - from, 1 + random.nextInt(64));
            bytes.addAll(at, new ArrayList<>(bytes.subList(from, from + length)));
          }
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static int awaitIdle(StaticServer server) {
    for (int i = 0; i < 100 && server.openConnections() > 0; i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return server.openConnections();
  }
}

