package org.kosync.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A scrape in Prometheus' text format (0.0.4), read strictly: every line is a comment ({@code #
 * HELP}, {@code # TYPE}), empty, or one sample {@code name{label="value",…} number}; anything else
 * fails the test. Samples are keyed by name and labels in name order: {@code
 * kosync_auth_failures_total{kind="password"}}.
 */
public final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE =
      Pattern.compile("(" + NAME.pattern() + ")(?:\\{(.*)})? (\\S+)(?: -?[0-9]+)?");
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"\\s*(,|$)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE " + NAME.pattern() + " (counter|gauge|histogram|summary|untyped)");

  private final Map<String, Double> samples;

  private PrometheusText(Map<String, Double> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    var samples = new LinkedHashMap<String, Double>();
    for (var line : text.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("#")) {
        if (!TYPE.matcher(line).matches()) {
          throw new AssertionError("Not a Prometheus comment: " + line);
        }
        continue;
      }
      var sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("Not a Prometheus sample: " + line);
      }
      var key = sample.group(1) + labels(sample.group(2), line);
      if (samples.put(key, number(sample.group(3), line)) != null) {
        throw new AssertionError("Sample twice: " + line);
      }
    }
    return new PrometheusText(samples);
  }

  private static String labels(String text, String line) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    var labels = new TreeMap<String, String>();
    var label = LABEL.matcher(text);
    var end = 0;
    while (end < text.length() && label.find(end) && label.start() == end) {
      labels.put(label.group(1), label.group(2));
      end = label.end();
    }
    if (end != text.length()) {
      throw new AssertionError("Bad labels: " + line);
    }
    var key = new StringBuilder("{");
    labels.forEach((name, value) -> key.append(key.length() > 1 ? "," : "")
        .append(name)
        .append("=\"")
        .append(value)
        .append('"'));
    return key.append('}').toString();
  }

  private static double number(String text, String line) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new AssertionError("Not a number: " + line, e);
        }
      }
    };
  }

  /** The sample's value, 0 if the scrape has none (a counter not yet incremented). */
  public double value(String key) {
    return samples.getOrDefault(key, 0.0);
  }

  public boolean has(String key) {
    return samples.containsKey(key);
  }

  /** The sum over every sample whose key starts with {@code prefix}. */
  public double sum(String prefix) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  public int size() {
    return samples.size();
  }
}
