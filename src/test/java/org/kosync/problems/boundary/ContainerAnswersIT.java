package org.kosync.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderTest;

/**
 * Requests curl cannot send, written byte for byte: what the application (or the server
 * configuration) answers is KOReader's JSON, and what the container answers before any servlet is
 * exactly what the README says, per server.
 */
@KoreaderTest
class ContainerAnswersIT {

  private static final String NOT_FOUND = "{\"code\":404,\"message\":\"Not Found.\"}";
  private static final boolean PAYARA = "payara".equals(System.getProperty("arquillian.launch"));

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  KoreaderClient client;

  @BeforeEach
  void connect(KoreaderClient client) {
    this.client = client;
  }

  private Reply send(String requestLine, String headers) {
    return send(requestLine.getBytes(StandardCharsets.ISO_8859_1), headers);
  }

  private Reply send(byte[] requestLine, String headers) {
    var request = new ByteArrayOutputStream();
    request.writeBytes(requestLine);
    request.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    return client.exchange(request.toByteArray());
  }

  /** Answered by the container: the status, no body, and nothing that claims to be JSON. */
  private static void assertBare(Reply reply, int status) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertEquals("", reply.contentType(), () -> "content type of " + reply);
    assertEquals("", reply.body(), () -> "body of " + reply);
  }

  @Test
  void traceIsAnsweredLikeAnyOtherMethodAndNeverEchoed() {
    var traced = send("TRACE /healthcheck", "X-Secret: do-not-echo\r\n");
    assertJson(traced, 405, "{\"code\":405,\"message\":\"Method Not Allowed.\"}");
    var page = send("TRACE /", "X-Secret: do-not-echo\r\n"); // the web page's address
    assertJson(page, 405, "{\"code\":405,\"message\":\"Method Not Allowed.\"}");
    assertFalse(page.body().contains("do-not-echo"));
    assertJson(send("TRACE /no/such/route", "X-Secret: do-not-echo\r\n"), 404, NOT_FOUND);
    assertFalse(traced.body().contains("do-not-echo"));
  }

  @Test
  void optionsOnARouteHasNoBody() {
    var options = send("OPTIONS /healthcheck", "");
    assertEquals(204, options.status(), options::toString);
    assertEquals("", options.contentType(), options::toString);
    assertEquals("", options.body(), options::toString);
    assertJson(send("OPTIONS /no/such/route", ""), 404, NOT_FOUND);
  }

  /** Before: GET * and CONNECT a 500 HTML page on WildFly, /WEB-INF/ an HTML 404 on both. */
  @Test
  void whatTheServletLayerCannotServeIsJson() {
    assertJson(send("GET *", ""), 404, NOT_FOUND);
    assertJson(send("GET /WEB-INF/web.xml", ""), 404, NOT_FOUND);
    var connect = send("CONNECT example.com:443", "");
    var undecodable = send("GET /syncs/progress/%ff%fe", "");
    if (PAYARA) {
      // Grizzly: "400 Invalid URI: Request must start with /", and the connection stays open
      assertBare(connect, 400);
      // Grizzly: "400 Invalid URI" before the request is mapped to the application
      assertBare(undecodable, 400);
    } else {
      assertJson(connect, 404, NOT_FOUND);
      assertJson(undecodable, 400, "{\"code\":400,\"message\":\"Bad Request.\"}");
    }
  }

  @Test
  void aDeclaredBodyOfAnySizeIsTheDocumented403WithoutBeingSent() {
    for (var length : new String[] {"2000000", "5000000000"}) {
      var refused =
          client.exchange(("POST /users/create HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{")
              .getBytes(StandardCharsets.ISO_8859_1));
      assertError(refused, 403, 2003, "Invalid request");
      assertEquals(
          "The body is larger than 65536 bytes.", refused.json().getString("detail"), length);
    }
  }

  /** The README's table of what each container answers before KOsync sees the request. */
  @Test
  void whatTheContainerAnswersItselfIsAsDocumented() {
    var invalidEscape = send("GET /syncs/progress/%zz", "");
    if (PAYARA) {
      // Grizzly fails to decode the path, logs the exception, and answers an empty 200
      assertBare(invalidEscape, 200);
    } else {
      assertBare(invalidEscape, 400);
    }
    var rawBytes = new ByteArrayOutputStream();
    rawBytes.writeBytes("GET /syncs/progress/".getBytes(StandardCharsets.ISO_8859_1));
    rawBytes.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
    assertBare(send(rawBytes.toByteArray(), ""), 400);
    assertBare(send("GET /healthcheck", "X-Long: " + "a".repeat(17_000) + "\r\n"), 400);
    var manyHeaders = new StringBuilder();
    for (var i = 0; i < 70; i++) {
      manyHeaders.append("X-Header-").append(i).append(": v\r\n");
    }
    assertBare(send("GET /healthcheck", manyHeaders.toString()), 400);
  }
}
