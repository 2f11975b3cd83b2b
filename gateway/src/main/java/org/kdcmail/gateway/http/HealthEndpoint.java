package org.kdcmail.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code GET /health}: {@code {"status":"up"}} with 200 when every check passes (and there may be
 * none), else {@code "down"} with 503; each check appears under {@code checks} by name.
 */
final class HealthEndpoint implements Endpoint {
  private final List<HealthCheck> checks;

  HealthEndpoint(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public HttpReply handle(GatewayRequest request) {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("status", "up");
    boolean up = true;
    if (!checks.isEmpty()) {
      ObjectNode results = report.putObject("checks");
      for (HealthCheck check : checks) {
        HealthCheck.Result r = check.check();
        ObjectNode one = results.putObject(check.name());
        one.put("status", r.up() ? "up" : "down");
        if (!r.up()) {
          one.put("detail", r.detail());
          up = false;
        }
      }
    }
    if (!up) {
      report.put("status", "down");
    }
    return HttpReply.json(up ? 200 : 503, report);
  }
}
