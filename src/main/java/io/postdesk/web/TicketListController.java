package io.postdesk.web;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.SavedFilters;
import io.postdesk.ticket.Ticket;
import io.postdesk.ticket.TicketFilter;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSort;
import io.postdesk.ticket.TicketSource;
import io.postdesk.ticket.TicketStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The ticket list at {@code /}: status buttons with counts, priority filter, search, pages; and Create Ticket. */
@Controller
class TicketListController {

    static final int PAGE_SIZE = 25;

    private final TicketQueries queries;
    private final TicketManagement management;
    private final StaffDirectory staff;
    private final SavedFilters savedFilters;

    TicketListController(
            TicketQueries queries, TicketManagement management, StaffDirectory staff, SavedFilters savedFilters) {
        this.queries = queries;
        this.management = management;
        this.staff = staff;
        this.savedFilters = savedFilters;
    }

    /** The views above the status buttons, by their URL word. */
    static final List<String> VIEWS = List.of("mine", "unassigned", "open", "pending");

    /**
     * The filters of the list as they appear in the URL, so a view can be bookmarked or saved. {@code view} is one of
     * {@link #VIEWS} and excludes {@code status}; {@code sort} is a column ({@code created}, {@code updated},
     * {@code priority}) and {@code dir} {@code asc} or {@code desc} (the default).
     */
    record ListForm(
            @Nullable String status,
            @Nullable String priority,
            @Nullable String q,
            int page,
            boolean spam,
            @Nullable String view,
            @Nullable String sort,
            @Nullable String dir) {

        ListForm {
            if (!blank(view) && !VIEWS.contains(view)) {
                throw new InvalidInputException("view", "must be one of " + String.join(", ", VIEWS));
            }
            if (!blank(view)) {
                status = null;
            }
            if (!blank(dir) && !dir.equals("asc") && !dir.equals("desc")) {
                throw new InvalidInputException("dir", "must be asc or desc");
            }
        }

        public TicketFilter filter(long me) {
            boolean mine = "mine".equals(view);
            boolean unassigned = "unassigned".equals(view);
            return new TicketFilter(
                    "pending".equals(view)
                            ? TicketStatus.PENDING
                            : blank(status) ? null : TicketStatus.fromWire(status, "status"),
                    blank(priority) ? null : TicketPriority.fromWire(priority, "priority"),
                    mine ? me : null,
                    blank(q) ? null : q,
                    spam,
                    unassigned,
                    mine || unassigned || "open".equals(view),
                    sortOrder());
        }

        TicketSort sortOrder() {
            return blank(sort)
                    ? new TicketSort(TicketSort.Column.CREATED, "asc".equals(dir))
                    : new TicketSort(TicketSort.Column.fromWire(sort, "sort"), "asc".equals(dir));
        }

        /** The pager's ticket count: a My tickets or Unassigned total at its count bound reads "1025+ tickets". */
        public String totalShown(io.postdesk.ticket.TicketPage result) {
            boolean bounded = ("mine".equals(view) || "unassigned".equals(view) || ("open".equals(view) && !blank(q)))
                    && result.total() >= TicketQueries.viewBound(result.page(), result.size());
            return result.total() + (bounded ? "+" : "") + (result.total() == 1 ? " ticket" : " tickets");
        }

        /** The column the list is sorted by, as its URL word. */
        public String sortColumn() {
            return sortOrder().column().wire();
        }

        public boolean ascending() {
            return sortOrder().ascending();
        }

        /** The URL that sorts by this column: descending first, then the other way when it is already the sort. */
        public String sortedBy(String column) {
            String nextDir = column.equals(sortColumn()) && !ascending() ? "asc" : null;
            return with("sort", column.equals("created") ? null : column, "dir", nextDir);
        }

        /** The aria-sort value of a column header. */
        public String ariaSort(String column) {
            return column.equals(sortColumn()) ? (ascending() ? "ascending" : "descending") : "none";
        }

        /** The list URL with these filters and one parameter changed. */
        public String with(String name, @Nullable Object value) {
            return with(name, value, "", null);
        }

        /**
         * The list URL with these filters and up to two parameters changed. A status clears the view and a view the
         * status; a filter change goes back to the first page.
         */
        public String with(String name, @Nullable Object value, String name2, @Nullable Object value2) {
            var changes = new java.util.HashMap<String, @Nullable Object>();
            changes.put(name, value);
            changes.put(name2, value2);
            var url = org.springframework.web.util.UriComponentsBuilder.fromPath("/");
            Object viewValue =
                    changes.containsKey("view") ? changes.get("view") : (changes.containsKey("status") ? null : view);
            Object statusValue = changes.containsKey("status")
                    ? changes.get("status")
                    : (changes.containsKey("view") ? null : status);
            put(url, "view", viewValue);
            put(url, "status", statusValue);
            put(url, "priority", changes.containsKey("priority") ? changes.get("priority") : priority);
            put(url, "q", changes.containsKey("q") ? changes.get("q") : q);
            put(url, "spam", changes.containsKey("spam") ? changes.get("spam") : (spam ? "true" : null));
            put(url, "sort", changes.containsKey("sort") ? changes.get("sort") : sort);
            put(url, "dir", changes.containsKey("dir") ? changes.get("dir") : dir);
            boolean refiltered = changes.containsKey("status")
                    || changes.containsKey("priority")
                    || changes.containsKey("view")
                    || changes.containsKey("sort")
                    || changes.containsKey("dir");
            Object pageValue = changes.containsKey("page") ? changes.get("page") : (refiltered ? null : page);
            put(url, "page", pageValue == null || Integer.valueOf(0).equals(pageValue) ? null : pageValue);
            return url.build().encode().toUriString();
        }

        private static void put(
                org.springframework.web.util.UriComponentsBuilder url, String name, @Nullable Object value) {
            if (value != null && !value.toString().isBlank()) {
                url.queryParam(name, value);
            }
        }
    }

    /** The Create Ticket form, with the seed document's fields. */
    record CreateTicketForm(
            @Nullable String subject,
            @Nullable String description,
            @Nullable String priority,
            @Nullable Long assigneeId,
            @Nullable String contactName,
            @Nullable String contactEmail) {

        static CreateTicketForm empty() {
            return new CreateTicketForm(null, null, "medium", null, null, null);
        }

        /** Every problem of the form at once, by field, in words for people (the rules are the API's). */
        java.util.Map<String, String> problems() {
            var problems = new java.util.LinkedHashMap<String, String>();
            if (blank(subject)) {
                problems.put("subject", "Subject is required.");
            } else if (subject.strip().length() > 255) {
                problems.put("subject", "Subject is longer than 255 characters.");
            }
            if (contactName != null && contactName.strip().length() > 200) {
                problems.put("contactName", "Contact name is longer than 200 characters.");
            }
            if (!blank(contactEmail)
                    && !io.postdesk.shared.EmailAddress.isValid(
                            contactEmail.strip().toLowerCase(java.util.Locale.ROOT))) {
                problems.put("contactEmail", "Contact email is not a valid email address.");
            } else if (blank(contactEmail) && !blank(contactName)) {
                problems.put("contactEmail", "Contact email is needed when a contact name is given.");
            }
            return problems;
        }
    }

    /** The field names of the form, as its labels say them, for a rule the form itself does not check. */
    private static final java.util.Map<String, String> LABELS = java.util.Map.of(
            "subject", "Subject",
            "description", "Description",
            "priority", "Priority",
            "assigneeId", "Assignee",
            "contactName", "Contact name",
            "contactEmail", "Contact email");

    @GetMapping("/")
    String list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String priority,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "false") boolean spam,
            @RequestParam(required = false) @Nullable String view,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String dir,
            @RequestParam(required = false) @Nullable String deleted,
            @RequestParam(required = false) @Nullable String markedSpam,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            @AuthenticationPrincipal StaffMember me,
            Model model) {
        var form = new ListForm(status, priority, q, Math.max(page, 0), spam, view, sort, dir);
        model.addAttribute("form", form);
        model.addAttribute("result", queries.list(form.filter(me.id()).seenBy(me.id()), form.page(), PAGE_SIZE));
        model.addAttribute("views", queries.viewCounts(me.id()));
        model.addAttribute("savedFilters", savedFilters.of(me.id()));
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", TicketPriority.values());
        // The bulk bar's assignee choices are part of the refreshed results too.
        model.addAttribute("staff", staff.all());
        if (htmx != null) {
            return "web/tickets/list :: results";
        }
        model.addAttribute("create", CreateTicketForm.empty());
        // After a delete or spam on the ticket page: the toast names only a ticket number, never other words of the
        // URL.
        if (!model.containsAttribute("toast") && deleted != null && deleted.matches("[0-9]{1,18}")) {
            model.addAttribute("toast", "Ticket #" + deleted + " was deleted.");
        } else if (!model.containsAttribute("toast") && markedSpam != null && markedSpam.matches("[0-9]{1,18}")) {
            model.addAttribute(
                    "toast", "Ticket #" + markedSpam + " was marked as spam; its sender is on the spam list.");
        }
        return "web/tickets/list";
    }

    /** Saves the list as it is now (its URL without the page) under a name; the same name again replaces it. */
    @PostMapping("/saved-filters")
    String saveFilter(
            @AuthenticationPrincipal StaffMember me,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "/") String url,
            HttpServletRequest request,
            HttpServletResponse response) {
        var saved = savedFilters.save(me.id(), name, url);
        return Navigation.redirect(saved.url(), request, response);
    }

    @PostMapping("/saved-filters/{id}/delete")
    String deleteFilter(
            @AuthenticationPrincipal StaffMember me,
            @org.springframework.web.bind.annotation.PathVariable long id,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!savedFilters.delete(me.id(), id)) {
            throw new io.postdesk.shared.NotFoundException("saved filter", id);
        }
        return Navigation.redirect("/", request, response);
    }

    @PostMapping("/tickets")
    String create(
            @ModelAttribute CreateTicketForm create,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        var problems = create.problems();
        if (!problems.isEmpty()) {
            return refused(create, problems, model, response);
        }
        try {
            Ticket ticket = management.open(new NewTicket(
                    create.subject() == null ? "" : create.subject(),
                    create.description(),
                    create.priority() == null || create.priority().isBlank()
                            ? null
                            : TicketPriority.fromWire(create.priority(), "priority"),
                    TicketSource.ADMIN,
                    create.contactName(),
                    create.contactEmail(),
                    create.assigneeId(),
                    List.of()));
            return Navigation.redirect("/tickets/" + ticket.id(), request, response);
        } catch (InvalidInputException e) {
            String field = LABELS.containsKey(e.field()) ? e.field() : "subject";
            return refused(
                    create,
                    java.util.Map.of(field, LABELS.getOrDefault(e.field(), "This") + " " + e.getMessage() + "."),
                    model,
                    response);
        }
    }

    /** 422 so htmx swaps the form back in, each message next to its field. */
    private String refused(
            CreateTicketForm create,
            java.util.Map<String, String> problems,
            Model model,
            HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("create", create);
        model.addAttribute("problems", problems);
        model.addAttribute("staff", staff.all());
        model.addAttribute("priorities", TicketPriority.values());
        return "web/tickets/list :: createForm";
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
