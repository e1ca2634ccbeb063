package org.kosync.rpc.control;

/**
 * One connection's text message as it arrives, part by part, assembled up to a limit of UTF-8
 * bytes. The container hands over each part as it is read, so a message past the limit is refused
 * from the part that crosses it — never assembled in full first.
 */
public final class MessageAssembly {

  private final int limitBytes;
  private final StringBuilder text = new StringBuilder();
  private long bytes;

  public MessageAssembly(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** Adds a part; false once the message has grown past the limit (and nothing is kept). */
  public boolean fits(String part) {
    bytes += utf8Length(part);
    if (bytes > limitBytes) {
      text.setLength(0);
      return false;
    }
    text.append(part);
    return true;
  }

  /** The message so far, for its last part; the assembly starts over. */
  public String take() {
    var message = text.toString();
    text.setLength(0);
    bytes = 0;
    return message;
  }

  static long utf8Length(CharSequence part) {
    long length = 0;
    for (var i = 0; i < part.length(); i++) {
      var c = part.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isSurrogate(c)) {
        length += 2; // a pair is four bytes
      } else {
        length += 3;
      }
    }
    return length;
  }
}
