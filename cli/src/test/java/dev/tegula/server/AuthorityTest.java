package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host values (RFC 9110 §7.2, RFC 3986 §3.2.2) and the one canonical spelling of each host. */
class AuthorityTest {
  @ParameterizedTest(name = "{0} -> {1} port {2}")
  @CsvSource(delimiter = '|', value = {
      "localhost|localhost|-1", "LocalHost:8080|localhost|8080", "localhost:|localhost|-1",
      "localhost:0|localhost|0", "localhost:00080|localhost|80", "127.0.0.1:1|127.0.0.1|1",
      "255.255.255.255|255.255.255.255|-1", "256.0.0.1|256.0.0.1|-1", "127.1|127.1|-1",
      "a-b_c~d.e!$&'()*+,;=|a-b_c~d.e!$&'()*+,;=|-1", "%41b|%41b|-1",
      "[::1]|[0:0:0:0:0:0:0:1]|-1", "[::1]:443|[0:0:0:0:0:0:0:1]|443",
      "[0:0:0:0:0:0:0:1]|[0:0:0:0:0:0:0:1]|-1", "[0000::0001]|[0:0:0:0:0:0:0:1]|-1",
      "[::]|[0:0:0:0:0:0:0:0]|-1", "[FE80::AbC]|[fe80:0:0:0:0:0:0:abc]|-1",
      "[1:2:3:4:5:6:7::]|[1:2:3:4:5:6:7:0]|-1", "[::2:3:4:5:6:7:8]|[0:2:3:4:5:6:7:8]|-1",
      "[1:2:3:4:5:6:1.2.3.4]|[1:2:3:4:5:6:102:304]|-1",
      "[::ffff:127.0.0.1]|[0:0:0:0:0:ffff:7f00:1]|-1", "[1::1.2.3.4]|[1:0:0:0:0:0:102:304]|-1"})
  void parses(String value, String host, int port) {
    Authority a = Authority.parse(value);
    assertEquals(new Authority(host, port), a, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":80", "a b", "a@b", "a/b", "a?b", "a#b", "a\"b", "a%4", "a%zz",
      "a:b", "a:80:80", "a:-1", "a:65536", "a:123456", "[", "[]", "[::1", "::1", "[::1]x",
      "[::1]:x", "[:::]", "[1::2::3]", "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]",
      "[1:2:3:4:5:6:7:8::]", "[::1:2:3:4:5:6:7:8]", "[12345::]", "[1.2.3.4]", "[1.2.3.4::]",
      "[::1.2.3]", "[::1.2.3.04]", "[::1.2.3.4:5]", "[1:2:3:4:5:6:7:1.2.3.4]", "[fe80::1%25lo]",
      "[v1.x]", "[g::]", "[:1]", "[1:]", "a\u00e9", "a\tb"})
  void refuses(String value) {
    assertNull(Authority.parse(value), value);
  }
}
