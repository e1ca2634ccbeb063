package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kosync.documents.entity.DocumentRenamed;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class DocumentEditsTest {

  static DocumentRenamed parse(String json) {
    return DocumentEdits.parse(Json.createReader(new StringReader(json)).readObject());
  }

  static SyncError errorOf(String json) {
    return assertThrows(SyncException.class, () -> parse(json)).error();
  }

  @Test
  void namesTheDocumentByIdOrDocumentAndTrimsTheName() {
    assertEquals(
        new DocumentRenamed("abc", "Dune"), parse("{\"id\":\"abc\",\"pretty_name\":\"  Dune \"}"));
    assertEquals(
        new DocumentRenamed("abc", "Dune"),
        parse("{\"document\":\"abc\",\"pretty_name\":\"Dune\",\"progress\":\"ignored\"}"));
    assertEquals(
        new DocumentRenamed("abc", ""),
        parse("{\"id\":\"abc\",\"document\":\"abc\",\"pretty_name\":null}"));
  }

  @Test
  void refusesWhatCannotBeApplied() {
    assertEquals(SyncError.DOCUMENT_MISSING, errorOf("{\"pretty_name\":\"x\"}"));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf("{\"id\":\"a\",\"document\":\"b\",\"pretty_name\":\"x\"}"));
    assertEquals(SyncError.INVALID_REQUEST, errorOf("{\"id\":\"a\"}"));
    assertEquals(SyncError.INVALID_REQUEST, errorOf("{\"id\":\"a\",\"pretty_name\":[]}"));
    assertEquals(
        SyncError.INVALID_REQUEST, errorOf("{\"id\":\"a\",\"pretty_name\":\"bell\\u0007\"}"));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf("{\"id\":\"a\",\"pretty_name\":\"" + "n".repeat(257) + "\"}"));
    assertEquals(SyncError.INVALID_REQUEST, errorOf("{\"id\":\"../x\",\"pretty_name\":\"x\"}"));
  }

  @Test
  void titlesComeFromMetadataWhenItHasOne() {
    assertEquals(
        Optional.of("Dune"),
        Titles.fromMetadata(Optional.of("{\"title\":\" Dune \",\"authors\":\"F\"}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.of("{\"title\":\"\"}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.of("\"just a string\"")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.of("{\"title\":42}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.empty()));
  }
}
