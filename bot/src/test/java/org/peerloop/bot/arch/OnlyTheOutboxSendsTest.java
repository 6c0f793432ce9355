package org.peerloop.bot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.outbox.ChannelSender;

/**
 * Only the outbox calls a channel's sender. That is what makes "a stopped person receives nothing
 * from any feature" hold by construction: the outbox checks, every feature goes through it.
 */
class OnlyTheOutboxSendsTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.peerloop");

  @Test
  void noClassOutsideTheOutboxCallsAChannelSender() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.peerloop.bot.outbox..")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a method of a ChannelSender (other than a sender calling its own helpers)",
                (JavaCall<?> call) ->
                    call.getTargetOwner().isAssignableTo(ChannelSender.class)
                        && !call.getOriginOwner().equals(call.getTargetOwner())))
        .check(CLASSES);
  }
}
