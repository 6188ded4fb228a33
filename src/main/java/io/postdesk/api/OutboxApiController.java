package io.postdesk.api;

import io.postdesk.mail.Deliveries;
import io.postdesk.mail.Delivery;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outgoing mail queue: what was sent, what waits, what failed; failed mail can be retried. */
@RestController
@RequestMapping("/api/v1/outbox")
class OutboxApiController {

    private static final Set<String> STATUSES = Set.of("pending", "sending", "sent", "failed", "bounced");

    private final Deliveries deliveries;

    OutboxApiController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    List<Delivery> list(
            @RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "50") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new io.postdesk.shared.InvalidInputException("status", "must be one of " + STATUSES);
        }
        return deliveries.list(status, limit);
    }

    @GetMapping("/{id}")
    Delivery get(@PathVariable long id) {
        return deliveries.get(id);
    }

    @PostMapping("/{id}/retry")
    Delivery retry(@PathVariable long id) {
        return deliveries.retry(id);
    }
}
