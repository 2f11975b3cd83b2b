package org.kdcmail.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Evaluates {@link RequiresProgram}: skip with a reason, or fail under KDCMAIL_REQUIRE_ALL=1. */
public final class RequiredProgramsCondition implements ExecutionCondition {

  /** The environment variable under which a missing program fails the run. */
  public static final String REQUIRE_ALL = "KDCMAIL_REQUIRE_ALL";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresProgram> annotation =
        context.getElement().map(e -> e.getAnnotation(RequiresProgram.class));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no programs required");
    }
    List<String> missing =
        Arrays.stream(annotation.get().value()).filter(p -> findOnPath(p).isEmpty()).toList();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled(
          "found " + String.join(", ", annotation.get().value()));
    }
    String pkg = annotation.get().debianPackage();
    String reason =
        "missing program(s) "
            + String.join(", ", missing)
            + (pkg.isEmpty() ? "" : " (Debian package " + pkg + ")")
            + " for "
            + context.getDisplayName();
    if ("1".equals(System.getenv(REQUIRE_ALL))) {
      throw new IllegalStateException(reason + ", and " + REQUIRE_ALL + "=1 forbids skipping");
    }
    System.err.println("SKIPPED: " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  /** Looks a program up on {@code PATH}, as a shell would. */
  public static Optional<Path> findOnPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
