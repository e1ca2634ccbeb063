package org.kosync.documents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;

/** kosync.history.keep=2, pruned every second by the timer: only the two newest earlier states stay. */
@KoreaderTest
class HistoryRetentionIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withChangedDefaults(); // history.keep=2, prune-interval=PT1S
  }

  @Test
  void theTimerKeepsTheNewestStatesOnly(KoreaderClient client, User reader) throws Exception {
    for (var page = 1; page <= 6; page++) {
      assertEquals(
          200,
          client
              .pushProgress(
                  reader,
                  "cccccccccccccccccccccccccccccccc",
                  "/p[" + page + "]",
                  page / 10.0,
                  "Kobo")
              .status());
    }
    var deadline = System.nanoTime() + 15_000_000_000L;
    while (historySize(reader) > 2 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertEquals(2, historySize(reader));
    var book = Json.createReader(
            new StringReader(client.get("/api/documents.all", reader).body()))
        .readArray()
        .getJsonObject(0);
    assertEquals("/p[6]", book.getString("progress"));
    assertEquals(
        List.of("/p[5]", "/p[4]"),
        book.getJsonArray("history").getValuesAs(JsonObject.class).stream()
            .map(h -> h.getString("progress"))
            .toList());
  }

  private static long historySize(User reader) throws Exception {
    return TestDatabase.count(
        "select count(*) from progress_history h join reading_progress p on p.id = h.progress_id "
            + "join accounts a on a.id = p.account_id where a.username = ?",
        reader.name());
  }
}
