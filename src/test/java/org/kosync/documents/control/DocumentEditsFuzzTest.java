package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.kosync.documents.entity.ReadingProgress;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.testing.FuzzedJson;

/**
 * Document ids (any string: valid ones are plain path segments that read back as themselves) and
 * the document objects {@code documents.update} takes: accepted within the rules, or refused with
 * 403 / 2003 or 2004 — and a name that is accepted is stored as it is.
 */
class DocumentEditsFuzzTest {

  static final EnumSet<SyncError> DOCUMENTED =
      EnumSet.of(SyncError.INVALID_REQUEST, SyncError.DOCUMENT_MISSING);

  @FuzzTest
  @DictionaryEntries({"id", "document", "pretty_name", "..", ".", "~", "%2e"})
  void documents(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      var id = data.consumeString(200);
      if (DocumentIds.isValid(id)) {
        assertTrue(id.length() <= ReadingProgress.DOCUMENT_MAX_LENGTH, id);
        var path = URI.create("http://localhost/syncs/progress/" + id).getPath();
        assertEquals("/syncs/progress/" + id, URI.create(path).normalize().getPath());
      }
      return;
    }
    var body = new FuzzedJson(data, List.of("id", "document", "pretty_name")).object();
    try {
      var renamed = DocumentEdits.parse(body);
      assertTrue(DocumentIds.isValid(renamed.document()), renamed.document());
      var name = renamed.prettyName();
      assertTrue(name.length() <= ReadingProgress.PRETTY_NAME_MAX_LENGTH, name);
      assertEquals(name.strip(), name);
      assertTrue(name.chars().noneMatch(Character::isISOControl), name);
      assertEquals(name, new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    } catch (SyncException e) {
      assertTrue(DOCUMENTED.contains(e.error()), () -> "undocumented " + e.error());
    }
  }
}
