package org.kosync.documents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** An earlier state of a document, written by the push that replaced it. */
@Entity
@Table(name = "progress_history")
@NamedQuery(
    name = ProgressHistoryEntry.OF_PROGRESS_NEWEST_FIRST,
    query =
        "select h from ProgressHistoryEntry h where h.progressId = :progressId order by h.id desc")
public class ProgressHistoryEntry {

  public static final String OF_PROGRESS_NEWEST_FIRST =
      "ProgressHistoryEntry.ofProgressNewestFirst";

  @Id
  private Long id;

  @Column(name = "progress_id", nullable = false)
  private long progressId;

  @Column(name = "progress", length = ReadingProgress.PROGRESS_MAX_LENGTH, nullable = false)
  private String progress;

  @Column(name = "percentage", nullable = false)
  private double percentage;

  @Column(name = "device", length = ReadingProgress.DEVICE_MAX_LENGTH, nullable = false)
  private String device;

  @Column(name = "device_id", length = ReadingProgress.DEVICE_ID_MAX_LENGTH)
  private String deviceId;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected ProgressHistoryEntry() {}

  public long progressId() {
    return progressId;
  }

  public ProgressState state(String document) {
    return new ProgressState(
        document, progress, percentage, device, Optional.ofNullable(deviceId), recordedAt);
  }
}
