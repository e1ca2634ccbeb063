package org.kosync.documents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;

/**
 * Properties over generated interleavings of pushes: several readers, each with several devices,
 * pushing to a few documents (the same ids for every reader), one at a time or several at once.
 * For every reader and document: the position KOReader reads is the last acknowledged push when
 * pushes came one at a time, one of the racing pushes when the last ones raced, and every
 * acknowledged push is the position or in the history — and only that reader's pushes ever are.
 *
 * <p>Each try is generated from its own seed ({@code SEED + try}), so a failure names the seed that
 * replays it; the number of tries is fixed ({@code -Dkosync.property.tries}, default {@value
 * #TRIES}) and never depends on a seed.
 */
@KoreaderTest
class ProgressInterleavingsIT {

  static final int TRIES = 6;
  static final long SEED = 0x6b6f73796e63L;
  static final List<String> DEVICES = List.of("Kobo", "Phone", "Tablet");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  final ExecutorService racers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    racers.shutdownNow();
  }

  /** One push as sent; {@code progress} is unique across the whole run, so it names the push. */
  record Push(User reader, String document, String progress, double percentage, String device) {
    boolean shownBy(JsonObject state) {
      return progress.equals(state.getString("progress", null))
          && device.equals(state.getString("device", null))
          && percentage == state.getJsonNumber("percentage").doubleValue()
          && document.equals(state.getString("document", null));
    }
  }

  /** What the properties allow for one reader's document after a try. */
  static final class Expected {
    final List<Push> acknowledged = new ArrayList<>();
    List<Push> lastStep =
        List.of(); // the last step that touched it: one push, or several that raced
    boolean raced;
  }

  @Test
  void lastWriteWinsAndReadersNeverSeeEachOther(
      KoreaderClient client, User first, User second, User third) throws Exception {
    var readers = List.of(first, second, third);
    // each reader's first request pays for a password hash, and at most one per core runs at once
    // (the others are 502 / 2000, retried by KOReader): sign in one after the other first, so the
    // pushes that race below race for the document, not for a hash slot
    for (var reader : readers) {
      assertEquals(200, client.get("/users/auth", reader).status());
    }
    var tries = Integer.getInteger("kosync.property.tries", TRIES);
    for (var attempt = 0; attempt < tries; attempt++) {
      var seed = SEED + attempt;
      try {
        oneTry(client, readers, new SplittableRandom(seed), "t" + attempt);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("try " + attempt + " (seed " + seed + ") failed: " + e, e);
      }
    }
  }

  void oneTry(KoreaderClient client, List<User> readers, SplittableRandom random, String run)
      throws Exception {
    var documents = new ArrayList<String>();
    for (var i = random.nextInt(1, 4); i > 0; i--) {
      documents.add(run + "-doc" + i + "-" + Long.toHexString(random.nextLong()));
    }
    var expected = new HashMap<String, Expected>(); // reader name + document
    var steps = random.nextInt(4, 16);
    for (var step = 0; step < steps; step++) {
      var racing = random.nextInt(4) == 0 ? random.nextInt(2, 5) : 1;
      var pushes = new ArrayList<Push>();
      for (var p = 0; p < racing; p++) {
        var reader = readers.get(random.nextInt(readers.size()));
        var document = documents.get(random.nextInt(documents.size()));
        pushes.add(new Push(
            reader,
            document,
            reader.name() + "/" + run + "/" + step + "/" + p,
            random.nextInt(0, 10_001) / 10_000.0,
            DEVICES.get(random.nextInt(DEVICES.size()))));
      }
      send(client, pushes);
      // pushes of one step to different documents do not race each other
      var byKey = new HashMap<String, List<Push>>();
      pushes.forEach(p -> byKey
          .computeIfAbsent(key(p.reader(), p.document()), k -> new ArrayList<>())
          .add(p));
      byKey.forEach((key, touched) -> {
        var e = expected.computeIfAbsent(key, k -> new Expected());
        e.acknowledged.addAll(touched);
        e.lastStep = touched;
        e.raced |= touched.size() > 1;
      });
    }
    for (var reader : readers) {
      var all = documentsOf(client, reader);
      for (var document : documents) {
        var e = expected.get(key(reader, document));
        var latest = client.get("/syncs/progress/" + document, reader).json();
        if (e == null) {
          assertEquals(Json.createObjectBuilder().build(), latest, "never pushed by this reader");
          assertTrue(all.stream().noneMatch(d -> d.getString("id").equals(document)), document);
          continue;
        }
        assertTrue(
            e.lastStep.stream().anyMatch(p -> p.shownBy(latest)),
            () -> "latest " + latest + " is none of the last " + e.lastStep);
        var listed = all.stream()
            .filter(d -> d.getString("id").equals(document))
            .findFirst()
            .orElseThrow(() -> new AssertionError(document + " not in documents.all"));
        var states = new ArrayList<JsonObject>();
        states.add(listed);
        states.addAll(listed.getJsonArray("history").getValuesAs(JsonObject.class));
        for (var push : e.acknowledged) {
          assertTrue(
              states.stream().anyMatch(push::shownBy),
              () -> "acknowledged " + push + " is lost: " + states);
        }
        // nothing but this reader's own pushes to this document, each once
        assertEquals(e.acknowledged.size(), states.size(), () -> "states " + states);
        assertEquals(
            states.size(),
            new HashSet<>(states.stream().map(s -> s.getString("progress")).toList()).size());
        if (!e.raced) {
          // one push at a time: the history is the pushes, newest first
          var newestFirst = new ArrayList<>(e.acknowledged);
          Collections.reverse(newestFirst);
          for (var i = 0; i < states.size(); i++) {
            assertTrue(newestFirst.get(i).shownBy(states.get(i)), "order at " + i);
          }
        }
      }
    }
  }

  void send(KoreaderClient client, List<Push> pushes) throws Exception {
    if (pushes.size() == 1) {
      acknowledged(client, pushes.get(0));
      return;
    }
    var start = new CountDownLatch(1);
    var sent = new ArrayList<Future<?>>();
    for (var push : pushes) {
      sent.add(racers.submit(() -> {
        start.await();
        acknowledged(client, push);
        return null;
      }));
    }
    start.countDown();
    for (var future : sent) {
      future.get();
    }
  }

  static void acknowledged(KoreaderClient client, Push push) {
    var reply = client.pushProgress(
        push.reader(), push.document(), push.progress(), push.percentage(), push.device());
    assertEquals(200, reply.status(), reply::toString);
  }

  static List<JsonObject> documentsOf(KoreaderClient client, User reader) {
    var reply = client.get("/api/documents.all", reader);
    assertEquals(200, reply.status(), reply::toString);
    return Json.createReader(new StringReader(reply.body()))
        .readArray()
        .getValuesAs(JsonObject.class);
  }

  static String key(User reader, String document) {
    return reader.name() + " " + document;
  }
}
