package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderTextTest {

  @Test
  void asciiIsUnchanged() {
    assertEquals("alice", HeaderText.decode("alice"));
  }

  @Test
  void rawUtf8BytesReadAsLatin1AreRecovered() {
    var asServerSeesIt =
        new String("Jürgen-读书".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertEquals("Jürgen-读书", HeaderText.decode(asServerSeesIt));
  }

  @Test
  void genuineLatin1StaysAsItIs() {
    assertEquals("caf\u00e9", HeaderText.decode("caf\u00e9"));
  }

  @Test
  void alreadyDecodedUnicodeStaysAsItIs() {
    assertEquals("读书", HeaderText.decode("读书"));
  }
}
