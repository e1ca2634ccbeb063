package org.kosync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.kosync.testing.KoreaderClient.Reply;

public final class Replies {

  private Replies() {}

  public static void assertJson(Reply reply, int status, String exactBody) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertTrue(
        reply.contentType().startsWith("application/json"), () -> "content type of " + reply);
    assertEquals(exactBody, reply.body());
  }

  /** KOReader's error body: exact code and official message (a "detail" may follow). */
  public static void assertError(Reply reply, int status, int code, String message) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertTrue(
        reply.contentType().startsWith("application/json"), () -> "content type of " + reply);
    var json = reply.json();
    assertEquals(code, json.getInt("code"), () -> "code of " + reply);
    assertEquals(message, json.getString("message"), () -> "message of " + reply);
  }
}
