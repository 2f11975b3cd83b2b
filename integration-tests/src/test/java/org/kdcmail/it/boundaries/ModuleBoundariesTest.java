package org.kdcmail.it.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

  @Test
  void productionCode_keepsEveryModuleBoundary() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kdcmail");
    assertThat(production.containPackage("org.kdcmail.qrng")).isTrue();
    for (ArchRule rule : ModuleBoundaries.rules("org.kdcmail")) {
      rule.check(production);
    }
  }

  @Test
  void fixtureWithForbiddenImports_isReported() {
    JavaClasses fixture = new ClassFileImporter().importPackages("org.kdcmail.it.fixture");
    List<String> violations =
        ModuleBoundaries.rules("org.kdcmail.it.fixture").stream()
            .map(rule -> rule.evaluate(fixture))
            .filter(EvaluationResult::hasViolation)
            .flatMap(result -> result.getFailureReport().getDetails().stream())
            .toList();
    assertThat(violations)
        .anyMatch(v -> v.contains("MimeUsingServer") && v.contains("ServerStore"))
        .anyMatch(v -> v.contains("GatewayUsingPluginInternals") && v.contains("PluginSecret"))
        .anyMatch(v -> v.contains("ProtocolUsingMime"));
  }
}
