package org.kosync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape the README's Architecture section describes: components that depend on each other in
 * one direction only, and within a component no import running back up from entity to control to
 * boundary.
 */
class ArchitectureTest {

  static final JavaClasses KOSYNC = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.kosync");

  @Test
  void componentsHaveNoCycles() {
    slices().matching("org.kosync.(*)..").should().beFreeOfCycles().check(KOSYNC);
  }

  @Test
  void theSessionRegistryKnowsNothingOfTheWebSocketProtocol() {
    noClasses()
        .that()
        .resideInAPackage("org.kosync.sessions..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.kosync.rpc..")
        .check(KOSYNC);
  }

  @Test
  void documentsKnowNothingOfKoreadersWire() {
    noClasses()
        .that()
        .resideInAPackage("org.kosync.documents..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.kosync.sync..")
        .check(KOSYNC);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auth",
        "documents",
        "meters",
        "operations",
        "page",
        "problems",
        "rpc",
        "sessions",
        "storage",
        "sync"
      })
  void noImportRunsBackUpWithinAComponent(String component) {
    var root = "org.kosync." + component;
    noClasses()
        .that()
        .resideInAnyPackage(root + ".control..", root + ".entity..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".boundary..")
        .allowEmptyShould(true)
        .check(KOSYNC);
    noClasses()
        .that()
        .resideInAPackage(root + ".entity..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".control..")
        .allowEmptyShould(true)
        .check(KOSYNC);
  }
}
