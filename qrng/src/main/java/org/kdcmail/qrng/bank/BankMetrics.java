package org.kdcmail.qrng.bank;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The bank's meters: fill levels as gauges, key flows as counters. Counts only, never keys. */
final class BankMetrics {
  final Counter taken;
  final Counter generated;
  final Counter reserved;
  final Counter integrityFailures;

  BankMetrics(MeterRegistry registry, Supplier<Number> available, Supplier<Number> inMemory) {
    Gauge.builder("kdcmail.keybank.keys.available", available)
        .description("keys stored or reserved, not yet handed out")
        .register(registry);
    Gauge.builder("kdcmail.keybank.keys.reserved", inMemory)
        .description("keys removed from the store and held in memory for take()")
        .register(registry);
    taken = counter(registry, "kdcmail.keybank.keys.taken", "keys handed out");
    generated = counter(registry, "kdcmail.keybank.keys.generated", "keys generated and stored");
    reserved =
        counter(registry, "kdcmail.keybank.keys.loaded", "keys moved from the store into memory");
    integrityFailures =
        counter(
            registry, "kdcmail.keybank.integrity.failures", "stored keys failing authentication");
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
