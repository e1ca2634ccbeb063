package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TitlesTest {

  @Test
  void theTitleOfTheMetadataIsTheDefaultName() {
    assertEquals(
        Optional.of("Moby Dick"),
        Titles.fromMetadata(Optional.of("{\"title\":\" Moby Dick \",\"authors\":\"Melville\"}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.of("{\"authors\":\"Melville\"}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.of("{\"title\":\"  \"}")));
    assertEquals(Optional.empty(), Titles.fromMetadata(Optional.empty()));
  }

  @Test
  void itIsCleanedLikeAChosenName() {
    assertEquals(
        Optional.of("Moby  Dick"),
        Titles.fromMetadata(Optional.of("{\"title\":\"Moby\\u0000\\nDick\\u001b\"}")));
    var long300 = "x".repeat(300);
    assertEquals(
        256,
        Titles.fromMetadata(Optional.of("{\"title\":\"" + long300 + "\"}"))
            .orElseThrow()
            .length());
    var emoji = "x".repeat(255) + "\ud83d\udcda";
    assertEquals("x".repeat(255), Titles.clean(emoji));
  }
}
