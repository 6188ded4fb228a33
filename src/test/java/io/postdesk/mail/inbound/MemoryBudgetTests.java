package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTests {

    private static final long MB = 1024 * 1024;

    private final MemoryBudget budget = new MemoryBudget(100 * MB, Duration.ofMillis(50));

    @Test
    void reservesFourTimesTheMailAndGivesItBackWhenClosed() {
        try (var reservation = budget.reserve(10 * MB)) {
            assertThat(budget.availableBytes()).isEqualTo(60 * MB);
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MB);
    }

    @Test
    void refusesAMailThatDoesNotFitBesideThoseInFlight() {
        try (var first = budget.reserve(24 * MB + MB / 2)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> budget.reserve(1 * MB))
                    .isInstanceOf(MemoryBudget.ExhaustedException.class)
                    .hasMessageContaining("memory budget");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MB);
    }

    @Test
    void aMailLargerThanTheWholeBudgetWaitsForAllOfItInsteadOfBeingRefusedForever() throws Exception {
        try (var huge = budget.reserve(60 * MB)) {
            assertThat(budget.availableBytes()).isZero();
        }
        var patient = new MemoryBudget(100 * MB, Duration.ofSeconds(5));
        var small = patient.reserve(1 * MB);
        var waiting = CompletableFuture.supplyAsync(() -> {
            try (var huge = patient.reserve(60 * MB)) {
                return patient.availableBytes();
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        small.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(patient.availableBytes()).isEqualTo(100 * MB);
    }

    @Test
    void aBodyOfUnknownLengthGrowsItsReservationAsItArrivesAndIsStoppedAtTheBudget() throws Exception {
        try (var reservation = budget.reserve(0)) {
            InputStream in = reservation.track(new ByteArrayInputStream(new byte[3 * (int) MB]));
            in.readNBytes((int) MB);
            assertThat(budget.availableBytes()).isBetween(100 * MB - 4 * (2 * MB + 65536), 100 * MB - 4 * MB);
            in.readAllBytes();
            assertThat(budget.availableBytes()).isBetween(100 * MB - 4 * (4 * MB + 65536), 100 * MB - 4 * 3 * MB);
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MB);

        try (var other = budget.reserve(24 * MB);
                var reservation = budget.reserve(0)) {
            InputStream in = reservation.track(new ByteArrayInputStream(new byte[(int) MB]));
            assertThatThrownBy(in::readAllBytes).isInstanceOf(MemoryBudget.ExhaustedException.class);
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MB);
    }

    @Test
    void closingTwiceGivesBackOnce() {
        var reservation = budget.reserve(5 * MB);
        reservation.close();
        reservation.close();
        assertThat(budget.availableBytes()).isEqualTo(100 * MB);
    }

    @Test
    void defaultsToAQuarterOfTheMaximumHeap() {
        var properties = new InboundProperties(
                org.springframework.util.unit.DataSize.ofMegabytes(25), null, Duration.ofSeconds(1), Duration.ZERO);
        long expected = Runtime.getRuntime().maxMemory() / 4;
        assertThat(new MemoryBudget(properties).totalBytes()).isBetween(expected - 1024, expected);
    }
}
