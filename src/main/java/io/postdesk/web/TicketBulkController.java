package io.postdesk.web;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk actions on the ticket list: the selected tickets of one page get a status, a priority, an assignee or a tag,
 * or are marked as spam or deleted. Each ticket goes through the same {@link TicketManagement} command as on its own
 * page (so its events still fire); a ticket that fails is named in the result instead of stopping the rest. Spam and
 * delete answer with a confirmation page first.
 */
@Controller
class TicketBulkController {

    /** The most tickets one bulk action takes: more than a list page (25), so one page always fits. */
    static final int MAX_TICKETS = 100;

    private final TicketManagement management;
    private final TicketQueries queries;
    private final StaffDirectory staff;

    TicketBulkController(TicketManagement management, TicketQueries queries, StaffDirectory staff) {
        this.management = management;
        this.queries = queries;
        this.staff = staff;
    }

    /**
     * {@code action} is {@code status:<wire>}, {@code priority:<wire>}, {@code assignee:<id>} ({@code assignee:} to
     * unassign), {@code tag} (with {@code tag}), {@code spam} or {@code delete}; {@code back} is the list URL to return
     * to.
     */
    @PostMapping("/tickets/bulk")
    String apply(
            @RequestParam(required = false) @Nullable List<Long> ids,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(defaultValue = "false") boolean confirm,
            @RequestParam(defaultValue = "/") String back,
            Model model,
            RedirectAttributes redirect) {
        var selected = ids == null ? List.<Long>of() : List.copyOf(new LinkedHashSet<>(ids));
        if (selected.isEmpty()) {
            throw new InvalidInputException("ids", "select at least one ticket");
        }
        if (selected.size() > MAX_TICKETS) {
            throw new InvalidInputException("ids", "at most " + MAX_TICKETS + " tickets at once");
        }
        var bulk = parse(action, tag);
        String returnTo = safeBack(back);
        if (bulk.destructive() && !confirm) {
            model.addAttribute("ids", selected);
            model.addAttribute("action", action);
            model.addAttribute("back", returnTo);
            model.addAttribute(
                    "question",
                    (bulk.kind().equals("delete") ? "Delete " : "Mark as spam ")
                            + count(selected.size())
                            + (bulk.kind().equals("delete")
                                    ? "? Their messages and attachments are removed; this cannot be undone."
                                    : "? Their senders go on the spam list."));
            return "web/tickets/bulk-confirm";
        }
        var done = new ArrayList<Long>();
        var failed = new ArrayList<String>();
        // "id:previous value" of each changed ticket, for the toast's one Undo (status, priority and assignee only).
        var restore = new ArrayList<String>();
        for (long id : selected) {
            try {
                String before = bulk.undoable() ? current(bulk.kind(), id) : null;
                run(bulk, id);
                done.add(id);
                if (before != null && !before.equals(valueOf(bulk))) {
                    restore.add(id + ":" + before);
                }
            } catch (NotFoundException e) {
                failed.add("#" + id + " (not found)");
            } catch (RuntimeException e) {
                if (!(e instanceof InvalidInputException) && !(e instanceof io.postdesk.shared.ConflictException)) {
                    throw e;
                }
                failed.add("#" + id + " (" + e.getMessage() + ")");
            }
        }
        String message = done.isEmpty() ? "No tickets changed." : count(done.size()) + " " + bulk.done() + ".";
        if (!failed.isEmpty()) {
            message += " Not changed: " + String.join(", ", failed) + ".";
        }
        redirect.addFlashAttribute("toast", message);
        if (!restore.isEmpty()) {
            redirect.addFlashAttribute("toastUndo", new Undo(bulk.kind(), valueOf(bulk), restore, returnTo));
        }
        return "redirect:" + returnTo;
    }

    /**
     * What the toast's Undo form posts back: the field, the value the bulk set, and each ticket's previous value.
     * Serializable: flash attributes live in the database-backed session until the redirect is read.
     */
    record Undo(String kind, String set, List<String> restore, String back) implements java.io.Serializable {}

    /**
     * Undoes a bulk status, priority or assignee change: each ticket gets its previous value back, unless it no
     * longer has the value the bulk set (someone changed it since), which the toast names instead of overwriting.
     */
    @PostMapping("/tickets/bulk/undo")
    String undo(
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String set,
            @RequestParam(required = false) @Nullable List<String> restore,
            @RequestParam(defaultValue = "/") String back,
            RedirectAttributes redirect) {
        var entries = restore == null ? List.<String>of() : restore;
        if (!List.of("status", "priority", "assignee").contains(kind)) {
            throw new InvalidInputException("kind", "must be status, priority or assignee");
        }
        if (entries.size() > MAX_TICKETS) {
            throw new InvalidInputException("restore", "at most " + MAX_TICKETS + " tickets at once");
        }
        int undone = 0;
        var skipped = new ArrayList<String>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new InvalidInputException("restore", "must be ticket id:previous value");
            }
            long id = parseTicketId(entry.substring(0, colon));
            String previous = entry.substring(colon + 1);
            try {
                if (!set.equals(current(kind, id))) {
                    skipped.add("#" + id + " (changed since)");
                    continue;
                }
                run(new Bulk(kind, previous.isEmpty() ? null : previous, ""), id);
                undone++;
            } catch (NotFoundException e) {
                skipped.add("#" + id + " (not found)");
            }
        }
        String message =
                undone == 0 ? "Nothing undone." : "Undone: " + count(undone) + " back to the previous " + kind + ".";
        if (!skipped.isEmpty()) {
            message += " Not changed: " + String.join(", ", skipped) + ".";
        }
        redirect.addFlashAttribute("toast", message);
        return "redirect:" + safeBack(back);
    }

    /** The ticket's current value of the field a bulk action sets, in the action's wire form ("" for unassigned). */
    private String current(String kind, long id) {
        var ticket = queries.ticket(id);
        return switch (kind) {
            case "status" -> ticket.status().wire();
            case "priority" -> ticket.priority().wire();
            case "assignee" ->
                ticket.assigneeId() == null ? "" : ticket.assigneeId().toString();
            default -> throw new IllegalStateException(kind);
        };
    }

    private static String valueOf(Bulk bulk) {
        return bulk.value() == null ? "" : bulk.value();
    }

    private static long parseTicketId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("restore", "has no valid ticket id");
        }
    }

    private record Bulk(String kind, @Nullable String value, String done) {
        boolean destructive() {
            return kind.equals("delete") || kind.equals("spam");
        }

        boolean undoable() {
            return kind.equals("status") || kind.equals("priority") || kind.equals("assignee");
        }
    }

    private Bulk parse(String action, @Nullable String tag) {
        int colon = action.indexOf(':');
        String kind = colon < 0 ? action : action.substring(0, colon);
        String value = colon < 0 ? "" : action.substring(colon + 1);
        return switch (kind) {
            case "status" ->
                new Bulk(
                        kind,
                        value,
                        "set to " + TicketStatus.fromWire(value, "action").label());
            case "priority" ->
                new Bulk(
                        kind,
                        value,
                        "set to " + TicketPriority.fromWire(value, "action").wire() + " priority");
            case "assignee" -> {
                if (value.isEmpty()) {
                    yield new Bulk(kind, null, "unassigned");
                }
                long staffId = parseId(value);
                String name = staff.all().stream()
                        .filter(s -> s.id() == staffId)
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException("action", "no such staff member"))
                        .name();
                yield new Bulk(kind, value, "assigned to " + name);
            }
            case "tag" -> {
                if (tag == null || tag.isBlank()) {
                    throw new InvalidInputException("tag", "is required to tag tickets");
                }
                yield new Bulk(kind, tag.strip(), "tagged " + tag.strip());
            }
            case "spam" -> new Bulk(kind, null, "marked as spam");
            case "delete" -> new Bulk(kind, null, "deleted");
            default ->
                throw new InvalidInputException("action", "must be status, priority, assignee, tag, spam or delete");
        };
    }

    private void run(Bulk bulk, long id) {
        switch (bulk.kind()) {
            case "status" ->
                management.change(
                        id, new TicketChanges(TicketStatus.fromWire(bulk.value(), "action"), null, false, null, null));
            case "priority" ->
                management.change(
                        id,
                        new TicketChanges(null, TicketPriority.fromWire(bulk.value(), "action"), false, null, null));
            case "assignee" ->
                management.change(
                        id,
                        new TicketChanges(null, null, true, bulk.value() == null ? null : parseId(bulk.value()), null));
            case "tag" -> {
                var tags = new ArrayList<>(queries.details(id).tags());
                if (!tags.contains(bulk.value())) {
                    tags.add(bulk.value());
                    management.change(id, new TicketChanges(null, null, false, null, tags));
                }
            }
            case "spam" -> management.markSpam(id);
            case "delete" -> management.delete(id);
            default -> throw new IllegalStateException(bulk.kind());
        }
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("action", "has no valid staff id");
        }
    }

    /** Only a path on this site: a crafted {@code back} must not turn the list into an open redirect. */
    static String safeBack(String back) {
        return back.startsWith("/")
                        && !back.startsWith("//")
                        && !back.contains("\\")
                        && !back.contains("\r")
                        && !back.contains("\n")
                ? back
                : "/";
    }

    private static String count(int n) {
        return n + (n == 1 ? " ticket" : " tickets");
    }
}
