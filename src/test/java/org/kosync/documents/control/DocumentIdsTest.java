package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"043f11771ef9d191364ac0ba08198d36", "a-b", "a.b", "_", "~x", "...a"})
  void documentIdsThatAreLiteralPathSegments(String id) {
    assertTrue(DocumentIds.isValid(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "...", "a/b", "a b", "a%20", "é", "a?b", "a;b"})
  void documentIdsThatAreNot(String id) {
    assertFalse(DocumentIds.isValid(id));
  }

  @Test
  void documentIdLengthLimit() {
    assertTrue(DocumentIds.isValid("a".repeat(128)));
    assertFalse(DocumentIds.isValid("a".repeat(129)));
  }
}
