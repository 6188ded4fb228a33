package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketLinkTests {

    @Test
    void readsAsTheThreadShowsIt() {
        Instant at = Instant.parse("2026-12-02T10:00:00Z");

        assertThat(new TicketLink(1, 9, TicketLink.Kind.MERGED_INTO, 12L, null, at).text())
                .isEqualTo("Merged into #12");
        assertThat(new TicketLink(2, 12, TicketLink.Kind.MERGED_FROM, 9L, null, at).text())
                .isEqualTo("Merged #9 into this ticket");
        assertThat(new TicketLink(3, 9, TicketLink.Kind.SPLIT_INTO, 13L, 1L, at).text())
                .isEqualTo("Split a message into #13");
        assertThat(new TicketLink(4, 13, TicketLink.Kind.SPLIT_FROM, null, 1L, at).text())
                .isEqualTo("Split from a deleted ticket");
        assertThat(TicketLink.Kind.fromWire("merged_from")).isEqualTo(TicketLink.Kind.MERGED_FROM);
    }
}
