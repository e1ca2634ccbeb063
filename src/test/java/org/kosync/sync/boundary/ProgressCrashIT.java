package org.kosync.sync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.ServerProcess;
import org.kosync.testing.TestDatabase;

/**
 * An acknowledged push survives the server's sudden death. KOReader clients (several devices of
 * each of two readers) push increasing positions, each device to documents of its own, while the
 * server is killed with SIGKILL; after a restart every push that was answered 200 must be found:
 * by {@code GET /syncs/progress/<document>} as that position or a later one of the same device,
 * and in the database exactly as pushed (the document's position or one of its history states).
 *
 * <p>Not an Arquillian test: it starts a server process of its own, on the server of the failsafe
 * execution it runs in ({@code arquillian.launch}), beside Arquillian's, with fixed ports, a
 * database and a directory of its own ({@code it.crash.*}, pom.xml). {@code -Dit.crash.skip}
 * leaves it out.
 */
class ProgressCrashIT {

  static final int READERS = 2;
  static final int DEVICES_PER_READER = 4;
  static final int DOCUMENTS_PER_DEVICE = 8;
  static final Duration LOAD = Duration.ofSeconds(3);
  // generous: on a busy machine a start has taken over two minutes
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  static final Pattern POSITION = Pattern.compile("/body/DocFragment\\[(\\d+)\\]/body/p\\[1\\]");

  @Test
  void everyAcknowledgedPushIsFoundAfterKillMinus9() throws Exception {
    assumeFalse(Boolean.getBoolean("it.crash.skip"), "-Dit.crash.skip");
    var database = System.getProperty("it.crash.db.name");
    TestDatabase.recreate(database);
    try (var server = server(database)) {
      var firstStart = server.start(START_TIMEOUT);
      var client = new KoreaderClient(server.base());
      var devices = new ArrayList<Device>();
      for (var r = 0; r < READERS; r++) {
        // one at a time: each registration and first login is a slow hash, and a request that
        // waits too long for a hashing slot gets 502 (KOReader retries, so do we)
        var reader = User.fresh("crash");
        assertEquals(201, retried(() -> client.register(reader)).status());
        assertEquals(200, retried(() -> client.get("/users/auth", reader)).status());
        for (var d = 0; d < DEVICES_PER_READER; d++) {
          devices.add(new Device(client, reader, "crash-device-" + r + "-" + d));
        }
      }

      var threads = devices.stream().map(d -> new Thread(d, d.name)).toList();
      threads.forEach(Thread::start);
      Duration pushing;
      var loadStarted = System.nanoTime();
      try {
        for (var device : devices) {
          assertTrue(
              device.acknowledgedOnce.await(30, TimeUnit.SECONDS),
              device.name + ": no push acknowledged");
        }
        Thread.sleep(LOAD.toMillis());
        devices.forEach(Device::expectFailures);
        server.kill();
        pushing = Duration.ofNanos(System.nanoTime() - loadStarted);
      } finally {
        devices.forEach(Device::stop);
        for (var thread : threads) {
          thread.join(60_000);
          assertFalse(thread.isAlive(), thread.getName() + " still pushing");
        }
      }
      for (var device : devices) {
        assertEquals(
            List.of(), List.copyOf(device.unexpected), device.name + ": failed before the kill");
      }

      var restart = server.start(START_TIMEOUT);
      var acknowledged = 0;
      var foundByGet = 0;
      var foundAsPushed = 0;
      var unacknowledgedStored = 0;
      var problems = new ArrayList<String>();
      for (var device : devices) {
        acknowledged += device.acknowledged.size();
        foundByGet += device.foundByGet(problems);
        var stored = device.stored(database);
        foundAsPushed += device.foundAsPushed(stored, problems);
        unacknowledgedStored += device.unacknowledgedButStored(stored);
      }
      var attempted = devices.stream().mapToLong(d -> d.sent).sum();
      System.out.printf(
          Locale.ROOT,
          "ProgressCrashIT on %s: first start %.1f s; %d devices of %d readers pushed for %.1f s:"
              + " %d pushes sent, %d acknowledged (%.0f/s), kill -9 (%d unanswered, %d of them"
              + " stored anyway); restart %.1f s; found %d by GET (that push or a later one),"
              + " %d in the database as pushed; lost %d%n",
          serverName(),
          seconds(firstStart),
          devices.size(),
          READERS,
          seconds(pushing),
          attempted,
          acknowledged,
          acknowledged / seconds(pushing),
          attempted - acknowledged,
          unacknowledgedStored,
          seconds(restart),
          foundByGet,
          foundAsPushed,
          acknowledged - Math.min(foundByGet, foundAsPushed));
      assertEquals(List.of(), problems);
      assertEquals(acknowledged, foundByGet, "acknowledged pushes not found by GET");
      assertEquals(acknowledged, foundAsPushed, "acknowledged pushes not in the database");

      // and the restarted server takes pushes again
      for (var device : devices) {
        var reply = device.push(device.sent + 1);
        assertEquals(200, reply.status(), device.name + ": push after the restart: " + reply);
      }
    }
  }

  /** One KOReader device: pushes 1, 2, 3, … to its documents in turn, one request at a time. */
  static final class Device implements Runnable {

    final KoreaderClient client;
    final User reader;
    final String name;
    final List<String> documents = new ArrayList<>();
    final long[] lastSent = new long[DOCUMENTS_PER_DEVICE];
    final long[] lastAcknowledged = new long[DOCUMENTS_PER_DEVICE];
    final List<Long> acknowledged = new ArrayList<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    final CountDownLatch acknowledgedOnce = new CountDownLatch(1);
    volatile boolean failuresExpected;
    volatile boolean stopped;
    volatile long sent;

    Device(KoreaderClient client, User reader, String name) {
      this.client = client;
      this.reader = reader;
      this.name = name;
      for (var i = 0; i < DOCUMENTS_PER_DEVICE; i++) {
        documents.add(KoreaderClient.md5(name + "/" + reader.name() + "/" + i));
      }
    }

    void expectFailures() {
      failuresExpected = true;
    }

    /** No further push: the one on its way, if any, is still counted. */
    void stop() {
      failuresExpected = true;
      stopped = true;
    }

    @Override
    public void run() {
      while (!stopped) {
        var sequence = sent + 1;
        var document = (int) (sequence % DOCUMENTS_PER_DEVICE);
        lastSent[document] = sequence;
        sent = sequence;
        Reply reply;
        try {
          reply = push(sequence);
        } catch (RuntimeException e) { // the connection died with the server
          if (!failuresExpected) {
            unexpected.add("push " + sequence + ": " + e);
          }
          return;
        }
        if (reply.status() == 200) {
          acknowledged.add(sequence);
          lastAcknowledged[document] = sequence;
          acknowledgedOnce.countDown();
        } else if (failuresExpected) {
          return;
        } else {
          unexpected.add("push " + sequence + ": " + reply);
        }
      }
    }

    Reply push(long sequence) {
      return client.pushProgress(
          reader,
          documents.get((int) (sequence % DOCUMENTS_PER_DEVICE)),
          position(sequence),
          sequence / 1_000_000.0,
          name);
    }

    static String position(long sequence) {
      return "/body/DocFragment[" + sequence + "]/body/p[1]/text().0";
    }

    /** Acknowledged pushes whose position, or a later one of this device, GET answers. */
    int foundByGet(List<String> problems) {
      var found = 0;
      for (var d = 0; d < DOCUMENTS_PER_DEVICE; d++) {
        if (lastSent[d] == 0) {
          continue;
        }
        var path = "/syncs/progress/" + documents.get(d);
        var reply = retried(() -> client.get(path, reader));
        if (reply.status() != 200) {
          problems.add(name + " " + path + ": " + reply);
          continue;
        }
        var json = reply.json();
        var stored = 0L;
        if (json.containsKey("progress")) {
          var position = POSITION.matcher(json.getString("progress"));
          if (!position.find() || !name.equals(json.getString("device"))) {
            problems.add(name + " " + path + ": not this device's push: " + json);
            continue;
          }
          stored = Long.parseLong(position.group(1));
        }
        if (stored > lastSent[d]) {
          problems.add(
              name + " " + path + ": " + stored + " was never sent (last " + lastSent[d] + ")");
        }
        if (stored < lastAcknowledged[d]) {
          problems.add(name + " " + path + ": answers push " + stored + ", but "
              + lastAcknowledged[d] + " was acknowledged");
        }
        final var document = d;
        final var latest = stored;
        found += (int) acknowledged.stream()
            .filter(s -> s % DOCUMENTS_PER_DEVICE == document && s <= latest)
            .count();
      }
      return found;
    }

    /** Every state of this reader's documents: {@code document position device}. */
    Set<String> stored(String database) throws SQLException {
      var stored = new HashSet<String>();
      try (var connection = TestDatabase.connect(database);
          var query = connection.prepareStatement("""
              select p.document, p.progress, p.device from reading_progress p
                join accounts a on a.id = p.account_id where a.username = ?
              union all
              select p.document, h.progress, h.device from progress_history h
                join reading_progress p on p.id = h.progress_id
                join accounts a on a.id = p.account_id where a.username = ?""")) {
        query.setString(1, reader.name());
        query.setString(2, reader.name());
        try (var rows = query.executeQuery()) {
          while (rows.next()) {
            stored.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
          }
        }
      }
      return stored;
    }

    String state(long sequence) {
      return documents.get((int) (sequence % DOCUMENTS_PER_DEVICE)) + " " + position(sequence) + " "
          + name;
    }

    /** Acknowledged pushes stored exactly as pushed: the document's position or a history state. */
    int foundAsPushed(Set<String> stored, List<String> problems) {
      var found = 0;
      var missing = new ArrayList<Long>();
      for (var sequence : acknowledged) {
        if (stored.contains(state(sequence))) {
          found++;
        } else {
          missing.add(sequence);
        }
      }
      if (!missing.isEmpty()) {
        problems.add(name + ": acknowledged but not in the database: " + missing);
      }
      return found;
    }

    /** Pushes the server took but could not answer before it died (allowed, and worth knowing). */
    int unacknowledgedButStored(Set<String> stored) {
      var acknowledgedOnes = new HashSet<>(acknowledged);
      return (int) LongStream.rangeClosed(1, sent)
          .filter(s -> !acknowledgedOnes.contains(s) && stored.contains(state(s)))
          .count();
    }
  }

  /** KOReader retries a 5xx; the first request of a reader may wait too long for a hashing slot. */
  static Reply retried(Supplier<Reply> request) {
    var reply = request.get();
    for (var attempt = 0; reply.status() >= 500 && attempt < 20; attempt++) {
      sleep(250);
      reply = request.get();
    }
    return reply;
  }

  static ServerProcess server(String database) {
    var dir = Path.of(System.getProperty("it.crash.dir"));
    var war = Path.of(System.getProperty("kosync.war"));
    var properties = Map.of(
        "kosync.db.url", TestDatabase.url(database),
        "kosync.db.user", System.getProperty("it.db.user", "postgres"),
        "kosync.db.password", System.getProperty("it.db.password", ""),
        "kosync.data.dir", dir.resolve("data").toString(),
        // every state a push replaces stays, so that each acknowledged push can be looked up: none
        // is folded into its device's sitting, and none is pruned
        "kosync.history.session-gap", "PT0S",
        "kosync.history.keep", "1000000");
    return switch (serverName()) {
      case "wildfly" ->
        ServerProcess.wildfly(
            Path.of(System.getProperty("jboss.home")),
            dir,
            Integer.getInteger("it.crash.port.offset"),
            war,
            properties);
      case "payara" ->
        ServerProcess.payaraMicro(
            Path.of(System.getProperty("payara.dir"), "payara-micro.jar"),
            Path.of(System.getProperty("payara.config.dir")),
            dir,
            Integer.getInteger("it.crash.http.port"),
            war,
            properties);
      default -> throw new IllegalStateException("Unknown server " + serverName());
    };
  }

  static String serverName() {
    return System.getProperty("arquillian.launch", "wildfly");
  }

  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
