package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The list's views, sort orders and saved filters against the database (H2 and PostgreSQL passes). */
class TicketViewsIT extends IntegrationTest {

    @Autowired
    TicketQueries queries;

    @Autowired
    TicketManagement management;

    @Autowired
    SavedFilters savedFilters;

    @Test
    void viewsFilterAndCountAndEveryColumnSortsBothWays() {
        long me = adminId();
        long urgentMine = open("Urgent mine", "urgent");
        admin().patch("/api/v1/tickets/" + urgentMine, "{\"assigneeId\": " + me + "}");
        long low = open("Low nobody", "low");
        long high = open("High pending", "high");
        admin().patch("/api/v1/tickets/" + high, "{\"status\": \"pending\"}");
        long resolvedMine = open("Resolved mine", "medium");
        admin().patch("/api/v1/tickets/" + resolvedMine, "{\"assigneeId\": " + me + ", \"status\": \"resolved\"}");

        assertThat(queries.viewCounts(me)).isEqualTo(new ViewCounts(1, 2, 3, 1));
        assertThat(ids(view(me, false, true, null, TicketSort.NEWEST))).containsExactly(urgentMine);
        var unassigned = queries.list(view(null, true, true, null, TicketSort.NEWEST), 0, 25);
        assertThat(ids(unassigned)).containsExactly(high, low);
        assertThat(unassigned.total()).isEqualTo(2);
        assertThat(unassigned.counts().all())
                .as("the status buttons stay helpdesk-wide")
                .isEqualTo(4);
        var open = queries.list(view(null, false, true, null, TicketSort.NEWEST), 0, 25);
        assertThat(open.total()).isEqualTo(3);
        assertThat(ids(queries.list(view(null, false, true, "high", TicketSort.NEWEST), 0, 25)))
                .as("a view with a search")
                .containsExactly(high);

        var priority = new TicketSort(TicketSort.Column.PRIORITY, false);
        assertThat(ids(view(null, false, false, null, priority))).containsExactly(urgentMine, high, resolvedMine, low);
        assertThat(ids(view(null, false, false, null, new TicketSort(TicketSort.Column.PRIORITY, true))))
                .containsExactly(low, resolvedMine, high, urgentMine);
        assertThat(ids(view(null, false, false, null, new TicketSort(TicketSort.Column.CREATED, true))))
                .containsExactly(urgentMine, low, high, resolvedMine);
        admin().patch("/api/v1/tickets/" + low, "{\"priority\": \"urgent\"}");
        assertThat(ids(view(null, false, false, null, new TicketSort(TicketSort.Column.UPDATED, false)))
                        .getFirst())
                .isEqualTo(low);
        assertThat(ids(view(null, false, false, null, priority)).subList(0, 2))
                .as("the rank follows a priority change")
                .containsExactlyInAnyOrder(urgentMine, low);

        jdbc.sql("UPDATE tickets SET priority_rank = 0").update();
        management.recount();
        assertThat(ids(view(null, false, false, null, priority)).getLast())
                .as("recount re-derives the rank after a bulk import")
                .isEqualTo(resolvedMine);
    }

    @Test
    void savedFiltersArePersonalReplaceByNameAndLeadOnlyToTheList() {
        long me = adminId();
        long other = createStaff("Other", "other@example.com", "agent");
        var saved = savedFilters.save(me, " Urgent open ", "/?view=open&sort=priority");
        assertThat(saved.name()).isEqualTo("Urgent open");
        savedFilters.save(me, "Urgent open", "/?view=open&sort=priority&dir=asc");
        assertThat(savedFilters.of(me))
                .extracting(SavedFilters.SavedFilter::url)
                .containsExactly("/?view=open&sort=priority&dir=asc");
        assertThat(savedFilters.of(other)).isEmpty();
        assertThat(savedFilters.delete(other, saved.id())).isFalse();
        assertThat(savedFilters.of(me)).hasSize(1);

        for (String url : List.of(
                "//evil.example/",
                "/\\evil.example",
                "https://evil.example/",
                "/settings",
                "/?q=<script>",
                "javascript:alert(1)")) {
            assertThatThrownBy(() -> savedFilters.save(me, "Bad", url))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> savedFilters.save(me, " ", "/")).isInstanceOf(InvalidInputException.class);
        for (int i = 1; i < SavedFilters.MAX_PER_AGENT; i++) {
            savedFilters.save(me, "Filter " + i, "/?page=" + i);
        }
        assertThatThrownBy(() -> savedFilters.save(me, "One too many", "/")).isInstanceOf(InvalidInputException.class);
        assertThat(savedFilters.delete(me, saved.id())).isTrue();
    }

    private TicketFilter view(Long assignee, boolean unassigned, boolean unsolved, String query, TicketSort sort) {
        return new TicketFilter(null, null, assignee, query, false, unassigned, unsolved, sort);
    }

    private List<Long> ids(TicketFilter filter) {
        return ids(queries.list(filter, 0, 25));
    }

    private static List<Long> ids(TicketPage page) {
        return page.items().stream().map(d -> d.ticket().id()).toList();
    }

    private long open(String subject, String priority) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"priority\": \"" + priority + "\"}")
                .id();
    }
}
