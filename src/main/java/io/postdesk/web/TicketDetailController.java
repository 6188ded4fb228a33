package io.postdesk.web;

import io.postdesk.attachment.Attachment;
import io.postdesk.contact.SignInLinks;
import io.postdesk.faces.Uploads;
import io.postdesk.mail.Deliveries;
import io.postdesk.mail.Delivery;
import io.postdesk.mail.PublicUrls;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.staff.PresenceState;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.TicketPresence;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * One ticket: the sidebar (status, priority and assignee save on change; tags; collaborators; spam; delete) and the
 * thread with the reply composer. Each htmx action answers with the fragment it changed.
 */
@Controller
class TicketDetailController {

    private final TicketQueries queries;
    private final TicketManagement management;
    private final StaffDirectory staff;
    private final Deliveries deliveries;
    private final MailHtml html;

    private final SignInLinks links;
    private final PublicUrls urls;
    private final TicketPresence presence;

    TicketDetailController(
            TicketQueries queries,
            TicketManagement management,
            StaffDirectory staff,
            Deliveries deliveries,
            MailHtml html,
            SignInLinks links,
            PublicUrls urls,
            TicketPresence presence) {
        this.queries = queries;
        this.management = management;
        this.staff = staff;
        this.deliveries = deliveries;
        this.html = html;
        this.links = links;
        this.urls = urls;
        this.presence = presence;
    }

    /**
     * A thread entry as the page shows it, with the mails it caused.
     *
     * @param displayHtml the mail's HTML as {@link MailHtml#render} left it (the allow-list ran last), or null for a
     *     plain-text message
     * @param listedAttachments the attachments not already shown as inline images inside the HTML
     */
    record MessageView(
            ThreadEntry entry,
            List<Delivery> deliveries,
            @Nullable String displayHtml,
            List<Attachment> listedAttachments) {

        static MessageView of(ThreadEntry entry, List<Delivery> deliveries, MailHtml html) {
            String stored = entry.message().bodyHtml();
            if (stored == null) {
                return new MessageView(entry, deliveries, null, entry.attachments());
            }
            MailHtml.Rendered rendered = html.render(
                    stored,
                    entry.attachments(),
                    a -> "/attachments/" + a.id() + "?inline=true",
                    a -> "/attachments/" + a.id());
            return new MessageView(
                    entry,
                    deliveries,
                    rendered.html(),
                    entry.attachments().stream()
                            .filter(a -> !rendered.inlineImageIds().contains(a.id()))
                            .toList());
        }

        public boolean isEmailSkipped() {
            var m = entry.message();
            return !m.internal() && m.direction() == io.postdesk.shared.Direction.OUTBOUND && deliveries.isEmpty();
        }

        public boolean hasQuotedHistory() {
            return !entry.message()
                    .visibleText()
                    .strip()
                    .equals(entry.message().body().strip());
        }
    }

    @GetMapping("/tickets/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal StaffMember me, Model model) {
        sidebar(id, model);
        thread(id, model);
        model.addAttribute("present", presence.report(id, me.id(), PresenceState.VIEWING));
        return "web/tickets/detail";
    }

    /**
     * The collision notice: the page polls here every few seconds with what its agent is doing ({@code viewing}, or
     * {@code replying} while they type in the composer) and gets back the colleagues on the same ticket, never
     * themselves. A POST, since it writes; CSRF applies as to every dashboard form.
     */
    /**
     * The ticket page's one live channel, polled every few seconds: the collision notice always, and when the ticket
     * changed since the page's {@code seen} (a customer reply, a colleague's change) the fresh thread and sidebar out
     * of band, so the status dropdown never shows a state the ticket left. One primary-key read when nothing changed.
     */
    @PostMapping("/tickets/{id}/presence")
    String presence(
            @PathVariable long id,
            @RequestParam(defaultValue = "viewing") String state,
            @RequestParam(required = false) @Nullable String seen,
            @AuthenticationPrincipal StaffMember me,
            Model model) {
        model.addAttribute("ticketId", id);
        model.addAttribute("present", presence.report(id, me.id(), PresenceState.fromWire(state)));
        if (seen != null && !seen.isBlank()) {
            var current = queries.ticket(id);
            if (!seen.equals(current.updatedAt().toString())) {
                model.addAttribute("sidebarOob", true);
                model.addAttribute("threadOob", true);
                model.addAttribute(
                        "sidebarNotice",
                        "Updated just now: this ticket is " + current.status().label() + ".");
                sidebar(id, model);
                thread(id, model);
                return "web/tickets/replied :: live";
            }
        }
        return "web/tickets/detail :: presence";
    }

    @GetMapping("/tickets/{id}/thread")
    String threadFragment(@PathVariable long id, Model model) {
        thread(id, model);
        return "web/tickets/detail :: thread";
    }

    /**
     * The sidebar's three selects. Each post carries {@code seen}, the ticket's last change as the page showed it: if
     * the ticket changed since (the customer reopened it, a colleague assigned it), nothing is saved and the fresh
     * sidebar comes back with a 409 and a notice, so an agent never saves over a state they did not see.
     */
    @PostMapping("/tickets/{id}/status")
    String status(
            @PathVariable long id,
            @RequestParam String status,
            @RequestParam(required = false) @Nullable String seen,
            HttpServletResponse response,
            Model model) {
        TicketStatus chosen = TicketStatus.fromWire(status, "status");
        TicketStatus before = queries.details(id).ticket().status();
        String view = changeSeen(
                id,
                seen,
                new TicketChanges(chosen, null, false, null, null),
                "Status set to " + chosen.label() + ".",
                response,
                model);
        if (response.getStatus() < 300 && before != chosen) {
            Toasts.undoable(
                    response,
                    "Status set to " + chosen.label() + ".",
                    "/tickets/" + id + "/status",
                    java.util.Map.of("status", before.wire()));
        }
        return view;
    }

    @PostMapping("/tickets/{id}/priority")
    String priority(
            @PathVariable long id,
            @RequestParam String priority,
            @RequestParam(required = false) @Nullable String seen,
            HttpServletResponse response,
            Model model) {
        TicketPriority chosen = TicketPriority.fromWire(priority, "priority");
        TicketPriority before = queries.details(id).ticket().priority();
        String view = changeSeen(
                id,
                seen,
                new TicketChanges(null, chosen, false, null, null),
                "Priority set to " + chosen.wire() + ".",
                response,
                model);
        if (response.getStatus() < 300 && before != chosen) {
            Toasts.undoable(
                    response,
                    "Priority set to " + chosen.wire() + ".",
                    "/tickets/" + id + "/priority",
                    java.util.Map.of("priority", before.wire()));
        }
        return view;
    }

    @PostMapping("/tickets/{id}/assignee")
    String assignee(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long assigneeId,
            @RequestParam(required = false) @Nullable String seen,
            HttpServletResponse response,
            Model model) {
        String notice = assigneeId == null
                ? "Unassigned."
                : staff.all().stream()
                        .filter(s -> s.id() == assigneeId)
                        .findFirst()
                        .map(s -> "Assigned to " + s.name() + ".")
                        .orElse("Assigned.");
        Long before = queries.details(id).ticket().assigneeId();
        String view =
                changeSeen(id, seen, new TicketChanges(null, null, true, assigneeId, null), notice, response, model);
        if (response.getStatus() < 300 && !java.util.Objects.equals(before, assigneeId)) {
            Toasts.undoable(
                    response,
                    notice,
                    "/tickets/" + id + "/assignee",
                    java.util.Map.of("assigneeId", before == null ? "" : before.toString()));
        }
        return view;
    }

    private String changeSeen(
            long id,
            @Nullable String seen,
            TicketChanges changes,
            String notice,
            HttpServletResponse response,
            Model model) {
        var current = queries.details(id).ticket();
        if (seen != null && !seen.isBlank() && !seen.equals(current.updatedAt().toString())) {
            response.setStatus(409);
            response.setHeader(STALE_HEADER, "true");
            model.addAttribute("sidebarStale", true);
            model.addAttribute(
                    "sidebarNotice",
                    "This ticket changed while you had it open (it is "
                            + current.status().label() + " now). Nothing was saved: check it and choose again.");
            return sidebar(id, model);
        }
        management.change(id, changes);
        model.addAttribute("sidebarNotice", notice);
        return sidebar(id, model);
    }

    /** Marks a sidebar answered 409 because the page was stale; the page swaps it in like a success. */
    static final String STALE_HEADER = "X-Postdesk-Stale";

    @PostMapping("/tickets/{id}/tags")
    String addTag(@PathVariable long id, @RequestParam String tag, Model model) {
        var tags = new java.util.ArrayList<>(queries.details(id).tags());
        tags.add(tag);
        management.change(id, new TicketChanges(null, null, false, null, tags));
        Toasts.show("Tagged " + tag.strip() + ".");
        return sidebar(id, model);
    }

    @PostMapping("/tickets/{id}/tags/remove")
    String removeTag(@PathVariable long id, @RequestParam String tag, Model model) {
        var tags =
                queries.details(id).tags().stream().filter(t -> !t.equals(tag)).toList();
        management.change(id, new TicketChanges(null, null, false, null, tags));
        Toasts.show("Tag " + tag + " removed.");
        return sidebar(id, model);
    }

    /**
     * A single-use portal sign-in link for the ticket's contact, shown in the sidebar to hand over (when no SMTP is
     * configured, or the customer cannot find the mail). Built from the configured public URL, never the Host header.
     */
    @PostMapping("/tickets/{id}/portal-link")
    String portalLink(@PathVariable long id, Model model) {
        var contact = queries.details(id).contact();
        if (contact == null) {
            throw new io.postdesk.shared.ConflictException("contact", "ticket " + id + " has no contact");
        }
        SignInLinks.Issued issued = links.issue(contact.id());
        model.addAttribute("portalLink", new PortalLink(urls.portalSignIn(issued.token()), issued.expiresAt()));
        Toasts.show("Portal sign-in link created: copy it below.");
        return sidebar(id, model);
    }

    record PortalLink(String url, java.time.Instant expiresAt) {}

    @PostMapping("/tickets/{id}/collaborators")
    String addCollaborator(@PathVariable long id, @RequestParam String email, Model model) {
        management.addCollaborator(id, email, null);
        Toasts.show("Collaborator added.");
        return sidebar(id, model);
    }

    @PostMapping("/tickets/{id}/spam")
    String markSpam(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) {
        management.markSpam(id);
        return Navigation.redirect("/?markedSpam=" + id, request, response);
    }

    /**
     * Takes a spam ticket back into the views, as {@code DELETE /api/v1/tickets/{id}/spam} does. The sender stays on
     * the spam list (it may be a domain rule shared by other senders); the toast says where to remove it.
     */
    @PostMapping("/tickets/{id}/not-spam")
    String notSpam(@PathVariable long id, HttpServletResponse response, Model model) {
        management.unmarkSpam(id);
        Toasts.show(
                response,
                "Not spam: ticket #" + id
                        + " is back in the views. Its sender stays on the spam list (Settings → Spam).");
        return sidebar(id, model);
    }

    @PostMapping("/tickets/{id}/delete")
    String delete(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) {
        management.delete(id);
        return Navigation.redirect("/?deleted=" + id, request, response);
    }

    /** The composer: a reply (or a team note) with up to five files; answers with the thread and the sidebar. */
    @PostMapping("/tickets/{id}/replies")
    String reply(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "false") boolean internal,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @AuthenticationPrincipal StaffMember me,
            Model model) {
        management.reply(id, me.id(), body, internal, Uploads.of(files));
        // The reply may move the ticket to In Progress and assign it: the sidebar comes along out of band.
        model.addAttribute("sidebarOob", true);
        sidebar(id, model);
        thread(id, model);
        return "web/tickets/replied :: replied";
    }

    /**
     * The merge dialog's candidates: the ticket with that number, or up to five tickets a search finds (not spam, not
     * this one), each as a preview line "#12 Refund for order 77 — Jane" to pick.
     */
    @GetMapping("/tickets/{id}/merge-candidates")
    String mergeCandidates(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String find,
            @AuthenticationPrincipal StaffMember me,
            Model model) {
        String q = find.strip().replaceFirst("^#", "");
        List<io.postdesk.ticket.TicketDetails> found = List.of();
        if (q.matches("\\d{1,18}")) {
            try {
                found = List.of(queries.details(Long.parseLong(q)));
            } catch (io.postdesk.shared.NotFoundException unknown) {
                found = List.of();
            }
        } else if (!q.isBlank()) {
            found = queries.list(new io.postdesk.ticket.TicketFilter(null, null, null, q, false).seenBy(me.id()), 0, 6)
                    .items();
        }
        model.addAttribute("ticketId", id);
        model.addAttribute(
                "candidates",
                found.stream()
                        .filter(c -> c.ticket().id() != id && !c.ticket().spam())
                        .limit(5)
                        .toList());
        model.addAttribute("searched", !q.isBlank());
        return "web/tickets/detail :: merge-candidates";
    }

    /** Merges this ticket into the one picked; the agent lands on the target, told so by a toast. */
    @PostMapping("/tickets/{id}/merge")
    String merge(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long into,
            @AuthenticationPrincipal StaffMember me,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (into == null) {
            redirect.addFlashAttribute("toast", "Pick the ticket to merge into.");
            return "redirect:/tickets/" + id;
        }
        try {
            management.merge(id, into, me.id());
        } catch (io.postdesk.shared.InvalidInputException | io.postdesk.shared.ConflictException refused) {
            redirect.addFlashAttribute("toast", "Not merged: " + refused.getMessage() + ".");
            return "redirect:/tickets/" + id;
        }
        redirect.addFlashAttribute("toast", "Merged #" + id + " into this ticket.");
        return "redirect:/tickets/" + into;
    }

    /** Splits a customer message off into a new ticket; the agent lands on it, told so by a toast. */
    @PostMapping("/tickets/{id}/split")
    String split(
            @PathVariable long id,
            @RequestParam long messageId,
            @RequestParam(required = false) @Nullable String subject,
            @AuthenticationPrincipal StaffMember me,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        io.postdesk.ticket.Ticket created;
        try {
            created = management.split(id, messageId, subject, me.id());
        } catch (io.postdesk.shared.InvalidInputException | io.postdesk.shared.ConflictException refused) {
            redirect.addFlashAttribute("toast", "Not split: " + refused.getMessage() + ".");
            return "redirect:/tickets/" + id;
        }
        redirect.addFlashAttribute("toast", "Split from #" + id + " into this new ticket.");
        return "redirect:/tickets/" + created.id();
    }

    @PostMapping("/outbox/{mailId}/retry")
    String retry(@PathVariable long mailId, Model model) {
        Delivery delivery = deliveries.retry(mailId);
        thread(delivery.ticketId(), model);
        return "web/tickets/detail :: thread";
    }

    private String sidebar(long id, Model model) {
        model.addAttribute("ticket", queries.details(id));
        model.addAttribute("mergedInto", queries.mergedInto(id).orElse(null));
        model.addAttribute("staff", staff.all());
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", TicketPriority.values());
        return "web/tickets/detail :: sidebar";
    }

    /** The people a thread's messages come from, by address: staff and the ticket's contacts, by name. */
    private Map<String, String> authorNames(long id) {
        Map<String, String> names = new java.util.HashMap<>();
        var details = queries.details(id);
        java.util.stream.Stream.concat(
                        java.util.stream.Stream.ofNullable(details.contact()), details.collaborators().stream())
                .filter(c -> c.name() != null && !c.name().isBlank())
                .forEach(c -> names.put(c.email().value(), c.name()));
        staff.all().forEach(member -> names.put(member.email().value(), member.name()));
        return names;
    }

    private void thread(long id, Model model) {
        List<ThreadEntry> thread = queries.thread(id, true);
        Map<Long, List<Delivery>> mails = deliveries.forTicketMessages(
                thread.stream().map(e -> e.message().id()).toList());
        model.addAttribute("ticketId", id);
        // The thread polls on its own only while a mail it caused is still on its way (its state is shown).
        model.addAttribute(
                "threadPending",
                mails.values().stream()
                        .flatMap(List::stream)
                        .anyMatch(
                                d -> d.status().equals("pending") || d.status().equals("sending")));
        model.addAttribute("authors", authorNames(id));
        List<MessageView> views = thread.stream()
                .map(e -> MessageView.of(e, mails.getOrDefault(e.message().id(), List.of()), html))
                .toList();
        model.addAttribute("messages", views);
        // Messages and system entries (merged, split) in one time order; an entry goes after a message of its time.
        List<ThreadItem> timeline = new java.util.ArrayList<>();
        views.forEach(v -> timeline.add(new ThreadItem(v, null)));
        queries.links(id).forEach(link -> timeline.add(new ThreadItem(null, link)));
        timeline.sort(java.util.Comparator.comparing(ThreadItem::at).thenComparing(item -> item.link() != null));
        model.addAttribute("timeline", timeline);
    }

    /** One item of the thread as shown: a message, or a system entry that links another ticket. */
    record ThreadItem(@Nullable MessageView view, io.postdesk.ticket.@Nullable TicketLink link) {
        java.time.Instant at() {
            return view != null
                    ? view.entry().message().createdAt()
                    : java.util.Objects.requireNonNull(link).createdAt();
        }
    }
}
