package io.postdesk.api;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.order.Order;
import io.postdesk.order.OrderManagement;
import io.postdesk.order.OrderQueries;
import io.postdesk.order.OrderStatus;
import io.postdesk.staff.StaffMember;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Orders and their threads. */
@RestController
@RequestMapping("/api/v1/orders")
class OrderApiController {

    private final OrderManagement management;
    private final OrderQueries queries;
    private final ContactDirectory contacts;

    OrderApiController(OrderManagement management, OrderQueries queries, ContactDirectory contacts) {
        this.management = management;
        this.queries = queries;
        this.contacts = contacts;
    }

    record CreateOrderRequest(
            @Nullable String title,
            @Nullable String contactEmail,
            @Nullable String contactName) {}

    record OrderResponse(
            long id,
            String title,
            String status,
            boolean locked,
            @Nullable PersonResponse contact,
            Instant createdAt,
            Instant updatedAt) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OrderResponse create(@RequestBody CreateOrderRequest request) {
        return response(management.create(
                request.title() == null ? "" : request.title(),
                request.contactEmail() == null ? "" : request.contactEmail(),
                request.contactName()));
    }

    @GetMapping
    List<OrderResponse> list(
            @RequestParam(required = false) @Nullable Long contactId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        return queries.list(contactId, page, size).stream().map(this::response).toList();
    }

    @GetMapping("/{id}")
    OrderResponse get(@PathVariable long id) {
        return response(queries.get(id));
    }

    /** {@code status} (open, completed) and/or {@code locked}. */
    @PatchMapping("/{id}")
    OrderResponse change(@PathVariable long id, @RequestBody @Nullable Map<String, @Nullable Object> body) {
        var patch = new PatchBody(body, Set.of("status", "locked"));
        String status = patch.string("status");
        return response(management.change(
                id, status == null ? null : OrderStatus.fromWire(status, "status"), patch.bool("locked")));
    }

    @GetMapping("/{id}/messages")
    List<MessageResponse> messages(@PathVariable long id) {
        return queries.thread(id, true).stream().map(MessageResponse::of).toList();
    }

    @PostMapping("/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    ReplyResponse reply(
            @PathVariable long id, @RequestBody ReplyRequest request, @AuthenticationPrincipal StaffMember me) {
        var entry = management.reply(
                id,
                me.id(),
                request.body() == null ? "" : request.body(),
                Boolean.TRUE.equals(request.internal()),
                List.of());
        return new ReplyResponse(MessageResponse.of(entry), true);
    }

    private OrderResponse response(Order order) {
        return new OrderResponse(
                order.id(),
                order.title(),
                order.status().wire(),
                order.locked(),
                PersonResponse.of(contacts.findById(order.contactId()).orElse(null)),
                order.createdAt(),
                order.updatedAt());
    }
}
