package org.kosync.documents.control;

import java.util.regex.Pattern;
import org.kosync.documents.entity.ReadingProgress;

/**
 * Which document ids KOsync stores: 1 to 128 of the RFC 3986 unreserved characters, so every id a
 * push accepts is a literal path segment that a read can name. Not dots only: "." and ".." are
 * path steps, and Payara's HTTP layer answers 400 to any path segment of three or more dots before
 * KOsync sees the request.
 */
public final class DocumentIds {

  private static final Pattern DOCUMENT_ID =
      Pattern.compile("[A-Za-z0-9._~-]{1," + ReadingProgress.DOCUMENT_MAX_LENGTH + "}");

  private DocumentIds() {}

  public static boolean isValid(String document) {
    return DOCUMENT_ID.matcher(document).matches() && !document.chars().allMatch(c -> c == '.');
  }
}
