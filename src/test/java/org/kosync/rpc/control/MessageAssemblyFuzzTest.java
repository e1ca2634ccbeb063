package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket text message in parts of any size and content (a surrogate pair may be split
 * between two parts): kept while its UTF-8 length is within the limit, refused from the part that
 * crosses it, and nothing kept after a refusal.
 */
class MessageAssemblyFuzzTest {

  @FuzzTest
  void parts(FuzzedDataProvider data) {
    var limit = data.consumeInt(0, 512);
    var assembly = new MessageAssembly(limit);
    var sent = new StringBuilder();
    var refused = false;
    while (data.remainingBytes() > 0) {
      if (data.consumeInt(0, 7) == 0) {
        var message = assembly.take();
        assertEquals(refused ? "" : sent.toString(), message);
        sent.setLength(0);
        refused = false;
        continue;
      }
      var part = data.consumeString(200);
      sent.append(part);
      var fits = assembly.fits(part);
      refused |= utf8Length(sent) > limit;
      assertEquals(!refused, fits, () -> "limit " + limit + ", " + utf8Length(sent) + " bytes");
    }
  }

  /** Four bytes for a pair, wherever it was split; an unpaired surrogate as the encoder's '?' would not do. */
  static long utf8Length(CharSequence text) {
    long length = 0;
    for (var i = 0; i < text.length(); i++) {
      var c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        length += 2; // half of what a pair would be: the same count MessageAssembly keeps
      } else {
        length += String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    assertTrue(length >= 0);
    return length;
  }
}
