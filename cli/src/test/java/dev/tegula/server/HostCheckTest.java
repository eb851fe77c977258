package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DNS rebinding, over raw sockets: a page whose host name was re-pointed at 127.0.0.1 sends its
 * own name in Host, and a loopback server must not answer it (421, with the security headers);
 * the names a browser uses for the local server are answered whatever the port; a malformed Host
 * is a 400 (RFC 9112 §3.2).
 */
class HostCheckTest {
  private static final String INDEX = "index";

  @TempDir
  static Path root;

  private static StaticServer loopback;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(root.resolve("index.html"), INDEX);
    loopback = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    loopback.close();
  }

  @ParameterizedTest(name = "Host: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // the names of the local server, any port (a forwarded one differs from the bound one)
      "localhost|200", "localhost:PORT|200", "localhost:1|200", "localhost:65535|200",
      "localhost:|200", "LocalHost:PORT|200", "127.0.0.1|200", "127.0.0.1:PORT|200",
      "127.0.0.1:8080|200", "[::1]|200", "[::1]:PORT|200", "[0:0:0:0:0:0:0:1]:PORT|200",
      "[::0001]|200", "[0::1]:9|200",
      // rebound names, and other spellings of loopback that name no local host to a browser
      "evil.example|421", "evil.example:PORT|421", "127.0.0.1.nip.io:PORT|421",
      "localhost.|421", "sub.localhost|421", "127.1|421", "127.0.0.01|421", "2130706433|421",
      "0x7f.0.0.1|421", "127.0.0.2|421", "[::2]|421", "[::ffff:127.0.0.1]|421",
      "%6cocalhost|421", "0.0.0.0|421",
      // not uri-host [ ":" port ]
      "''|400", "::1|400", "[::1|400", "::1]|400", "[::1]x|400", "[::1]:99999|400",
      "[fe80::1%25lo]|400", "[v1.x]|400", "[1:2:3:4:5:6:7:8:9]|400", "[1::2::3]|400",
      "localhost:123456|400", "localhost:-1|400", "localhost:x|400", "localhost:80:80|400",
      "user@localhost|400", "local host|400", "localhost/|400", "localhost?|400",
      "loc\"alhost|400", "[::1.2.3.4.5]|400", "[1.2.3.4::]|400"})
  void hostIsChecked(String host, int status) throws IOException {
    String value = host.replace("PORT", Integer.toString(loopback.port()));
    RawClient.Response r = get(loopback, "GET / HTTP/1.1\r\nHost: " + value + "\r\n\r\n");
    assertEquals(status, r.status, "Host: " + value);
    assertTrue(r.hasSecurityHeaders(), r.toString());
    if (status == 200) {
      assertEquals(INDEX, r.body);
    } else {
      assertEquals("close", r.header("Connection"));
    }
  }

  @Test
  void aReboundRequestGetsNothingOfTheRoot() throws IOException {
    try (RawClient client = new RawClient(loopback.port(), 10_000)) {
      RawClient.Response r = client.send("GET /index.html HTTP/1.1\r\nHost: attacker.example:"
          + loopback.port() + "\r\nAccept: */*\r\n\r\n").read();
      assertEquals(421, r.status);
      assertEquals("421 Misdirected Request\n", r.body);
      assertTrue(r.hasSecurityHeaders());
      assertTrue(client.closedByServer(), "connection left open");
    }
  }

  @Test
  void headIsRefusedWithoutABody() throws IOException {
    try (RawClient client = new RawClient(loopback.port(), 10_000)) {
      RawClient.Response r = client.send("HEAD / HTTP/1.1\r\nHost: evil.example\r\n\r\n")
          .read(true);
      assertEquals(421, r.status);
      assertTrue(client.closedByServer(), "a body was sent, or the connection left open");
    }
  }

  /** RFC 9112 §3.2.2: the authority of an absolute-form target is the one that counts. */
  @Test
  void anAbsoluteFormTargetOverridesHost() throws IOException {
    assertEquals(421, get(loopback, "GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .status);
    assertEquals(200,
        get(loopback, "GET http://localhost:1/ HTTP/1.1\r\nHost: evil.example\r\n\r\n").status);
    assertEquals(421, get(loopback, "GET HTTP://EVIL.example?x HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .status);
    assertEquals(400, get(loopback, "GET http://a@localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .status);
    assertEquals(400, get(loopback, "GET http:/// HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
  }

  /**
   * HTTP/1.1 without Host is malformed (400, RFC 9112 §3.2); HTTP/1.0 without one is served,
   * since every browser sends Host and so no rebound page can leave it out; with one it is checked.
   */
  @Test
  void missingHost() throws IOException {
    assertEquals(400, get(loopback, "GET / HTTP/1.1\r\n\r\n").status);
    assertEquals(200, get(loopback, "GET / HTTP/1.0\r\n\r\n").status);
    assertEquals(421, get(loopback, "GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n").status);
    assertEquals(200, get(loopback, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n").status);
    assertEquals(400, get(loopback, "GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n")
        .status);
  }

  @Test
  void namesAllowedOnTheCommandLineAreAnswered() throws IOException {
    ServerSettings settings = ServerSettings.DEFAULTS
        .withAllowedHosts(Set.of("Tegula.Test", "[::7]"));
    try (StaticServer server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0,
        settings)) {
      assertEquals(200, get(server, "GET / HTTP/1.1\r\nHost: tegula.test:80\r\n\r\n").status);
      assertEquals(200, get(server, "GET / HTTP/1.1\r\nHost: TEGULA.TEST\r\n\r\n").status);
      assertEquals(200, get(server, "GET / HTTP/1.1\r\nHost: [0::7]\r\n\r\n").status);
      assertEquals(200, get(server, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
      assertEquals(421, get(server, "GET / HTTP/1.1\r\nHost: www.tegula.test\r\n\r\n").status);
    }
  }

  @Test
  void theBoundLoopbackAddressIsAnswered() throws IOException {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    try (StaticServer server = StaticServer.start(new DirectoryFiles(root), "127.0.0.2", 0);
        RawClient client = new RawClient(other, server.port(), 10_000)) {
      assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: 127.0.0.2:" + server.port()
          + "\r\n\r\n").read().status);
      assertEquals(421, client.send("GET / HTTP/1.1\r\nHost: rebound.example\r\n\r\n").read()
          .status);
    }
  }

  @Test
  void theIpv6LoopbackServerAnswersItsNames() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    StaticServer server;
    try {
      server = StaticServer.start(new DirectoryFiles(root), "::1", 0);
    } catch (IOException noIpv6) {
      org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6);
      return;
    }
    try (server; RawClient client = new RawClient(v6, server.port(), 10_000)) {
      assertEquals("http://[0:0:0:0:0:0:0:1]:" + server.port() + "/", server.uri().toString());
      assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: [::1]:" + server.port()
          + "\r\n\r\n").read().status);
      assertEquals(421, client.send("GET / HTTP/1.1\r\nHost: six.example\r\n\r\n").read()
          .status);
    }
  }

  /**
   * Bound to all addresses (which a user must ask for), the server is reached by the machine's
   * addresses, so any IP address is answered; names still only when allowed.
   */
  @Test
  void aNonLoopbackServerAnswersAddressesAndAllowedNames() throws IOException {
    ServerSettings settings = ServerSettings.DEFAULTS.withAllowedHosts(Set.of("box.lan"));
    try (StaticServer server = StaticServer.start(new DirectoryFiles(root), "0.0.0.0", 0,
        settings)) {
      for (String host : new String[] {"192.168.1.20:8080", "10.0.0.1", "[fd00::1]:80",
          "localhost", "box.lan", "BOX.lan:" + server.port()}) {
        assertEquals(200, get(server, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status,
            host);
      }
      for (String host :
          new String[] {"evil.example", "box.lan.evil.example", "192.168.1.20.nip.io"}) {
        assertEquals(421, get(server, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status,
            host);
      }
    }
  }

  @Test
  void allowedNamesAreChecked() {
    for (String bad : new String[] {"", "a b", "host:80", "host:", "[::1", "a/b", "*"}) {
      assertThrows(IllegalArgumentException.class,
          () -> ServerSettings.DEFAULTS.withAllowedHosts(Set.of(bad)), bad);
    }
    assertEquals(Set.of("x.test"), ServerSettings.DEFAULTS.withAllowedHosts(Set.of("x.test"))
        .allowedHosts());
  }

  private static RawClient.Response get(StaticServer server, String request) throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      RawClient.Response r = client.send(request).read();
      assertNotNull(r, "closed without an answer: " + request);
      return r;
    }
  }
}
