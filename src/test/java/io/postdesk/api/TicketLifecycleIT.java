package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.ApiClient.Response;
import io.postdesk.IntegrationTest;
import io.postdesk.shared.NotFoundException;
import io.postdesk.ticket.TicketManagement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle rules of SPEC §1, end to end. Customer replies come by email or portal, not over the staff API, so
 * they are added through {@link TicketManagement#addCustomerMessage}.
 */
class TicketLifecycleIT extends IntegrationTest {

    @Autowired
    TicketManagement tickets;

    @Test
    void createsTicketsOpenAndUnassigned() {
        var ticket = admin().get("/api/v1/tickets/" + newTicket());

        assertThat(ticket.string("$.status")).isEqualTo("open");
        assertThat((Object) ticket.json("$.assignee")).isNull();
    }

    @Test
    void firstStaffReplyMovesOpenTicketToInProgressAndAssignsTheReplier() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        var agent = as(tokenFor(agentId));
        long id = newTicket();

        agent.post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"Looking into it\"}");

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("in_progress");
        assertThat(ticket.number("$.assignee.id")).isEqualTo(agentId);
        var counts = admin().get("/api/v1/tickets");
        assertThat(counts.number("$.counts.open")).isZero();
        assertThat(counts.number("$.counts.in_progress")).isEqualTo(1);
    }

    @Test
    void firstStaffReplyKeepsAnExistingAssignee() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long id = admin().post("/api/v1/tickets", """
                        {"subject": "Help", "contactEmail": "customer@example.com", "assigneeId": %d}""".formatted(agentId)).id();

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"Admin here\"}");

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("in_progress");
        assertThat(ticket.number("$.assignee.id")).isEqualTo(agentId);
    }

    @Test
    void laterStaffRepliesDoNotReassign() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long id = newTicket();
        as(tokenFor(agentId)).post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"first\"}");

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"second\"}");

        assertThat(admin().get("/api/v1/tickets/" + id).number("$.assignee.id")).isEqualTo(agentId);
    }

    @Test
    void internalNotesChangeNeitherStatusNorAssignee() {
        long id = newTicket();

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"note\", \"internal\": true}");

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("open");
        assertThat((Object) ticket.json("$.assignee")).isNull();
        assertThat(admin().get("/api/v1/tickets").number("$.counts.open")).isEqualTo(1);
    }

    @Test
    void staffReplyLeavesPendingTicketPending() {
        long id = newTicket();
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"pending\"}");

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"still waiting for you\"}");

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("pending");
        assertThat((Object) ticket.json("$.assignee")).isNull();
    }

    @Test
    void resolvingStampsResolvedAtAndReopeningClearsIt() {
        long id = newTicket();

        var resolved = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");
        var reopened = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"open\"}");

        assertThat(resolved.string("$.status")).isEqualTo("resolved");
        assertThat(Instant.parse(resolved.string("$.resolvedAt")))
                .isAfterOrEqualTo(Instant.parse(resolved.string("$.createdAt")));
        assertThat((Object) resolved.json("$.closedAt")).isNull();
        assertThat(reopened.string("$.status")).isEqualTo("open");
        assertThat((Object) reopened.json("$.resolvedAt")).isNull();
    }

    @Test
    void closingStampsClosedAtAndKeepsAnEarlierResolvedAt() {
        long id = newTicket();
        String resolvedAt = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}")
                .string("$.resolvedAt");

        var closed = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"closed\"}");
        var reopened = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"in_progress\"}");

        assertThat(closed.string("$.closedAt")).isNotNull();
        assertThat(closed.string("$.resolvedAt")).isEqualTo(resolvedAt);
        assertThat((Object) reopened.json("$.resolvedAt")).isNull();
        assertThat((Object) reopened.json("$.closedAt")).isNull();
    }

    @Test
    void settingTheSameStatusAgainKeepsResolvedAt() {
        long id = newTicket();
        String resolvedAt = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}")
                .string("$.resolvedAt");

        var again = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");

        assertThat(again.string("$.resolvedAt")).isEqualTo(resolvedAt);
    }

    @Test
    void reopensResolvedTicketOnCustomerReply() {
        var created = newTicketResponse();
        long id = created.id();
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");

        tickets.addCustomerMessage(id, created.number("$.contact.id"), "It broke again", List.of());

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("open");
        assertThat((Object) ticket.json("$.resolvedAt")).isNull();
        var counts = admin().get("/api/v1/tickets");
        assertThat(counts.number("$.counts.open")).isEqualTo(1);
        assertThat(counts.number("$.counts.resolved")).isZero();
    }

    @Test
    void reopensClosedTicketOnCustomerReply() {
        var created = newTicketResponse();
        long id = created.id();
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"closed\"}");

        tickets.addCustomerMessage(id, created.number("$.contact.id"), "Hello again", List.of());

        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.string("$.status")).isEqualTo("open");
        assertThat((Object) ticket.json("$.closedAt")).isNull();
    }

    @Test
    void reopensResolvedTicketOnCollaboratorReply() {
        long id = newTicket();
        long collaborator = admin().post(
                        "/api/v1/tickets/" + id + "/collaborators", "{\"email\": \"colleague@example.com\"}")
                .id();
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");

        tickets.addCustomerMessage(id, collaborator, "Me too", List.of());

        assertThat(admin().get("/api/v1/tickets/" + id).string("$.status")).isEqualTo("open");
    }

    @Test
    void customerReplyLeavesUnfinishedTicketsAsTheyAre() {
        var created = newTicketResponse();
        long id = created.id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"working on it\"}");
        long pending = newTicket();
        admin().patch("/api/v1/tickets/" + pending, "{\"status\": \"pending\"}");

        tickets.addCustomerMessage(id, created.number("$.contact.id"), "thanks", List.of());
        tickets.addCustomerMessage(
                pending,
                admin().get("/api/v1/tickets/" + pending).number("$.contact.id"),
                "here is the info",
                List.of());

        assertThat(admin().get("/api/v1/tickets/" + id).string("$.status")).isEqualTo("in_progress");
        assertThat(admin().get("/api/v1/tickets/" + pending).string("$.status")).isEqualTo("pending");
    }

    @Test
    void customerReplyJoinsTheThreadAsInboundMessage() {
        var created = newTicketResponse();
        long id = created.id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"question?\"}");

        tickets.addCustomerMessage(id, created.number("$.contact.id"), "  answer  ", List.of());

        var messages = admin().get("/api/v1/tickets/" + id + "/messages");
        assertThat((List<String>) messages.json("$[*].direction")).containsExactly("outbound", "inbound");
        assertThat(messages.string("$[1].body")).isEqualTo("answer");
        assertThat(messages.string("$[1].authorEmail")).isEqualTo("customer@example.com");
        assertThat((Boolean) messages.json("$[1].internal")).isFalse();
    }

    @Test
    void refusesCustomerMessagesFromNonParticipants() {
        long id = newTicket();
        long stranger = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"other\", \"contactEmail\": \"stranger@example.com\"}")
                .number("$.contact.id");
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");

        assertThatThrownBy(() -> tickets.addCustomerMessage(id, stranger, "let me in", List.of()))
                .isInstanceOf(NotFoundException.class);
        assertThat(admin().get("/api/v1/tickets/" + id).string("$.status")).isEqualTo("resolved");
        assertThat((List<?>) admin().get("/api/v1/tickets/" + id + "/messages").json("$"))
                .isEmpty();
    }

    private long newTicket() {
        return newTicketResponse().id();
    }

    private Response newTicketResponse() {
        var created = admin().post("/api/v1/tickets", """
                {"subject": "Help", "contactEmail": "customer@example.com", "contactName": "Cus Tomer"}""");
        assertThat(created.status()).isEqualTo(201);
        return created;
    }
}
