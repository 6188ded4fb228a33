package io.postdesk.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The presence store on the real database (H2 and PostgreSQL): upsert, the 30-second window, the viewer left out. */
class TicketPresenceIT extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private long ticket;
    private long alex;
    private long bea;

    @BeforeEach
    void ticketAndTwoAgents() {
        jdbc.sql("DELETE FROM ticket_presence").update();
        ticket = admin().post("/api/v1/tickets", "{\"subject\": \"Printer jam\", \"contactEmail\": \"c@example.com\"}")
                .id();
        alex = createStaff("Alex", "alex@postdesk.test", "agent");
        bea = createStaff("Bea", "bea@postdesk.test", "agent");
    }

    private TicketPresence at(Instant now) {
        return new TicketPresence(jdbc, Clock.fixed(now, ZoneOffset.UTC));
    }

    private int rows() {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_presence")
                .query(Integer.class)
                .single();
    }

    @Test
    void aPollUpdatesTheAgentsOwnRowAndOthersSeeItsState() {
        assertThat(at(T0).report(ticket, alex, PresenceState.VIEWING)).isEmpty();
        assertThat(at(T0.plusSeconds(5)).report(ticket, alex, PresenceState.REPLYING))
                .isEmpty();
        assertThat(rows()).isEqualTo(1);

        var seenByBea = at(T0.plusSeconds(6)).report(ticket, bea, PresenceState.VIEWING);
        assertThat(seenByBea).singleElement().satisfies(p -> {
            assertThat(p.staffId()).isEqualTo(alex);
            assertThat(p.name()).isEqualTo("Alex");
            assertThat(p.state()).isEqualTo(PresenceState.REPLYING);
            assertThat(p.seenAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(at(T0.plusSeconds(7)).report(ticket, alex, PresenceState.VIEWING))
                .singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("Bea"));
        assertThat(at(T0.plusSeconds(8)).others(ticket, bea))
                .singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(PresenceState.VIEWING));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void theViewerNeverSeesThemselves() {
        at(T0).report(ticket, alex, PresenceState.REPLYING);
        assertThat(at(T0).others(ticket, alex)).isEmpty();
        assertThat(at(T0).others(ticket, bea)).extracting(Presence::staffId).containsExactly(alex);
    }

    @Test
    void replyingColleaguesComeFirst() {
        at(T0).report(ticket, alex, PresenceState.VIEWING);
        at(T0).report(ticket, bea, PresenceState.REPLYING);
        assertThat(at(T0).others(ticket, adminId())).extracting(Presence::name).containsExactly("Bea", "Alex");
    }

    @Test
    void entriesOlderThanTheWindowAreIgnoredAndCleanedUp() {
        long other = admin().post("/api/v1/tickets", "{\"subject\": \"Other\", \"contactEmail\": \"d@example.com\"}")
                .id();
        at(T0).report(ticket, alex, PresenceState.REPLYING);
        at(T0).report(other, alex, PresenceState.VIEWING);

        Instant justInside = T0.plus(TicketPresence.WINDOW);
        assertThat(at(justInside).others(ticket, bea)).hasSize(1);
        Instant past = justInside.plusSeconds(1);
        assertThat(at(past).others(ticket, bea)).isEmpty();
        assertThat(rows()).as("reading alone deletes nothing").isEqualTo(2);

        // Bea's first poll (an insert) sweeps every stale row, on any ticket.
        assertThat(at(past).report(ticket, bea, PresenceState.VIEWING)).isEmpty();
        assertThat(jdbc.sql("SELECT staff_id FROM ticket_presence")
                        .query(Long.class)
                        .list())
                .containsExactly(bea);

        // Alex comes back: a fresh row, seen again.
        at(past.plusSeconds(1)).report(ticket, alex, PresenceState.VIEWING);
        assertThat(at(past.plusSeconds(2)).others(ticket, bea))
                .extracting(Presence::name)
                .containsExactly("Alex");
    }

    @Test
    void deactivatedStaffAreNotShown() {
        at(T0).report(ticket, alex, PresenceState.VIEWING);
        jdbc.sql("UPDATE staff SET deactivated_at = CURRENT_TIMESTAMP WHERE id = ?")
                .param(alex)
                .update();
        assertThat(at(T0).others(ticket, bea)).isEmpty();
    }

    @Test
    void anUnknownTicketIsNotFoundAndADeletedOneTakesItsRowsAlong() {
        assertThatThrownBy(() -> at(T0).report(ticket + 1000, alex, PresenceState.VIEWING))
                .isInstanceOf(NotFoundException.class);
        at(T0).report(ticket, alex, PresenceState.VIEWING);
        assertThat(admin().delete("/api/v1/tickets/" + ticket).status()).isEqualTo(204);
        assertThat(rows()).isZero();
    }
}
