package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoggableRequestLineTest {

  @Test
  void aWebSocketTokenAndWhatFollowsItNeverReachTheLog() {
    assertEquals(
        "GET /api/ws/… HTTP/1.1",
        LoggableRequestLine.of("GET", "/api/ws/eyJ.secret.sig", "x=eyJ", "HTTP/1.1"));
  }

  @Test
  void otherRequestsAreLoggedWithTheirQuery() {
    assertEquals(
        "GET /api/ws HTTP/1.1", LoggableRequestLine.of("GET", "/api/ws", null, "HTTP/1.1"));
    assertEquals(
        "GET /healthcheck?after=m HTTP/1.1",
        LoggableRequestLine.of("GET", "/healthcheck", "after=m", "HTTP/1.1"));
  }
}
