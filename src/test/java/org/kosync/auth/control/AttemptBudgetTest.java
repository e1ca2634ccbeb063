package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptBudgetTest {

  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final AttemptBudget budget = new AttemptBudget(3, Duration.ofMinutes(10), 1000, clock::get);

  void advance(Duration by) {
    clock.addAndGet(by.toNanos());
  }

  @Test
  void aKeyMayTryItsBudgetThenWaitsForTheWindowToEnd() {
    for (var i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), budget.exhausted("a"));
      budget.count("a");
    }
    assertEquals(Optional.of(Duration.ofSeconds(601)), budget.exhausted("a"));
    advance(Duration.ofMinutes(4));
    assertEquals(Optional.of(Duration.ofSeconds(361)), budget.exhausted("a"));
    assertEquals(Optional.empty(), budget.exhausted("b"), "other keys keep their own budget");
    advance(Duration.ofMinutes(6));
    assertEquals(Optional.empty(), budget.exhausted("a"));
  }

  @Test
  void theWindowStartsWithTheFirstAttemptAndIsNotExtendedByLaterOnes() {
    budget.count("a");
    advance(Duration.ofMinutes(9));
    budget.count("a");
    budget.count("a");
    assertTrue(budget.exhausted("a").isPresent());
    advance(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), budget.exhausted("a"));
    budget.count("a");
    assertEquals(Optional.empty(), budget.exhausted("a"), "a new window counts from one");
  }
}
