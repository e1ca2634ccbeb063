package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.spi.JsonProvider;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.kosync.problems.entity.SyncException;
import org.kosync.sync.control.Fields;
import org.kosync.testing.FuzzedJson;

/**
 * Credential headers. Any header value decodes without an exception (to its UTF-8 reading when its
 * bytes are UTF-8, else as it came). And the property KOReader depends on: every username and key
 * that registration accepts (a JSON body) reaches the account lookup unchanged when KOReader sends
 * its raw UTF-8 bytes in {@code x-auth-user} / {@code x-auth-key} and the server reads them as
 * ISO-8859-1.
 */
class HeaderTextFuzzTest {

  static final JsonProvider JSON = JsonProvider.provider();

  @FuzzTest
  void headers(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      var bytes = data.consumeRemainingAsBytes();
      var header = new String(bytes, StandardCharsets.ISO_8859_1); // what the server hands over
      assertEquals(
          utf8OrNull(bytes) == null ? header : utf8OrNull(bytes), HeaderText.decode(header));
      return;
    }
    var field = data.consumeBoolean() ? "username" : "password";
    var sent = FuzzedJson.text(data, 200);
    var body = JSON.createObjectBuilder().add(field, sent).build();
    String registered;
    try {
      registered = field.equals("username") ? Fields.username(body) : Fields.key(body, field);
    } catch (SyncException refused) {
      return;
    }
    var header =
        new String(registered.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    var decoded = HeaderText.decode(header);
    assertEquals(registered, decoded);
    assertTrue(HeaderText.couldBeRegistered(decoded), decoded);
  }

  static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
