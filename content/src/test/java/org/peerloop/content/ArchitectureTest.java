package org.peerloop.content;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** content stays a plain jar, and the engine stays a pure function. */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.peerloop.content");

  @Test
  void contentDependsOnNothingButTheJdkAndSnakeyaml() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.yaml.snakeyaml..", "org.peerloop.content..")
        .check(MAIN);
  }

  @Test
  void theEngineParsersAndModelReadNoClockNoRandomnessAndNoFiles() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.peerloop.content.engine..",
            "org.peerloop.content.parse..",
            "org.peerloop.content.flow..")
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.net..")
        .check(MAIN);
  }

  @Test
  void theEngineDoesNotKnowTheRunnerOrTheChecker() {
    noClasses()
        .that()
        .resideInAnyPackage("org.peerloop.content.engine..", "org.peerloop.content.parse..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.peerloop.content.runner..", "org.peerloop.content.check..")
        .check(MAIN);
  }
}
