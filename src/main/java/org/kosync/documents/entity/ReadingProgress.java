package org.kosync.documents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * The mapping of a stored reading position. The hot push and read paths use plain statements
 * ({@code ProgressStatements}); the mapping is validated against the schema at every start.
 */
@Entity
@Table(name = "reading_progress")
@NamedQuery(
    name = ReadingProgress.BY_ACCOUNT_AND_DOCUMENT,
    query =
        "select p from ReadingProgress p where p.accountId = :accountId and p.document = :document")
@NamedQuery(
    name = ReadingProgress.BY_ACCOUNT_NEWEST_FIRST,
    query =
        "select p from ReadingProgress p where p.accountId = :accountId order by p.updatedAt desc, p.id desc")
public class ReadingProgress {

  public static final String BY_ACCOUNT_AND_DOCUMENT = "ReadingProgress.byAccountAndDocument";
  public static final String BY_ACCOUNT_NEWEST_FIRST = "ReadingProgress.byAccountNewestFirst";
  public static final int PRETTY_NAME_MAX_LENGTH = 256;
  public static final int DOCUMENT_MAX_LENGTH = 128;
  public static final int PROGRESS_MAX_LENGTH = 2048;
  public static final int DEVICE_MAX_LENGTH = 128;
  public static final int DEVICE_ID_MAX_LENGTH = 128;
  public static final int METADATA_MAX_LENGTH = 65536;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(name = "document", length = DOCUMENT_MAX_LENGTH, nullable = false)
  private String document;

  @Column(name = "progress", length = PROGRESS_MAX_LENGTH, nullable = false)
  private String progress;

  @Column(name = "percentage", nullable = false)
  private double percentage;

  @Column(name = "device", length = DEVICE_MAX_LENGTH, nullable = false)
  private String device;

  @Column(name = "device_id", length = DEVICE_ID_MAX_LENGTH)
  private String deviceId;

  @Column(name = "metadata", length = METADATA_MAX_LENGTH)
  private String metadata;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "pretty_name", length = PRETTY_NAME_MAX_LENGTH)
  private String prettyName;

  protected ReadingProgress() {}

  public long id() {
    return id;
  }

  /** The user's own name for the document; empty clears it (the title KOReader sent shows again). */
  public void rename(String prettyName) {
    this.prettyName = prettyName.isEmpty() ? null : prettyName;
  }

  public Optional<String> prettyName() {
    return Optional.ofNullable(prettyName);
  }

  public Optional<String> metadata() {
    return Optional.ofNullable(metadata);
  }

  public ProgressState state() {
    return new ProgressState(
        document, progress, percentage, device, Optional.ofNullable(deviceId), updatedAt);
  }
}
