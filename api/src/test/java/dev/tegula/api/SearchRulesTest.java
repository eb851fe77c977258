package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import org.junit.jupiter.api.Test;

class SearchRulesTest {
  @Test
  void everyRuleIsOnByDefault() {
    for (Rule rule : Rule.values()) {
      assertTrue(SearchRules.DEFAULT.on(rule), rule.toString());
    }
    assertEquals("SearchRules[all on]", SearchRules.DEFAULT.toString());
  }

  @Test
  void switchingOneRuleLeavesTheOthers() {
    // the switches are bits of a long: a 65th rule would need a wider field
    assertTrue(Rule.values().length <= Long.SIZE);
    for (Rule off : Rule.values()) {
      SearchRules rules = SearchRules.DEFAULT.with(off, false);
      for (Rule rule : Rule.values()) {
        assertEquals(rule != off, rules.on(rule), off + " off, " + rule);
      }
      assertNotEquals(SearchRules.DEFAULT, rules);
      assertEquals("SearchRules[off: " + off + "]", rules.toString());
      assertEquals(SearchRules.DEFAULT, rules.with(off, true));
      assertEquals(SearchRules.DEFAULT.hashCode(), rules.with(off, true).hashCode());
    }
  }

  @Test
  void switchesCompose() {
    SearchRules two = SearchRules.DEFAULT.with(Rule.FAR_PASS, false).with(Rule.TGL_PROBE, false);
    assertFalse(two.on(Rule.FAR_PASS));
    assertFalse(two.on(Rule.TGL_PROBE));
    assertTrue(two.on(Rule.TGL_MOSAIC));
    assertEquals(two, SearchRules.DEFAULT.with(Rule.TGL_PROBE, false).with(Rule.FAR_PASS, false));
  }
}
