package io.postdesk.api;

import io.postdesk.spam.SpamEntry;
import io.postdesk.spam.SpamList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The spam list: {@code a@b.com} or {@code *@b.com}. Admins add and remove entries. */
@RestController
@RequestMapping("/api/v1/spam-list")
class SpamListApiController {

    private final SpamList spamList;

    SpamListApiController(SpamList spamList) {
        this.spamList = spamList;
    }

    record SpamEntryRequest(@Nullable String entry) {}

    @GetMapping
    List<SpamEntry> list() {
        return spamList.entries();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SpamEntryRequest add(@RequestBody SpamEntryRequest request) {
        return new SpamEntryRequest(spamList.list(request.entry() == null ? "" : request.entry()));
    }

    @DeleteMapping("/{entry}")
    ResponseEntity<Void> remove(@PathVariable String entry) {
        spamList.unlist(entry);
        return ResponseEntity.noContent().build();
    }
}
