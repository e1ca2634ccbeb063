package org.kosync.auth.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * HTTP servers hand header values over as ISO-8859-1 characters, one per byte, while KOReader
 * writes a username's UTF-8 bytes as they are. Re-reading those bytes as UTF-8 lets a user
 * registered as "Jürgen" (JSON body, UTF-8) authenticate with the same name in a header.
 */
public final class HeaderText {

  private HeaderText() {}

  public static String decode(String value) {
    var ascii = true;
    for (var i = 0; i < value.length(); i++) {
      var c = value.charAt(i);
      if (c > 0xFF) {
        return value; // already decoded as Unicode by the server
      }
      ascii &= c < 0x80;
    }
    if (ascii) {
      return value;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return value; // genuinely Latin-1: no account can match, the caller gets 401
    }
  }

  /**
   * Whether a decoded header could name a registered account or be its key: registration refuses
   * control characters and unpaired surrogates, so such a header needs no database lookup.
   */
  public static boolean couldBeRegistered(String credential) {
    return credential
        .codePoints()
        .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
  }
}
