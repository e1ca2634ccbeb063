package org.kosync.sync.control;

import java.util.regex.Pattern;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** The official server's Accept rules, and the lenient variant of them. */
public final class AcceptPolicy {

  private static final Pattern VENDOR =
      Pattern.compile("application/vnd\\.koreader\\.v(\\d+)\\+json");
  private static final String SUPPORTED_VERSION = "1";

  private AcceptPolicy() {}

  public static void check(String accept, boolean strict) {
    if (accept == null || accept.isBlank()) {
      if (strict) {
        throw new SyncException(SyncError.ACCEPT_MISSING);
      }
      return;
    }
    var vendor = VENDOR.matcher(accept);
    if (!vendor.find()) {
      if (strict) {
        throw new SyncException(SyncError.ACCEPT_MALFORMED);
      }
      return;
    }
    if (!SUPPORTED_VERSION.equals(vendor.group(1))) {
      throw new SyncException(SyncError.ACCEPT_UNSUPPORTED);
    }
  }
}
