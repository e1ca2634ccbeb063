import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A large library: one reader with LIBRARY_BOOKS books (default 2,000), each pushed LIBRARY_PUSHES
 * times from two devices in turn (default 101, so each carries a full history of
 * kosync.history.keep = 100 states: every push ends the other device's sitting), then the time and
 * size of the lists a client reads: {@code /api/documents.all} (the server's default history per
 * book), with {@code ?history=100} (all of it), {@code ?history=0} (what the web page asks), one book's
 * {@code documents.get}, and the WebSocket's {@code documents.all} — which must arrive, not close
 * the session. Each list is read LIBRARY_READS times (default 5) and the median printed.
 *
 *   java bench/LibraryBench.java [base-url]    (JDK 17+, no dependencies; ENABLE_WEBSOCKET_API=true)
 *
 * The reader (library-<books>-<pushes>) is made once and reused by later runs.
 */
public class LibraryBench {

  static final String ACCEPT = "application/vnd.koreader.v1+json";
  // two devices taking turns: each push ends the other's sitting, so every one keeps an entry
  static final String KOBO =
      ",\"device\":\"Kobo Libra 2\",\"device_id\":\"0123456789ABCDEF0123456789ABCDEF\"";
  static final String PHONE =
      ",\"device\":\"Phone\",\"device_id\":\"FEDCBA9876543210FEDCBA9876543210\"";
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    var base =
        URI.create(args.length > 0 ? args[0].replaceAll("/?$", "/") : "http://localhost:8080/");
    var books = Integer.getInteger("books", Integer.parseInt(env("LIBRARY_BOOKS", "2000")));
    var pushes = Integer.parseInt(env("LIBRARY_PUSHES", "101"));
    var reads = Integer.parseInt(env("LIBRARY_READS", "5"));
    var user = "library-" + books + "-" + pushes;
    var key = md5("library-password");

    var created = send(
        base,
        "users/create",
        "POST",
        user,
        null,
        "{\"username\":\"" + user + "\",\"password\":\"" + key + "\"}");
    var ids = new ArrayList<String>();
    for (var i = 0; i < books; i++) {
      ids.add(md5(user + "/" + i));
    }
    if (created.statusCode() == 201) {
      System.out.printf("making %s: %,d books x %d pushes%n", user, books, pushes);
      var started = System.nanoTime();
      var pool = Executors.newFixedThreadPool(8);
      try {
        var done = new ArrayList<Future<?>>();
        for (var book : ids) {
          done.add(pool.submit(() -> {
            for (var p = 0; p < pushes; p++) {
              var body = "{\"document\":\"" + book + "\",\"progress\":\"/body/DocFragment[" + p
                  + "]/body/p[1]\",\"percentage\":" + (p / (double) pushes)
                  + (p % 2 == 0 ? KOBO : PHONE) + "}";
              var reply = send(base, "syncs/progress", "PUT", user, key, body);
              if (reply.statusCode() != 200) {
                throw new IllegalStateException(
                    "push answered " + reply.statusCode() + ": " + reply.body());
              }
            }
            return null;
          }));
        }
        for (var f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      System.out.printf("made in %.0f s%n", (System.nanoTime() - started) / 1e9);
    } else {
      System.out.printf("reusing %s (create answered %d)%n", user, created.statusCode());
    }

    System.out.printf("%n%-40s %10s %12s%n", "read (median of " + reads + ")", "ms", "bytes");
    for (var path : List.of(
        "api/documents.all",
        "api/documents.all?history=100",
        "api/documents.all?history=0",
        "api/documents.get?id=" + ids.get(books / 2))) {
      var times = new double[reads];
      long bytes = 0;
      for (var r = 0; r < reads; r++) {
        var started = System.nanoTime();
        var reply = send(base, path, "GET", user, key, null);
        times[r] = (System.nanoTime() - started) / 1e6;
        if (reply.statusCode() != 200) {
          throw new IllegalStateException(path + " answered " + reply.statusCode());
        }
        bytes = reply.body().getBytes(StandardCharsets.UTF_8).length;
      }
      Arrays.sort(times);
      System.out.printf(
          "%-40s %10.1f %,12d%n",
          "GET /" + path.replaceAll("id=.*", "id=…"), times[reads / 2], bytes);
    }

    // the same list over the WebSocket API: it must arrive whole, the session open
    var uri = send(base, "api/ws", "GET", user, key, null);
    if (uri.statusCode() != 200) {
      System.out.println(
          "WebSocket API off (" + uri.statusCode() + "): documents.all over RPC not measured");
      return;
    }
    for (var arguments : List.of("", ",\"arguments\":{\"history\":0}")) {
      var wsUri = send(base, "api/ws", "GET", user, key, null).body().strip();
      var listener = new Collector();
      var socket = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create(wsUri), listener)
          .get(10, TimeUnit.SECONDS);
      listener.next().get(10, TimeUnit.SECONDS); // hello
      var started = System.nanoTime();
      socket.sendText(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\"" + arguments + "}}", true);
      var reply = listener.next().get(60, TimeUnit.SECONDS);
      var ms = (System.nanoTime() - started) / 1e6;
      var ok = reply.startsWith("{\"type\":\"rpc\"")
          && reply.contains("\"for_rpc\":\"documents.all\"")
          && reply.endsWith("\"error\":\"\"}}");
      System.out.printf(
          "%-40s %10.1f %,12d %s%n",
          "WS documents.all" + (arguments.isEmpty() ? "" : " history 0"),
          ms,
          reply.getBytes(StandardCharsets.UTF_8).length,
          ok
              ? "whole"
              : "NOT a complete answer: " + reply.substring(0, Math.min(200, reply.length())));
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
  }

  static final class Collector implements WebSocket.Listener {
    private final StringBuilder part = new StringBuilder();
    private final java.util.concurrent.LinkedBlockingQueue<String> messages =
        new java.util.concurrent.LinkedBlockingQueue<>();

    CompletableFuture<String> next() {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return messages.take();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        messages.add(part.toString());
        part.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      messages.add("closed " + code + " " + reason);
      return null;
    }
  }

  static HttpResponse<String> send(
      URI base, String path, String method, String user, String key, String body) throws Exception {
    var request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", ACCEPT);
    if (key != null) {
      request.header("x-auth-user", user).header("x-auth-key", key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
