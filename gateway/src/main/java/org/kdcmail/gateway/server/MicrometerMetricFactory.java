package org.kdcmail.gateway.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/**
 * James' metric interface over Micrometer: counters become gauges {@code james_<name>} and timers
 * Micrometer timers, so the protocol handlers' figures show up on the gateway's /metrics.
 */
public final class MicrometerMetricFactory implements MetricFactory {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public MicrometerMetricFactory(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Metric generate(String name) {
    AtomicLong count =
        counts.computeIfAbsent(
            name, n -> registry.gauge("james." + n, new AtomicLong(), AtomicLong::doubleValue));
    return new Metric() {
      @Override
      public void increment() {
        count.incrementAndGet();
      }

      @Override
      public void decrement() {
        count.decrementAndGet();
      }

      @Override
      public void add(int value) {
        count.addAndGet(value);
      }

      @Override
      public void remove(int value) {
        count.addAndGet(-value);
      }

      @Override
      public long getCount() {
        return count.get();
      }
    };
  }

  @Override
  public TimeMetric timer(String name) {
    Timer timer = registry.timer("james." + name);
    long start = System.nanoTime();
    return new TimeMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ExecutionResult stopAndPublish() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        timer.record(elapsed);
        return new ExecutionResult() {
          @Override
          public Duration elasped() {
            return elapsed;
          }

          @Override
          public ExecutionResult logWhenExceedP99(Duration threshold) {
            return this;
          }
        };
      }
    };
  }

  @Override
  public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
    return publisher;
  }

  @Override
  public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(
      String name, Publisher<T> publisher) {
    return publisher;
  }
}
