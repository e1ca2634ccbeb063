package org.kosync.documents.control;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * When a push keeps the state it replaces in the history: a reader turning pages on one device
 * makes one entry per sitting ("Monday on the Kobo, 34 → 41 %"), not one per page. The replaced
 * state is kept when the push comes from another device, after a pause longer than {@code gap}, or
 * moves the position by more than {@link #JUMP} of the book at once, so a jump can be undone.
 * {@link #EVERY_PUSH} keeps every replaced state.
 */
public record HistorySessions(Duration gap) {

  public static final HistorySessions EVERY_PUSH = new HistorySessions(Duration.ZERO);

  /** A move larger than this share of the book in one push (5 %) is a jump, never a page turn. */
  public static final double JUMP = 0.05;

  // later than any stored time: with no gap every replaced state is older than it, so it is kept
  private static final OffsetDateTime ALWAYS =
      OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  public HistorySessions {
    if (gap.isNegative()) {
      throw new IllegalArgumentException("The history's session gap must not be negative: " + gap);
    }
  }

  /** False for {@link #EVERY_PUSH}: no push continues a sitting. */
  boolean coalesces() {
    return !gap.isZero();
  }

  /** A replaced state last written before this time ends a sitting, and is kept. */
  OffsetDateTime sittingEndsBefore(Instant at) {
    return gap.isZero() ? ALWAYS : OffsetDateTime.ofInstant(at.minus(gap), ZoneOffset.UTC);
  }
}
