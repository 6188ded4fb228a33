package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.ApiClient.Response;
import io.postdesk.IntegrationTest;
import io.postdesk.order.OrderLockedException;
import io.postdesk.order.OrderManagement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Orders and their thread over {@code /api/v1/orders}; locking blocks the client, never staff. */
class OrderApiIT extends IntegrationTest {

    @Autowired
    OrderManagement orders;

    @Test
    void createsOpenUnlockedOrderForAContact() {
        var created = admin().post("/api/v1/orders", """
                {"title": "  Website redesign ", "contactEmail": "Client@Example.com", "contactName": "Cli Ent"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.id()).isPositive();
        assertThat(created.string("$.title")).isEqualTo("Website redesign");
        assertThat(created.string("$.status")).isEqualTo("open");
        assertThat((Boolean) created.json("$.locked")).isFalse();
        assertThat(created.string("$.contact.email")).isEqualTo("client@example.com");
        assertThat(created.string("$.contact.name")).isEqualTo("Cli Ent");
        assertThat(admin().get("/api/v1/contacts?email=client@example.com").number("$[0].id"))
                .isEqualTo(created.number("$.contact.id"));
    }

    @Test
    void rejectsInvalidOrders() {
        assertBadField(
                admin().post("/api/v1/orders", "{\"title\": \" \", \"contactEmail\": \"c@example.com\"}"), "title");
        assertBadField(
                admin().post("/api/v1/orders", "{\"title\": \"T\", \"contactEmail\": \"nope\"}"), "contactEmail");
        assertBadField(admin().post("/api/v1/orders", "{\"title\": \"T\"}"), "contactEmail");
        assertBadField(
                admin().post("/api/v1/orders", "{\"title\": \"a\\nb\", \"contactEmail\": \"c@example.com\"}"), "title");
        assertProblem(admin().post("/api/v1/orders", "{\"title\": "), 400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single())
                .isZero();
    }

    @Test
    void getsAndListsOrdersNewestFirst() {
        long first = newOrder("first", "one@example.com").id();
        long second = newOrder("second", "two@example.com").id();
        long contactId = admin().get("/api/v1/orders/" + first).number("$.contact.id");

        var one = admin().get("/api/v1/orders/" + first);
        var all = admin().get("/api/v1/orders");
        var ofContact = admin().get("/api/v1/orders?contactId=" + contactId);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.string("$.title")).isEqualTo("first");
        assertThat(((List<Number>) all.json("$[*].id")).stream().map(Number::longValue))
                .containsExactly(second, first);
        assertThat(((List<Number>) ofContact.json("$[*].id")).stream().map(Number::longValue))
                .containsExactly(first);
    }

    @Test
    void completesAndLocksAnOrder() {
        long id = newOrder("Job", "client@example.com").id();

        var changed = admin().patch("/api/v1/orders/" + id, "{\"status\": \"completed\", \"locked\": true}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.string("$.status")).isEqualTo("completed");
        assertThat((Boolean) changed.json("$.locked")).isTrue();
        var reread = admin().get("/api/v1/orders/" + id);
        assertThat(reread.string("$.status")).isEqualTo("completed");
        assertThat((Boolean) reread.json("$.locked")).isTrue();
    }

    @Test
    void changesOnlyTheGivenFields() {
        long id = newOrder("Job", "client@example.com").id();
        admin().patch("/api/v1/orders/" + id, "{\"locked\": true}");

        var reopened = admin().patch("/api/v1/orders/" + id, "{\"status\": \"open\"}");

        assertThat(reopened.string("$.status")).isEqualTo("open");
        assertThat((Boolean) reopened.json("$.locked")).isTrue();
    }

    @Test
    void rejectsBadOrderChanges() {
        long id = newOrder("Job", "client@example.com").id();

        assertBadField(admin().patch("/api/v1/orders/" + id, "{\"status\": \"shipped\"}"), "status");
        assertBadField(admin().patch("/api/v1/orders/" + id, "{\"locked\": \"yes\"}"), "locked");
        assertBadField(admin().patch("/api/v1/orders/" + id, "{\"title\": \"renamed\"}"), "title");
        var unchanged = admin().get("/api/v1/orders/" + id);
        assertThat(unchanged.string("$.status")).isEqualTo("open");
        assertThat((Boolean) unchanged.json("$.locked")).isFalse();
    }

    @Test
    void answersNotFoundForUnknownOrder() {
        assertProblem(admin().get("/api/v1/orders/999999"), 404);
        assertProblem(admin().patch("/api/v1/orders/999999", "{\"status\": \"completed\"}"), 404);
        assertProblem(admin().get("/api/v1/orders/999999/messages"), 404);
        assertProblem(admin().post("/api/v1/orders/999999/replies", "{\"body\": \"hi\"}"), 404);
    }

    @Test
    void staffMayStillReplyOnALockedOrder() {
        long id = newOrder("Job", "client@example.com").id();
        admin().patch("/api/v1/orders/" + id, "{\"status\": \"completed\", \"locked\": true}");

        var reply = admin().post("/api/v1/orders/" + id + "/replies", "{\"body\": \" Final invoice attached. \"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.string("$.message.body")).isEqualTo("Final invoice attached.");
        assertThat(reply.string("$.message.direction")).isEqualTo("outbound");
        assertThat(reply.string("$.message.authorEmail")).isEqualTo(ADMIN_EMAIL);
        assertThat((Boolean) reply.json("$.emailSkipped")).isTrue();
    }

    @Test
    void rejectsEmptyOrderReply() {
        long id = newOrder("Job", "client@example.com").id();

        assertBadField(admin().post("/api/v1/orders/" + id + "/replies", "{\"body\": \"  \"}"), "body");
    }

    @Test
    void listsOrderMessagesOldestFirstInTheShapeOfTicketMessages() {
        long orderId = newOrder("Job", "client@example.com").id();
        admin().post("/api/v1/orders/" + orderId + "/replies", "{\"body\": \"first\"}");
        admin().post("/api/v1/orders/" + orderId + "/replies", "{\"body\": \"note\", \"internal\": true}");
        long ticketId = admin().post("/api/v1/tickets", "{\"subject\": \"T\"}").id();
        admin().post("/api/v1/tickets/" + ticketId + "/replies", "{\"body\": \"ticket reply\"}");

        var messages = admin().get("/api/v1/orders/" + orderId + "/messages");
        var ticketMessages = admin().get("/api/v1/tickets/" + ticketId + "/messages");

        assertThat(messages.status()).isEqualTo(200);
        assertThat((List<String>) messages.json("$[*].body")).containsExactly("first", "note");
        assertThat((List<Boolean>) messages.json("$[*].internal")).containsExactly(false, true);
        assertThat(((Map<String, Object>) messages.json("$[0]")).keySet())
                .isEqualTo(((Map<String, Object>) ticketMessages.json("$[0]")).keySet());
    }

    @Test
    void lockedOrderRefusesClientMessagesUntilUnlocked() {
        var created = newOrder("Job", "client@example.com");
        long id = created.id();
        long clientId = created.number("$.contact.id");
        admin().patch("/api/v1/orders/" + id, "{\"status\": \"completed\", \"locked\": true}");

        assertThatThrownBy(() -> orders.addClientMessage(id, clientId, "one more thing", List.of()))
                .isInstanceOf(OrderLockedException.class);
        assertThat((List<?>) admin().get("/api/v1/orders/" + id + "/messages").json("$"))
                .isEmpty();

        admin().patch("/api/v1/orders/" + id, "{\"locked\": false}");
        orders.addClientMessage(id, clientId, "one more thing", List.of());

        var messages = admin().get("/api/v1/orders/" + id + "/messages");
        assertThat((List<String>) messages.json("$[*].direction")).containsExactly("inbound");
        assertThat(messages.string("$[0].authorEmail")).isEqualTo("client@example.com");
    }

    private Response newOrder(String title, String email) {
        var created =
                admin().post("/api/v1/orders", "{\"title\": \"" + title + "\", \"contactEmail\": \"" + email + "\"}");
        assertThat(created.status()).as("order %s", created).isEqualTo(201);
        return created;
    }
}
