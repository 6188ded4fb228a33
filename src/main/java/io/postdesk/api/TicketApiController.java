package io.postdesk.api;

import io.postdesk.faces.Uploads;
import io.postdesk.mail.Deliveries;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.ReplyResult;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketFilter;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import io.postdesk.ticket.TicketStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Tickets, their threads and replies. */
@RestController
@RequestMapping("/api/v1/tickets")
class TicketApiController {

    private static final Set<String> PATCHABLE = Set.of("status", "priority", "assigneeId", "tags");

    private final TicketManagement management;
    private final TicketQueries queries;
    private final Deliveries deliveries;

    TicketApiController(TicketManagement management, TicketQueries queries, Deliveries deliveries) {
        this.management = management;
        this.queries = queries;
        this.deliveries = deliveries;
    }

    @GetMapping
    TicketListResponse list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String priority,
            @RequestParam(required = false) @Nullable Long assigneeId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "false") boolean spam,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + TicketQueries.DEFAULT_PAGE_SIZE) int size,
            @RequestParam(required = false) @Nullable String sort,
            @AuthenticationPrincipal @Nullable StaffMember me) {
        var filter = new TicketFilter(
                        blank(status) ? null : TicketStatus.fromWire(status, "status"),
                        blank(priority) ? null : TicketPriority.fromWire(priority, "priority"),
                        assigneeId,
                        blank(q) ? null : q,
                        spam,
                        false,
                        false,
                        // Newest first unless asked; sort=relevance puts a search's best matches first.
                        blank(sort)
                                ? io.postdesk.ticket.TicketSort.NEWEST
                                : new io.postdesk.ticket.TicketSort(
                                        io.postdesk.ticket.TicketSort.Column.fromWire(sort, "sort"), false))
                .seenBy(me == null ? null : me.id());
        return TicketListResponse.of(queries.list(filter, page, size));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TicketResponse create(@RequestBody CreateTicketRequest request) {
        var ticket = management.open(new NewTicket(
                request.subject() == null ? "" : request.subject(),
                request.description(),
                blank(request.priority()) ? null : TicketPriority.fromWire(request.priority(), "priority"),
                TicketSource.API,
                request.contactName(),
                request.contactEmail(),
                request.assigneeId(),
                request.tags() == null ? List.of() : request.tags()));
        return TicketResponse.of(queries.details(ticket.id()));
    }

    @GetMapping("/{id}")
    TicketResponse get(@PathVariable long id) {
        return TicketResponse.of(queries.details(id))
                .withMergedInto(queries.mergedInto(id).orElse(null));
    }

    /** Partial update: {@code status}, {@code priority}, {@code assigneeId} (null unassigns), {@code tags}. */
    @PatchMapping("/{id}")
    TicketResponse change(@PathVariable long id, @RequestBody @Nullable Map<String, @Nullable Object> body) {
        var patch = new PatchBody(body, PATCHABLE);
        String status = patch.string("status");
        String priority = patch.string("priority");
        if (patch.has("status") && status == null) {
            throw new InvalidInputException("status", "must not be null");
        }
        if (patch.has("priority") && priority == null) {
            throw new InvalidInputException("priority", "must not be null");
        }
        management.change(
                id,
                new TicketChanges(
                        status == null ? null : TicketStatus.fromWire(status, "status"),
                        priority == null ? null : TicketPriority.fromWire(priority, "priority"),
                        patch.has("assigneeId"),
                        patch.number("assigneeId"),
                        patch.has("tags") && patch.strings("tags") == null ? List.of() : patch.strings("tags")));
        return TicketResponse.of(queries.details(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        management.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/messages")
    List<MessageResponse> messages(@PathVariable long id) {
        var thread = queries.thread(id, true);
        var mails = deliveries.forTicketMessages(
                thread.stream().map(e -> e.message().id()).toList());
        return thread.stream()
                .map(e -> MessageResponse.of(e, mails.getOrDefault(e.message().id(), List.of())))
                .toList();
    }

    @PostMapping(path = "/{id}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReplyResponse> reply(
            @PathVariable long id, @RequestBody ReplyRequest request, @AuthenticationPrincipal StaffMember me) {
        return replied(management.reply(
                id, me.id(), nonNull(request.body()), Boolean.TRUE.equals(request.internal()), List.of()));
    }

    @PostMapping(path = "/{id}/replies", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ReplyResponse> replyWithFiles(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String body,
            @RequestParam(defaultValue = "false") boolean internal,
            @RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files,
            @AuthenticationPrincipal StaffMember me) {
        return replied(management.reply(id, me.id(), nonNull(body), internal, Uploads.of(files)));
    }

    @PostMapping("/{id}/spam")
    TicketResponse markSpam(@PathVariable long id) {
        management.markSpam(id);
        return TicketResponse.of(queries.details(id));
    }

    @DeleteMapping("/{id}/spam")
    TicketResponse unmarkSpam(@PathVariable long id) {
        management.unmarkSpam(id);
        return TicketResponse.of(queries.details(id));
    }

    /** Merges this ticket into {@code into} (ADR 0021); answers the target ticket. */
    @PostMapping("/{id}/merge")
    TicketResponse merge(
            @PathVariable long id,
            @RequestBody @Nullable MergeRequest request,
            @AuthenticationPrincipal @Nullable StaffMember me) {
        if (request == null || request.into() == null) {
            throw new InvalidInputException("into", "is required: the number of the ticket to merge into");
        }
        var target = management.merge(id, request.into(), me == null ? null : me.id());
        return TicketResponse.of(queries.details(target.id()));
    }

    /** Splits a customer message off into a new ticket (ADR 0021); answers the new ticket. */
    @PostMapping("/{id}/split")
    @ResponseStatus(HttpStatus.CREATED)
    TicketResponse split(
            @PathVariable long id,
            @RequestBody @Nullable SplitRequest request,
            @AuthenticationPrincipal @Nullable StaffMember me) {
        if (request == null || request.messageId() == null) {
            throw new InvalidInputException("messageId", "is required: the message to split off");
        }
        var created = management.split(id, request.messageId(), request.subject(), me == null ? null : me.id());
        return TicketResponse.of(queries.details(created.id()));
    }

    record MergeRequest(@Nullable Long into) {}

    record SplitRequest(@Nullable Long messageId, @Nullable String subject) {}

    @PostMapping("/{id}/collaborators")
    @ResponseStatus(HttpStatus.CREATED)
    PersonResponse addCollaborator(@PathVariable long id, @RequestBody CollaboratorRequest request) {
        return PersonResponse.of(management.addCollaborator(id, nonNull(request.email()), request.name()));
    }

    @DeleteMapping("/{id}/collaborators/{contactId}")
    ResponseEntity<Void> removeCollaborator(@PathVariable long id, @PathVariable long contactId) {
        management.removeCollaborator(id, contactId);
        return ResponseEntity.noContent().build();
    }

    /** {@code emailSkipped}: no mail was queued (no SMTP, a team note, or no contact email). */
    private ResponseEntity<ReplyResponse> replied(ReplyResult result) {
        long messageId = result.entry().message().id();
        var mails = deliveries.forTicketMessages(List.of(messageId)).getOrDefault(messageId, List.of());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ReplyResponse(MessageResponse.of(result.entry(), mails), mails.isEmpty()));
    }

    record CollaboratorRequest(
            @Nullable String email, @Nullable String name) {}

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
