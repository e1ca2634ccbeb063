package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageAssemblyTest {

  @Test
  void partsBecomeOneMessageAndTheAssemblyStartsOver() {
    var assembly = new MessageAssembly(10);
    assertTrue(assembly.fits("{\"a\":"));
    assertTrue(assembly.fits("1}"));
    assertEquals("{\"a\":1}", assembly.take());
    assertTrue(assembly.fits("0123456789"));
    assertEquals("0123456789", assembly.take());
  }

  @Test
  void thePartThatCrossesTheLimitIsRefusedAndNothingIsKept() {
    var assembly = new MessageAssembly(10);
    assertTrue(assembly.fits("01234"));
    assertFalse(assembly.fits("567890"));
    assertFalse(assembly.fits("x"));
  }

  @Test
  void theLimitIsInUtf8Bytes() {
    for (var text : new String[] {"aé€𝄞", "读书", "\ud83d\udcda x", "plain"}) {
      assertEquals(
          text.getBytes(StandardCharsets.UTF_8).length, MessageAssembly.utf8Length(text), text);
    }
    var assembly = new MessageAssembly(6);
    assertTrue(assembly.fits("读书"));
    assertFalse(assembly.fits("a"));
  }
}
