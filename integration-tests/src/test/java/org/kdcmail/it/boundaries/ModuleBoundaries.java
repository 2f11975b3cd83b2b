package org.kdcmail.it.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module graph of ARCHITECTURE.md and STYLE.md as ArchUnit rules over a root package: which
 * module may use which, no cycles, and no {@code ..internal..} package used from outside its
 * module. Parameterized by the root so that a fixture tree can prove each rule fires.
 */
final class ModuleBoundaries {

  /** Each module's package (below the root) and the modules it may use. */
  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "secrets", Set.of(),
          "qrng", Set.of("secrets"),
          "kdc.protocol", Set.of("secrets"),
          "kdc.server", Set.of("kdc.protocol", "qrng", "secrets"),
          "mime", Set.of("kdc.protocol", "secrets"),
          "plugin", Set.of("kdc.protocol", "secrets"),
          "gateway", Set.of("mime", "kdc.protocol", "plugin", "secrets"),
          "testing", Set.of("secrets"));

  private ModuleBoundaries() {}

  static List<ArchRule> rules(String root) {
    List<ArchRule> rules = new ArrayList<>();
    ALLOWED.forEach(
        (module, allowed) -> {
          String[] forbidden =
              ALLOWED.keySet().stream()
                  .filter(other -> !other.equals(module) && !allowed.contains(other))
                  .map(other -> root + "." + other + "..")
                  .toArray(String[]::new);
          rules.add(
              noClasses()
                  .that()
                  .resideInAPackage(root + "." + module + "..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(forbidden)
                  .as("module " + module + " uses only " + (allowed.isEmpty() ? "itself" : allowed))
                  .allowEmptyShould(true));
          rules.add(
              noClasses()
                  .that()
                  .resideOutsideOfPackage(root + "." + module + "..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAPackage(root + "." + module + "..internal..")
                  .as("internal packages of " + module + " are used only inside " + module)
                  .allowEmptyShould(true));
        });
    rules.add(
        slices()
            .matching(root + ".(*)..")
            .should()
            .beFreeOfCycles()
            .as("the module graph has no cycles")
            .allowEmptyShould(true));
    return rules;
  }
}
