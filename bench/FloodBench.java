import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wrong-key flood: C attackers (each from its own loopback address, 127.0.1.x, so per-address
 * budgets do not simply stop them all) send wrong keys as fast as they get answers, while one
 * reader whose key is already verified keeps calling /users/auth. Prints the reader's latency
 * (p50/p99/max) before the flood and during it in the same run, and what the attackers got.
 *
 *   java bench/FloodBench.java [base-url]     (JDK 17+, no dependencies; loopback targets only)
 *   FLOOD_CLIENTS=128 FLOOD_SECONDS=20
 */
public class FloodBench {

  static final String ACCEPT = "application/vnd.koreader.v1+json";

  public static void main(String[] args) throws Exception {
    var base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
    var clients = Integer.parseInt(System.getenv().getOrDefault("FLOOD_CLIENTS", "128"));
    var seconds = Integer.parseInt(System.getenv().getOrDefault("FLOOD_SECONDS", "20"));
    var name = "flood-reader-" + Long.toString(System.nanoTime(), 36);
    var key = md5(name);
    var created = call(
        base,
        null,
        "POST",
        "/users/create",
        null,
        null,
        "{\"username\":\"" + name + "\",\"password\":\"" + key + "\"}");
    System.out.println("reader registered: " + created.status);
    System.out.println("first login (slow hash, then cached): "
        + call(base, null, "GET", "/users/auth", name, key, null).status);

    System.out.println("before the flood:  "
        + readerLatency(base, name, key, seconds / 2, new AtomicBoolean(true)));

    var flooding = new AtomicBoolean(true);
    var answers = new ConcurrentHashMap<Integer, AtomicInteger>();
    var pool = Executors.newFixedThreadPool(clients);
    for (var i = 0; i < clients; i++) {
      var address = "127.0.1." + (1 + i % 250);
      var victim = i % 2 == 0 ? name : "nobody-" + i;
      pool.execute(() -> {
        while (flooding.get()) {
          try {
            var reply = call(
                base,
                address,
                "GET",
                "/users/auth",
                victim,
                md5("guess" + System.nanoTime()),
                null);
            answers.computeIfAbsent(reply.status, s -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            answers.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
          }
        }
      });
    }
    Thread.sleep(2_000);
    System.out.println("during the flood:  " + readerLatency(base, name, key, seconds, flooding));
    flooding.set(false);
    pool.shutdown();
    System.out.println(
        "attackers' answers (status: count, -1 = connection failed): " + Map.copyOf(answers));
  }

  static String readerLatency(URI base, String name, String key, int seconds, AtomicBoolean running)
      throws Exception {
    var millis = new ArrayList<Double>();
    var failures = 0;
    var end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end && running.get()) {
      var start = System.nanoTime();
      var status = call(base, null, "GET", "/users/auth", name, key, null).status;
      millis.add((System.nanoTime() - start) / 1e6);
      failures += status == 200 ? 0 : 1;
      Thread.sleep(50);
    }
    millis.sort(null);
    return String.format(
        "reader calls=%d not-200=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
        millis.size(), failures, at(millis, 0.50), at(millis, 0.99), millis.get(millis.size() - 1));
  }

  static double at(List<Double> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size())));
  }

  record Reply(int status, String body) {}

  /** One HTTP/1.1 request on its own connection, from {@code local} if given (KOReader-shaped headers). */
  static Reply call(
      URI base, String local, String method, String path, String user, String key, String json)
      throws IOException {
    try (var socket = new Socket()) {
      if (local != null) {
        socket.bind(new InetSocketAddress(local, 0));
      }
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      var body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      var head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost()
          + "\r\nConnection: close\r\nAccept: " + ACCEPT + "\r\n");
      if (user != null) {
        head.append("x-auth-user: ")
            .append(user)
            .append("\r\nx-auth-key: ")
            .append(key)
            .append("\r\n");
      }
      if (json != null) {
        head.append("Content-Type: application/json\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      var out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      var response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      return new Reply(
          Integer.parseInt(response.substring(9, 12)),
          response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
