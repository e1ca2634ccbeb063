import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Fan-out benchmark of the WebSocket API: S sessions over U readers, all subscribed to
 * user.documents, while KOReader PUTs arrive at R per second; reports the delay from each PUT's
 * response to every subscriber's receipt of its announce (p50/p99/max), lost announces, and the
 * server's heap after a full GC. With FANOUT_RATE=0 it only holds the sessions (idle mode).
 *
 *   java bench/FanoutBench.java [base-url]      (JDK 17+, no dependencies; see bench/README.md)
 */
public class FanoutBench {

  static final String ACCEPT = "application/vnd.koreader.v1+json";
  // each run writes its own progress values, so an announce of a stale state never counts as
  // delivered
  static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  static final Pattern PROGRESS = Pattern.compile("\"progress\":\"fanout-" + RUN + "-(\\d+)\"");

  final URI base;
  final int users = env("FANOUT_USERS", 1000);
  final int sessions = env("FANOUT_SESSIONS", 2000);
  final int rate = env("FANOUT_RATE", 200);
  final int duration = env("FANOUT_DURATION", 30);
  final int warmup = env("FANOUT_WARMUP", 10);
  final int hold = env("FANOUT_HOLD", 0);
  final String prefix = System.getenv().getOrDefault("FANOUT_USER_PREFIX", "fanout-user-");
  final String key = md5(System.getenv().getOrDefault("FANOUT_PASSWORD", "fanout-password"));

  final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
  final HttpClient sockets =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();

  /** Per PUT sequence number: when it was sent and when its response arrived (ns; 0: not answered). */
  long[] sentAt;

  long[] answeredAt;
  /** Per PUT: which reader it was for. */
  int[] readerOf;

  final int[] subscribedPerReader;
  final Map<Integer, List<long[]>> receiptsBySession = new ConcurrentHashMap<>();
  final AtomicLong announces = new AtomicLong();
  final AtomicInteger closedEarly = new AtomicInteger();
  volatile boolean measuring;
  volatile long firstMeasuredSeq = Long.MAX_VALUE;

  FanoutBench(URI base) {
    this.base = base;
    this.subscribedPerReader = new int[users];
  }

  public static void main(String[] args) throws Exception {
    var base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
    System.exit(new FanoutBench(base).run());
  }

  int run() throws Exception {
    System.out.printf(
        "KOsync fan-out benchmark: %d sessions over %d readers, %s, against %s%n",
        sessions,
        users,
        rate > 0
            ? rate + " PUT/s for " + duration + " s (+" + warmup + " s warm-up)"
            : "idle for " + hold + " s",
        base);
    var tokens = readersAndTokens();
    var open = openSessions(tokens);
    if (rate > 0) {
      drive();
    } else if (hold > 0) {
      System.out.printf("holding %d idle sessions for %d s%n", open, hold);
      Thread.sleep(hold * 1000L);
    }
    var stillOpen = sessions - closedEarly.get();
    var heap = serverHeapAfterGc();
    System.out.println();
    System.out.printf(
        "sessions open: %d of %d (closed by the server during the run: %d)%n",
        stillOpen, sessions, closedEarly.get());
    System.out.printf("server heap after full GC: %s%n", heap);
    return rate > 0 ? report() : (closedEarly.get() == 0 ? 0 : 1);
  }

  // ---- set-up: readers, tokens, sessions

  String[] readersAndTokens() throws Exception {
    var started = System.nanoTime();
    var tokens = new String[users];
    var pool = Executors.newFixedThreadPool(8);
    var failures = new AtomicInteger();
    for (int u = 0; u < users; u++) {
      var reader = u;
      pool.execute(() -> {
        try {
          var name = prefix + reader;
          var created = http.send(
              HttpRequest.newBuilder(base.resolve("/users/create"))
                  .header("Accept", ACCEPT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "{\"username\":\"" + name + "\",\"password\":\"" + key + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          if (created.statusCode() != 201 && created.statusCode() != 402) {
            throw new IOException(
                "create " + name + ": " + created.statusCode() + " " + created.body());
          }
          var token = http.send(
              HttpRequest.newBuilder(base.resolve("/api/auth.jwt"))
                  .header("x-auth-user", name)
                  .header("x-auth-key", key)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          if (token.statusCode() != 200) {
            throw new IOException("token " + name + ": " + token.statusCode() + " " + token.body());
          }
          tokens[reader] = token.body().trim();
        } catch (Exception e) {
          if (failures.getAndIncrement() < 5) {
            System.err.println(e.getMessage());
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " readers could not be set up");
    }
    System.out.printf(
        "%d readers registered and signed in (%.0f s; the first run hashes every password twice)%n",
        users, (System.nanoTime() - started) / 1e9);
    return tokens;
  }

  int openSessions(String[] tokens) throws Exception {
    var started = System.nanoTime();
    var inFlight = new Semaphore(64);
    var ready = new ArrayList<CompletableFuture<?>>();
    var wsBase = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "");
    for (int s = 0; s < sessions; s++) {
      var reader = s % users;
      inFlight.acquire();
      var listener = new Subscriber(s);
      var opened = sockets
          .newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(30))
          .buildAsync(URI.create(wsBase + "/api/ws/" + tokens[reader]), listener)
          .thenCompose(socket -> listener.greeted.thenCompose(hello -> socket.sendText(
              "{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}", true)))
          .thenCompose(socket -> listener.subscribed)
          .whenComplete((ok, error) -> inFlight.release());
      ready.add(opened);
      subscribedPerReader[reader]++;
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    System.out.printf(
        "%d sessions open and subscribed (%.0f s)%n",
        sessions, (System.nanoTime() - started) / 1e9);
    return sessions;
  }

  final class Subscriber implements WebSocket.Listener {
    final int id;
    final CompletableFuture<Void> greeted = new CompletableFuture<>();
    final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    final StringBuilder partial = new StringBuilder();
    final List<long[]> mine = new ArrayList<>();

    Subscriber(int id) {
      this.id = id;
      receiptsBySession.put(id, mine);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      var now = System.nanoTime();
      partial.append(data);
      if (last) {
        var text = partial.toString();
        partial.setLength(0);
        if (!greeted.isDone()) {
          greeted.complete(null);
        } else if (!subscribed.isDone()) {
          if (text.contains("\"subscribed\"")) {
            subscribed.complete(null);
          } else {
            subscribed.completeExceptionally(new IOException("not subscribed: " + text));
          }
        } else {
          var matcher = PROGRESS.matcher(text);
          if (matcher.find()) {
            announces.incrementAndGet();
            synchronized (mine) {
              mine.add(new long[] {Long.parseLong(matcher.group(1)), now});
            }
          }
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      closedEarly.incrementAndGet();
      if (!greeted.isDone() || !subscribed.isDone()) {
        var error = new IOException("closed " + code + " " + reason);
        greeted.completeExceptionally(error);
        subscribed.completeExceptionally(error);
      } else {
        System.err.printf("session %d closed by the server: %d %s%n", id, code, reason);
      }
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      greeted.completeExceptionally(error);
      subscribed.completeExceptionally(error);
    }
  }

  // ---- load: PUTs at a fixed rate

  void drive() throws Exception {
    var total = (warmup + duration) * rate;
    sentAt = new long[total];
    answeredAt = new long[total];
    readerOf = new int[total];
    var failed = new AtomicInteger();
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    var sent = new AtomicInteger();
    var done = new CompletableFuture<Void>();
    var outstanding = new AtomicInteger();
    var measuredFrom = warmup * rate;
    System.out.printf(
        "driving %d PUT/s: %d s warm-up, then %d s measured%n", rate, warmup, duration);
    scheduler.scheduleAtFixedRate(
        () -> {
          var seq = sent.getAndIncrement();
          if (seq >= total) {
            done.complete(null);
            throw new IllegalStateException("finished"); // stops the schedule
          }
          var reader = (int) ((seq * 7919L) % users); // spreads PUTs over every reader
          readerOf[seq] = reader;
          var body = "{\"document\":\"fanout-" + RUN + "-" + seq + "\",\"progress\":\"fanout-" + RUN
              + "-" + seq + "\",\"percentage\":0.5,\"device\":\"bench\",\"device_id\":\"FANOUT\"}";
          outstanding.incrementAndGet();
          sentAt[seq] = System.nanoTime();
          http.sendAsync(
                  HttpRequest.newBuilder(base.resolve("/syncs/progress"))
                      .header("Accept", ACCEPT)
                      .header("Content-Type", "application/json")
                      .header("x-auth-user", prefix + reader)
                      .header("x-auth-key", key)
                      .PUT(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 200) {
                  answeredAt[seq] = System.nanoTime();
                } else {
                  failed.incrementAndGet();
                }
                outstanding.decrementAndGet();
              });
        },
        0,
        1_000_000_000L / rate,
        TimeUnit.NANOSECONDS);
    done.get();
    scheduler.shutdownNow();
    while (outstanding.get() > 0) {
      Thread.sleep(10);
    }
    Thread.sleep(5_000); // announces still on their way are not lost
    firstMeasuredSeq = measuredFrom;
    if (failed.get() > 0) {
      System.out.printf("PUTs that failed: %d%n", failed.get());
    }
  }

  int report() {
    long expected = 0;
    long lost = 0;
    long late = 0;
    var latencies = new ArrayList<Long>();
    var sinceSent = new ArrayList<Long>();
    var received = new ConcurrentHashMap<Long, Integer>();
    receiptsBySession.values().forEach(list -> {
      synchronized (list) {
        list.forEach(r -> {
          if (r[0] >= firstMeasuredSeq && r[0] < answeredAt.length) {
            received.merge(r[0], 1, Integer::sum);
            if (answeredAt[(int) r[0]] != 0) {
              latencies.add(Math.max(0, r[1] - answeredAt[(int) r[0]]));
              sinceSent.add(r[1] - sentAt[(int) r[0]]);
            }
          }
        });
      }
    });
    for (int seq = (int) firstMeasuredSeq; seq < answeredAt.length; seq++) {
      if (answeredAt[seq] == 0) {
        continue;
      }
      var want = subscribedPerReader[readerOf[seq]];
      expected += want;
      var missing = Math.max(0, want - received.getOrDefault((long) seq, 0));
      if (missing > 0 && lost < 10) {
        System.out.printf(
            "lost: PUT %d for reader %d, %d of %d announces missing, answered %.3f s after the first PUT%n",
            seq, readerOf[seq], missing, want, (answeredAt[seq] - answeredAt[0]) / 1e9);
      }
      lost += missing;
    }
    var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "announces expected: %d, received: %d, lost: %d%n", expected, sorted.length, lost);
    if (sorted.length > 0) {
      System.out.printf(
          "delivery after the PUT's response: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
      var whole = sinceSent.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "delivery after the PUT was sent:     p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          percentile(whole, 50), percentile(whole, 99), whole[whole.length - 1] / 1e6);
      System.out.println(
          "(an announce often overtakes the PUT's own response: those count as 0 ms after the response)");
    }
    return lost == 0 && sorted.length > 0 ? 0 : 1;
  }

  static double percentile(long[] sorted, double p) {
    var index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  // ---- the server's heap, through jcmd on this machine

  String serverHeapAfterGc() {
    try {
      var pid = System.getenv("FANOUT_SERVER_PID");
      if (pid == null) { // the JVM listening on the benchmarked port
        var port = base.getPort() > 0 ? base.getPort() : 80;
        var listening = run("ss", "-ltnpH", "sport = :" + port);
        var found = Pattern.compile("pid=(\\d+)").matcher(listening);
        pid = found.find() ? found.group(1) : null;
      }
      if (pid == null) {
        return "unknown (no process found listening on the port; set FANOUT_SERVER_PID)";
      }
      jcmd(pid, "GC.run");
      var info = jcmd(pid, "GC.heap_info");
      var used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
      return used.find()
          ? String.format(
              "%.0f MiB used of %.0f MiB committed (pid %s)",
              Long.parseLong(used.group(2)) / 1024.0, Long.parseLong(used.group(1)) / 1024.0, pid)
          : info;
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static String jcmd(String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add(System.getProperty("java.home") + "/bin/jcmd");
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  static String run(String... command) throws Exception {
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }

  static int env(String name, int fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  static String md5(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
