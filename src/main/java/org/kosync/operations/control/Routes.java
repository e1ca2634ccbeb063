package org.kosync.operations.control;

import jakarta.ws.rs.Path;

/** A route's template as a label: the resource's {@code @Path} and the method's, never the values. */
public final class Routes {

  public static final String UNMATCHED = "unmatched";

  private Routes() {}

  public static String template(Path resource, Path method) {
    var template = new StringBuilder();
    for (var path : new Path[] {resource, method}) {
      if (path == null) {
        continue;
      }
      var value = path.value().replaceAll("^/+|/+$", "");
      if (!value.isEmpty()) {
        template.append('/').append(value);
      }
    }
    return template.isEmpty() ? "/" : template.toString();
  }
}
