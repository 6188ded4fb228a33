package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketTests {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-02T10:00:00Z");
    private static final long AGENT = 7;
    private static final long OTHER_AGENT = 8;

    @Test
    void firstStaffReplyOnOpenTicketStartsWorkAndAssignsTheReplier() {
        Ticket after = ticket(TicketStatus.OPEN, null).afterStaffReply(AGENT, LATER);

        assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(after.assigneeId()).isEqualTo(AGENT);
        assertThat(after.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void firstStaffReplyKeepsAnExistingAssignee() {
        Ticket after = ticket(TicketStatus.OPEN, OTHER_AGENT).afterStaffReply(AGENT, LATER);

        assertThat(after.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(after.assigneeId()).isEqualTo(OTHER_AGENT);
    }

    @Test
    void staffReplyOnTicketThatIsNotOpenChangesNeitherStatusNorAssignee() {
        for (TicketStatus status : new TicketStatus[] {
            TicketStatus.IN_PROGRESS, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED
        }) {
            Ticket after = ticket(status, null).afterStaffReply(AGENT, LATER);

            assertThat(after.status()).isEqualTo(status);
            assertThat(after.assigneeId()).isNull();
        }
    }

    @Test
    void customerReplyReopensResolvedAndClosedTickets() {
        Ticket resolved = ticket(TicketStatus.OPEN, AGENT).withStatus(TicketStatus.RESOLVED, LATER);
        Ticket closed = ticket(TicketStatus.OPEN, AGENT).withStatus(TicketStatus.CLOSED, LATER);

        assertThat(resolved.afterCustomerReply(LATER).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(closed.afterCustomerReply(LATER).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(resolved.afterCustomerReply(LATER).resolvedAt()).isNull();
        assertThat(closed.afterCustomerReply(LATER).closedAt()).isNull();
    }

    @Test
    void customerReplyLeavesUnfinishedTicketsAsTheyAre() {
        for (TicketStatus status :
                new TicketStatus[] {TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING}) {
            assertThat(ticket(status, AGENT).afterCustomerReply(LATER).status()).isEqualTo(status);
        }
    }

    @Test
    void resolvingStampsResolvedAtAndClosingKeepsIt() {
        Ticket resolved = ticket(TicketStatus.IN_PROGRESS, AGENT).withStatus(TicketStatus.RESOLVED, LATER);
        Instant evenLater = LATER.plusSeconds(60);
        Ticket closed = resolved.withStatus(TicketStatus.CLOSED, evenLater);

        assertThat(resolved.resolvedAt()).isEqualTo(LATER);
        assertThat(closed.resolvedAt()).isEqualTo(LATER);
        assertThat(closed.closedAt()).isEqualTo(evenLater);
    }

    @Test
    void settingTheSameStatusAgainChangesNothing() {
        Ticket resolved = ticket(TicketStatus.OPEN, AGENT).withStatus(TicketStatus.RESOLVED, LATER);

        assertThat(resolved.withStatus(TicketStatus.RESOLVED, LATER.plusSeconds(5)))
                .isSameAs(resolved);
    }

    @Test
    void defaultPriorityIsMedium() {
        assertThat(TicketPriority.DEFAULT).isEqualTo(TicketPriority.MEDIUM);
    }

    private static Ticket ticket(TicketStatus status, Long assignee) {
        return new Ticket(
                1,
                "Subject",
                null,
                status,
                TicketPriority.MEDIUM,
                TicketSource.API,
                assignee,
                null,
                false,
                "token",
                null,
                CREATED,
                CREATED,
                null,
                null);
    }
}
