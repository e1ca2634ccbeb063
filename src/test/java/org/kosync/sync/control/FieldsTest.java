package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class FieldsTest {

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static SyncError errorOf(Runnable call) {
    return assertThrows(SyncException.class, call::run).error();
  }

  @Test
  void parsesAKoreaderPush() {
    var update = Fields.progressUpdate(json("""
        {"document":"043f11771ef9d191364ac0ba08198d36","progress":"/body/DocFragment[1]/body/div/svg.0",
         "percentage":0.0033,"device":"Flatpak","device_id":"BDD3C5BCA1624FE996EB00FC7948468E",
         "metadata":{"title":"Dune"},"extra":true}"""));
    assertEquals("043f11771ef9d191364ac0ba08198d36", update.document());
    assertEquals(0.0033, update.percentage());
    assertEquals(Optional.of("BDD3C5BCA1624FE996EB00FC7948468E"), update.deviceId());
    assertEquals(Optional.of("{\"title\":\"Dune\"}"), update.metadata());
  }

  @Test
  void deviceIdAndMetadataAreOptional() {
    var update = Fields.progressUpdate(
        json(
            "{\"document\":\"d\",\"progress\":\"1\",\"percentage\":1,\"device\":\"x\",\"device_id\":null}"));
    assertEquals(Optional.empty(), update.deviceId());
    assertEquals(Optional.empty(), update.metadata());
  }

  @Test
  void metadataOfAnyShapeIsKept() {
    var update = Fields.progressUpdate(
        json(
            "{\"document\":\"d\",\"progress\":\"1\",\"percentage\":1,\"device\":\"x\",\"metadata\":\"odd\"}"));
    assertEquals(Optional.of("\"odd\""), update.metadata());
  }

  @Test
  void missingDocumentIs2004AndWrongTypesAre2003() {
    assertEquals(
        SyncError.DOCUMENT_MISSING,
        errorOf(() ->
            Fields.progressUpdate(json("{\"progress\":\"1\",\"percentage\":1,\"device\":\"x\"}"))));
    assertEquals(
        SyncError.DOCUMENT_MISSING,
        errorOf(() -> Fields.progressUpdate(
            json("{\"document\":\"\",\"progress\":\"1\",\"percentage\":1,\"device\":\"x\"}"))));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.progressUpdate(json(
            "{\"document\":\"d\",\"progress\":\"1\",\"percentage\":\"1\",\"device\":\"x\"}"))));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.progressUpdate(
            json("{\"document\":\"d\",\"progress\":3,\"percentage\":1,\"device\":\"x\"}"))));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.progressUpdate(
            json("{\"document\":\"d\",\"progress\":\"3\",\"percentage\":1}"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"username\":\"a:b\"}",
        "{\"username\":\"\"}",
        "{\"username\":\" a\"}",
        "{\"username\":\"a\\n\"}",
        "{\"username\":1}",
        "{}"
      })
  void invalidUsernames(String body) {
    assertEquals(SyncError.INVALID_REQUEST, errorOf(() -> Fields.username(json(body))));
  }

  @Test
  void unicodeUsernamesAreFine() {
    assertEquals("Jürgen 读书", Fields.username(json("{\"username\":\"Jürgen 读书\"}")));
  }

  @Test
  void keysAreBounded() {
    assertEquals(
        "k".repeat(128),
        Fields.key(json("{\"password\":\"" + "k".repeat(128) + "\"}"), "password"));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.key(json("{\"password\":\"" + "k".repeat(129) + "\"}"), "password")));
  }

  /** PostgreSQL cannot store NUL, and would store a lone surrogate as '?': both are refused, not failed on. */
  @Test
  void storedTextHasNoNulAndNoLoneSurrogates() {
    var push =
        "{\"document\":\"d\",\"percentage\":0.5,\"progress\":\"P\",\"device\":\"D\",\"device_id\":\"I\"}";
    for (var field : new String[] {"progress", "device", "device_id"}) {
      var value = "\"" + field + "\":\""
          + Map.of("progress", "P", "device", "D", "device_id", "I").get(field) + "\"";
      var withNul = push.replace(value, "\"" + field + "\":\"a\\u0000b\"");
      assertEquals(
          SyncError.INVALID_REQUEST, errorOf(() -> Fields.progressUpdate(json(withNul))), withNul);
      var withSurrogate = push.replace(value, "\"" + field + "\":\"a\\ud800b\"");
      assertEquals(
          SyncError.INVALID_REQUEST,
          errorOf(() -> Fields.progressUpdate(json(withSurrogate))),
          withSurrogate);
    }
    Fields.progressUpdate(json(push));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.username(json("{\"username\":\"a\\ud800\"}"))));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.username(json("{\"username\":\"\\udc00a\"}"))));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(() -> Fields.key(json("{\"password\":\"\\ud800\"}"), "password")));
    assertEquals("\ud83d\udcda", Fields.username(json("{\"username\":\"\\ud83d\\udcda\"}")));
  }
}
