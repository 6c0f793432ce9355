package org.peerloop.bot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way, content ← scheduler ← bot, and content stays a plain library. */
class ModuleBoundariesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.peerloop");
  }

  @Test
  void contentDependsOnNeitherSchedulerNorBot() {
    noClasses()
        .that()
        .resideInAPackage("org.peerloop.content..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.peerloop.scheduler..", "org.peerloop.bot..")
        .check(classes);
  }

  @Test
  void schedulerDoesNotDependOnBot() {
    noClasses()
        .that()
        .resideInAPackage("org.peerloop.scheduler..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.peerloop.bot..")
        .check(classes);
  }

  @Test
  void contentKnowsNoFrameworkStoreHttpOrChannel() {
    noClasses()
        .that()
        .resideInAPackage("org.peerloop.content..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "com.mongodb..",
            "org.bson..",
            "jakarta.servlet..",
            "java.net.http..",
            "com.sun.net.httpserver..",
            "org.apache.hc..",
            "okhttp3..",
            "org.telegram..",
            "com.twilio..",
            "org.quartz..")
        .check(classes);
  }

  @Test
  void seesTheModulesItGuards() {
    // Rules over an empty import pass vacuously: make sure the modules' classes were found, from
    // target/classes or from the module jars alike. (scheduler joins once it has classes.)
    org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("org.peerloop.bot"))
        .anyMatch(p -> p.startsWith("org.peerloop.content"));
  }
}
