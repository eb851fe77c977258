package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedValuesWithIndentation() {
    String json = new JsonWriter().beginObject()
        .name("a").value(1)
        .name("b").beginArray().value("x").value(true).nullValue().endArray()
        .name("c").beginObject().endObject()
        .endObject().toString();
    assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n"
        + "  \"c\": {}\n}", json);
  }

  @Test
  void escapesEverythingThatMustBeEscaped() {
    String nasty = "q\"b\\n\nt\tc\u0001e\u001b[31md\u007f\u2028é";
    String json = new JsonWriter().beginArray().value(nasty).endArray().toString();
    assertEquals(List.of(nasty), MiniJson.parse(json));
    assertEquals(-1, json.indexOf('\u001b'), "no raw escape character reaches the terminal");
  }

  @Test
  void roundTripsThroughAParser() {
    String json = new JsonWriter().beginObject().name("k").value(-5L).name("s").value((String) null)
        .endObject().toString();
    Map<?, ?> map = (Map<?, ?>) MiniJson.parse(json);
    assertEquals(-5L, map.get("k"));
    assertEquals(true, map.containsKey("s"));
  }

  @Test
  void refusesUnbalancedUse() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().toString());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().endObject());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
  }
}
