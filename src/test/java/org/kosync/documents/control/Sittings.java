package org.kosync.documents.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kosync.documents.entity.ProgressUpdate;

/**
 * One reader's pushes of "doc" over an evening, for the statement on either database: a sitting on
 * the Kobo, an hour's pause, one more page, the phone, a jump to 60 % and a page after it. Only
 * the states that end a sitting are kept: {@link #KEPT}, oldest first.
 */
final class Sittings {

  static final HistorySessions HALF_AN_HOUR = new HistorySessions(Duration.ofMinutes(30));
  static final List<String> KEPT = List.of("/p[12]", "/p[13]", "/p[14]");
  static final String LATEST = "/p[61]";

  private record Turn(ProgressUpdate update, Instant at) {}

  private static final List<Turn> EVENING = List.of(
      turn("/p[10]", 0.10, "Kobo", 0),
      turn("/p[11]", 0.11, "Kobo", 60),
      turn("/p[12]", 0.12, "Kobo", 120), // the sitting ends: an hour's pause
      turn("/p[13]", 0.13, "Kobo", 3720), // the sitting ends: another device
      turn("/p[14]", 0.14, "Phone", 3780), // replaced by a jump to 60 %
      turn("/p[60]", 0.60, "Phone", 3840),
      turn("/p[61]", 0.61, "Phone", 3900));

  private Sittings() {}

  static void pushTheEvening(Connection connection, long accountId) throws SQLException {
    for (var push : EVENING) {
      ProgressStatements.upsert(connection, accountId, push.update(), push.at(), HALF_AN_HOUR);
    }
  }

  private static Turn turn(String progress, double percentage, String device, long second) {
    return new Turn(
        new ProgressUpdate(
            "doc", progress, percentage, device, Optional.of(device + "-ID"), Optional.empty()),
        Instant.ofEpochSecond(1_000_000 + second));
  }
}
