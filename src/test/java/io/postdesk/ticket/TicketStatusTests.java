package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TicketStatusTests {

    @Test
    void labelsEveryStatusAsPeopleReadIt() {
        assertThat(Arrays.stream(TicketStatus.values()).map(TicketStatus::label))
                .containsExactly("Open", "In Progress", "Pending", "Resolved", "Closed");
    }
}
