package org.kosync.documents.control;

import java.util.OptionalInt;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** {@code documents.all?history=N}: how many earlier states per document a list carries. */
public final class HistoryLimit {

  private HistoryLimit() {}

  /** Absent: the server's default ({@code kosync.history.in-lists}); otherwise a whole number from 0, else 403 / 2003. */
  public static OptionalInt parse(String history) {
    if (history == null) {
      return OptionalInt.empty();
    }
    if (!history.matches("[0-9]{1,9}")) {
      throw new SyncException(
          SyncError.INVALID_REQUEST,
          "'history' must be a whole number from 0 (earlier states per document).");
    }
    return OptionalInt.of(Integer.parseInt(history));
  }
}
