package org.kosync.problems.entity;

/**
 * KOReader's error table (koreader-sync-server {@code errors.lua}): the codes, statuses and
 * messages a device may see. Codes 100–104 guard the envelope; 1000–2006 the application.
 */
public enum SyncError {
  ACCEPT_MISSING(100, 412, "Accept header not set."),
  ACCEPT_MALFORMED(101, 412, "Invalid Accept header format."),
  ACCEPT_UNSUPPORTED(102, 412, "Unsupported version specified in the Accept header."),
  MALFORMED_JSON(103, 400, "Could not parse JSON in body."),
  NOT_A_JSON_OBJECT(104, 400, "Body should be a JSON hash."),
  // the official server says "redis"; ours is a database, and the message says so
  DATABASE_UNREACHABLE(1000, 502, "Cannot connect to the database."),
  UNKNOWN(2000, 502, "Unknown server error."),
  UNAUTHORIZED(2001, 401, "Unauthorized"),
  USER_EXISTS(2002, 402, "Username is already registered."),
  INVALID_REQUEST(2003, 403, "Invalid request"),
  DOCUMENT_MISSING(2004, 403, "Field 'document' not provided."),
  REGISTRATION_DISABLED(2005, 402, "User registration is disabled."),
  ACCOUNT_NOT_FOUND(2006, 404, "Account not found."),
  // KOsync's JSON API, beyond KOReader's table
  DOCUMENT_NOT_FOUND(2007, 404, "Document not found."),
  // too many failed logins or registrations from one place; KOReader retries it like any non-401
  // failure
  TOO_MANY_ATTEMPTS(2008, 429, "Too many attempts."),
  // a body that did not arrive in full within kosync.http.body-deadline; KOReader retries it
  BODY_TIMEOUT(2009, 408, "Request body not received in time."),
  DEVICE_KEY_NOT_FOUND(2010, 404, "Device key not found.");

  private final int code;
  private final int status;
  private final String message;

  SyncError(int code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }
}
