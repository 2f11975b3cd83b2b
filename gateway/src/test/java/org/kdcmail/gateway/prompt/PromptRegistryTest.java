package org.kdcmail.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PromptRegistryTest {
  private static final String ALICE = "alice@example.test";

  private final SteppedClock clock = new SteppedClock();
  private final PromptRegistry registry = new PromptRegistry(clock);

  @Test
  void ask_withoutAnyPoll_notRegistered_false() {
    assertThat(registry.registered(ALICE)).isFalse();
    assertThat(registry.ask(ALICE, "smtp", Duration.ofSeconds(20))).isFalse();
  }

  @Test
  void ask_whileAPollIsOpen_pollReceivesTheReason() throws Exception {
    CompletableFuture<Optional<String>> poll =
        CompletableFuture.supplyAsync(() -> next("desktop", Duration.ofSeconds(20)));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!registry.registered(ALICE) && System.nanoTime() < until) {
      Thread.sleep(5);
    }

    assertThat(registry.ask(ALICE, "smtp", Duration.ofSeconds(20))).isTrue();

    assertThat(poll.get(5, TimeUnit.SECONDS)).contains("smtp");
  }

  @Test
  void request_deliveredOncePerClient() throws Exception {
    next("desktop", Duration.ZERO); // registers (within the grace period)
    assertThat(registry.ask(ALICE, "smtp", Duration.ofSeconds(20))).isTrue();

    assertThat(next("desktop", Duration.ZERO)).contains("smtp");
    assertThat(next("desktop", Duration.ZERO)).isEmpty();
    assertThat(next("thunderbird", Duration.ZERO)).contains("smtp");
  }

  @Test
  void registered_endsThirtySecondsAfterTheLastPoll() {
    next("desktop", Duration.ZERO);
    clock.advance(PromptRegistry.GRACE.minusSeconds(1));
    assertThat(registry.registered(ALICE)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(registry.registered(ALICE)).isFalse();
  }

  @Test
  void request_expiredOrDone_notDelivered() {
    next("desktop", Duration.ZERO);
    registry.ask(ALICE, "smtp", Duration.ofSeconds(20));
    registry.done(ALICE);
    assertThat(next("desktop", Duration.ZERO)).isEmpty();

    registry.ask(ALICE, "smtp", Duration.ofSeconds(20));
    clock.advance(Duration.ofSeconds(20));
    assertThat(next("thunderbird", Duration.ZERO)).isEmpty();
  }

  private Optional<String> next(String client, Duration wait) {
    try {
      return registry.next(ALICE, client, wait);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
