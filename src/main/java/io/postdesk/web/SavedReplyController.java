package io.postdesk.web;

import io.postdesk.settings.SavedReplies;
import io.postdesk.settings.SavedReply;
import io.postdesk.shared.ConflictException;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketQueries;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Saved replies: Settings → Saved replies (admins add, edit and delete them) and the composer's picker (agents), which
 * inserts one with its placeholders filled from the ticket, its contact and the signed-in agent.
 */
@Controller
class SavedReplyController {

    private static final String LIST = "web/settings/saved-replies :: savedReplies";

    private final SavedReplies replies;
    private final TicketQueries tickets;

    SavedReplyController(SavedReplies replies, TicketQueries tickets) {
        this.replies = replies;
        this.tickets = tickets;
    }

    @GetMapping("/settings/saved-replies")
    String page(Model model) {
        model.addAttribute("savedReplies", replies.all());
        model.addAttribute("placeholders", SavedReply.PLACEHOLDERS);
        return "web/settings/saved-replies";
    }

    /** A refused saved reply (empty, too long, name taken) is a form error: 422, which htmx swaps in. */
    @PostMapping("/settings/saved-replies")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String body,
            HttpServletResponse response,
            Model model) {
        try {
            replies.create(name, body);
            model.addAttribute("savedReplyNotice", "Saved reply added.");
            Toasts.show(response, "Saved reply added.");
        } catch (InvalidInputException e) {
            refuse(response, model, e.field(), e.getMessage(), name, body);
        } catch (ConflictException e) {
            refuse(response, model, e.field(), e.getMessage(), name, body);
        }
        return list(model);
    }

    @PostMapping("/settings/saved-replies/{id}")
    String update(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String body,
            HttpServletResponse response,
            Model model) {
        try {
            replies.update(id, name, body);
            model.addAttribute("savedReplyNotice", "Saved.");
            Toasts.show(response, "Saved reply saved.");
        } catch (InvalidInputException e) {
            refuse(response, model, e.field(), e.getMessage(), null, null);
        } catch (ConflictException e) {
            refuse(response, model, e.field(), e.getMessage(), null, null);
        }
        return list(model);
    }

    @PostMapping("/settings/saved-replies/{id}/delete")
    String delete(@PathVariable long id, Model model) {
        replies.delete(id);
        model.addAttribute("savedReplyNotice", "Saved reply deleted.");
        Toasts.show("Saved reply deleted.");
        return list(model);
    }

    /** The composer's picker, loaded with the ticket page; empty when there is nothing to pick. */
    @GetMapping("/tickets/{id}/saved-replies")
    String picker(@PathVariable long id, Model model) {
        model.addAttribute("ticketId", id);
        model.addAttribute("savedReplies", replies.all());
        return "web/tickets/saved-replies :: picker";
    }

    /**
     * Answers with the composer's textarea: what the agent had typed, then the chosen reply with its placeholders
     * filled. The server fills them so names never pass through the page's script.
     */
    @PostMapping("/tickets/{id}/saved-replies/insert")
    String insert(
            @AuthenticationPrincipal StaffMember me,
            @PathVariable long id,
            @RequestParam(required = false) Long savedReply,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        String text = body;
        if (savedReply != null) {
            String filled = replies.get(savedReply).fill(values(tickets.details(id), me));
            text = body.isBlank() ? filled : body.stripTrailing() + "\n\n" + filled;
        }
        model.addAttribute("composerText", text);
        model.addAttribute("ticketId", id);
        model.addAttribute("savedReplies", replies.all());
        model.addAttribute("pickerOob", true);
        return "web/tickets/saved-replies :: inserted";
    }

    /** A contact without a name is greeted by address rather than with a gap. */
    static Map<String, String> values(TicketDetails ticket, StaffMember agent) {
        var contact = ticket.contact();
        String contactEmail = contact == null ? "" : contact.email().value();
        String contactName = contact == null
                ? ""
                : contact.name() == null || contact.name().isBlank() ? contactEmail : contact.name();
        return Map.of(
                "contact.name", contactName,
                "contact.email", contactEmail,
                "ticket.id", Long.toString(ticket.ticket().id()),
                "ticket.subject", ticket.ticket().subject(),
                "agent.name", agent.name());
    }

    private static void refuse(
            HttpServletResponse response,
            Model model,
            String field,
            String message,
            @Nullable String name,
            @Nullable String body) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(
                "savedReplyError", Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + message);
        model.addAttribute("draftName", name);
        model.addAttribute("draftBody", body);
    }

    private String list(Model model) {
        model.addAttribute("savedReplies", replies.all());
        model.addAttribute("placeholders", SavedReply.PLACEHOLDERS);
        return LIST;
    }
}
