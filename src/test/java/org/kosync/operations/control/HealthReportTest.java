package org.kosync.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class HealthReportTest {

  @Test
  void isUpOnlyWhenEveryCheckIs() {
    var up = new HealthCheckResponse("b", Status.UP, Optional.empty());
    var down = new HealthCheckResponse("a", Status.DOWN, Optional.empty());
    assertTrue(HealthReport.of(List.of(up)).up());
    assertFalse(HealthReport.of(List.of(up, down)).up());
    assertTrue(HealthReport.of(List.of()).up());
  }

  @Test
  void writesMicroProfileHealthJsonInNameAndKeyOrder() {
    var report = HealthReport.of(List.of(
        new HealthCheckResponse(
            "timers", Status.UP, Optional.of(Map.of("z", "last", "a", 1L, "m", true))),
        new HealthCheckResponse("database", Status.DOWN, Optional.of(Map.of()))));
    assertEquals(
        "{\"status\":\"DOWN\",\"checks\":["
            + "{\"name\":\"database\",\"status\":\"DOWN\"},"
            + "{\"name\":\"timers\",\"status\":\"UP\",\"data\":{\"a\":1,\"m\":true,\"z\":\"last\"}}]}",
        report.json().toString());
  }
}
