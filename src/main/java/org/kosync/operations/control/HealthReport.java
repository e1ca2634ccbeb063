package org.kosync.operations.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;

/**
 * MicroProfile Health's JSON for a set of check results: {@code {"status":…,"checks":[{"name",
 * "status","data"}]}}, UP only if every check is UP. Checks are listed by name, so that both servers
 * (whose CDI containers find the beans in different orders) answer the same text.
 */
public record HealthReport(boolean up, JsonObject json) {

  private static final JsonProvider JSON = JsonProvider.provider();

  public static HealthReport of(List<HealthCheckResponse> responses) {
    var checks = JSON.createArrayBuilder();
    responses.stream()
        .sorted(Comparator.comparing(HealthCheckResponse::getName))
        .forEach(response -> checks.add(check(response)));
    var up = responses.stream().allMatch(response -> response.getStatus() == Status.UP);
    return new HealthReport(
        up,
        JSON.createObjectBuilder()
            .add("status", (up ? Status.UP : Status.DOWN).name())
            .add("checks", checks)
            .build());
  }

  private static JsonObjectBuilder check(HealthCheckResponse response) {
    var check = JSON.createObjectBuilder()
        .add("name", response.getName())
        .add("status", response.getStatus().name());
    response
        .getData()
        .filter(data -> !data.isEmpty())
        .ifPresent(data -> check.add("data", data(data)));
    return check;
  }

  // the API's builder takes String, long and boolean values; keys sorted, as the checks are
  private static JsonObjectBuilder data(Map<String, Object> data) {
    var json = JSON.createObjectBuilder();
    new TreeMap<>(data).forEach((key, value) -> {
      if (value instanceof Boolean flag) {
        json.add(key, flag);
      } else if (value instanceof Long || value instanceof Integer) {
        json.add(key, ((Number) value).longValue());
      } else {
        json.add(key, String.valueOf(value));
      }
    });
    return json;
  }
}
