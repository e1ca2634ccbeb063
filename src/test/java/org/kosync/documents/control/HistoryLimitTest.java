package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class HistoryLimitTest {

  @Test
  void absentIsAllAndAWholeNumberIsThatMany() {
    assertEquals(OptionalInt.empty(), HistoryLimit.parse(null));
    assertEquals(OptionalInt.of(0), HistoryLimit.parse("0"));
    assertEquals(OptionalInt.of(25), HistoryLimit.parse("25"));
    assertEquals(OptionalInt.of(999_999_999), HistoryLimit.parse("999999999"));
  }

  @Test
  void anythingElseIsAnInvalidRequest() {
    for (var wrong : new String[] {"", "-1", "1.5", "ten", "1e3", " 3", "9999999999", "０"}) {
      var refused = assertThrows(SyncException.class, () -> HistoryLimit.parse(wrong), wrong);
      assertEquals(SyncError.INVALID_REQUEST, refused.error(), wrong);
    }
  }
}
