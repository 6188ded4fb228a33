package io.postdesk.portal;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import io.postdesk.attachment.MessageContent;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.faces.FileResponses;
import io.postdesk.faces.Uploads;
import io.postdesk.mail.CustomerMail;
import io.postdesk.mail.PublicUrls;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PayloadTooLargeException;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The help-center portal. Every ticket page and file checks that the signed-in customer takes part in the ticket;
 * anything else is "not found", never "forbidden", so ticket numbers reveal nothing. Internal notes are never read
 * here.
 */
@Controller
class PortalController {

    private final TicketQueries tickets;
    private final TicketManagement management;
    private final ContactDirectory contacts;
    private final Attachments attachments;
    private final SignInLinks links;
    private final CustomerMail mail;
    private final PublicUrls urls;
    private final HttpSessionSecurityContextRepository sessions;

    PortalController(
            TicketQueries tickets,
            TicketManagement management,
            ContactDirectory contacts,
            Attachments attachments,
            SignInLinks links,
            CustomerMail mail,
            PublicUrls urls,
            HttpSessionSecurityContextRepository portalSecurityContextRepository) {
        this.tickets = tickets;
        this.management = management;
        this.contacts = contacts;
        this.attachments = attachments;
        this.links = links;
        this.mail = mail;
        this.urls = urls;
        this.sessions = portalSecurityContextRepository;
    }

    @GetMapping("/portal/login")
    String login() {
        return "portal/login";
    }

    /**
     * Mails a one-time sign-in link; says the same whether or not the address is known. The link is built from the
     * configured public URL ({@link PublicUrls}), never from this request's Host header.
     */
    @PostMapping("/portal/sign-in-link")
    String requestLink(@RequestParam(defaultValue = "") String email, Model model) {
        String canonical = email.strip().toLowerCase(Locale.ROOT);
        if (EmailAddress.isValid(canonical)) {
            contacts.findByEmail(new EmailAddress(canonical)).ifPresent(contact -> {
                SignInLinks.Issued issued = links.issue(contact.id());
                mail.sendSignInLink(contact.email(), urls.portalSignIn(issued.token()), issued.fingerprint());
            });
        }
        // The same answer for every address, known or not; only whether mail can go out at all changes it.
        model.addAttribute(mail.canSend() ? "linkSent" : "linkUnavailable", true);
        return "portal/login";
    }

    @GetMapping("/portal/sign-in")
    String signIn(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var contact = links.redeem(token);
        if (contact.isEmpty()) {
            model.addAttribute("linkInvalid", true);
            return "portal/login";
        }
        request.getSession(true);
        request.changeSessionId();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(PortalSecurityConfiguration.authenticated(
                new CustomerPrincipal(contact.get().id(), contact.get().email().value())));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return "redirect:/portal";
    }

    @GetMapping("/portal")
    String myTickets(
            @AuthenticationPrincipal CustomerPrincipal me,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String q,
            jakarta.servlet.http.HttpServletResponse response,
            Model model) {
        model.addAttribute("me", me);
        model.addAttribute("q", q);
        try {
            model.addAttribute("tickets", tickets.forContact(me.contactId(), q, 0, 100));
        } catch (io.postdesk.shared.InvalidInputException e) {
            // A search the customer mistyped: say why next to the search box, not as a server error.
            response.setStatus(400);
            model.addAttribute("tickets", java.util.List.of());
            model.addAttribute("searchProblem", e.getMessage());
        }
        return "portal/tickets";
    }

    @GetMapping("/portal/tickets/new")
    String newTicket(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        return "portal/new-ticket";
    }

    @PostMapping("/portal/tickets")
    String open(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            Model model) {
        try {
            var opened = management.openWithMessage(
                    new NewTicket(subject, description, null, TicketSource.PORTAL, null, me.email(), null, List.of()),
                    MessageContent.typed(description, Uploads.of(files)));
            return "redirect:/portal/tickets/" + opened.ticket().id();
        } catch (InvalidInputException | PayloadTooLargeException e) {
            model.addAttribute("me", me);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("subject", subject);
            model.addAttribute("description", description);
            return "portal/new-ticket";
        }
    }

    @GetMapping("/portal/tickets/{id}")
    String show(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, Model model) {
        visible(me, id);
        model.addAttribute("me", me);
        model.addAttribute("ticket", tickets.details(id));
        model.addAttribute("thread", tickets.thread(id, false));
        // A merged request points the customer to the ticket it went into, only when they may see that one (the
        // merge made them a collaborator there; one removed since sees no link).
        var mergedInto = tickets.mergedInto(id);
        model.addAttribute("merged", mergedInto.isPresent());
        model.addAttribute(
                "mergedInto", mergedInto.filter(into -> maySee(me, into)).orElse(null));
        return "portal/ticket";
    }

    private boolean maySee(CustomerPrincipal me, long ticketId) {
        try {
            visible(me, ticketId);
            return true;
        } catch (NotFoundException hidden) {
            return false;
        }
    }

    @PostMapping("/portal/tickets/{id}/replies")
    String reply(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            Model model) {
        visible(me, id);
        try {
            management.addCustomerMessage(id, me.contactId(), MessageContent.typed(body, Uploads.of(files)));
        } catch (InvalidInputException | PayloadTooLargeException e) {
            model.addAttribute("error", e.getMessage());
            return show(me, id, model);
        }
        // On a merged request the reply went on to the ticket it was merged into: show it there.
        long landed = tickets.mergedInto(id).filter(into -> maySee(me, into)).orElse(id);
        return "redirect:/portal/tickets/" + landed;
    }

    /** A file of a message the customer can see: on their ticket, and never from an internal note. */
    @GetMapping("/portal/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(
            @AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
        Attachment attachment = attachments.get(id);
        Long messageId = attachment.ticketMessageId();
        boolean visible = messageId != null
                && tickets.findVisibleMessage(messageId)
                        .filter(m -> tickets.isParticipant(m.ticketId(), me.contactId()))
                        .isPresent();
        if (!visible) {
            throw new NotFoundException("attachment", id);
        }
        return FileResponses.serve(attachments, attachment, attachment.isImage());
    }

    @GetMapping("/portal/account")
    String account(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        return "portal/account";
    }

    @PostMapping("/portal/account/password")
    String setPassword(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String password,
            Model model) {
        model.addAttribute("me", me);
        try {
            contacts.changePassword(me.contactId(), password);
            model.addAttribute("saved", true);
        } catch (InvalidInputException e) {
            model.addAttribute("error", "Password " + e.getMessage());
        }
        return "portal/account";
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("message", "Not found.");
        return "portal/error";
    }

    /** The customer's view of a thread: what the template needs to tell the customer's own messages apart. */
    static boolean isFromCustomer(ThreadEntry entry) {
        return entry.message().direction() == io.postdesk.shared.Direction.INBOUND;
    }

    private void visible(CustomerPrincipal me, long ticketId) {
        // Unknown and foreign tickets look the same: 404.
        try {
            if (!tickets.isParticipant(ticketId, me.contactId())
                    || tickets.ticket(ticketId).spam()) {
                throw new NotFoundException("ticket", ticketId);
            }
        } catch (NotFoundException e) {
            throw new NotFoundException("ticket", ticketId);
        }
    }
}
