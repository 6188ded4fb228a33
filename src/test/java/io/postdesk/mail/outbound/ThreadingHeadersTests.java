package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThreadingHeadersTests {

    @Test
    void repliesToTheCustomersLastMessageAndKeepsTheRootFirst() {
        var headers = ThreadingHeaders.forReply(
                "t",
                7,
                30,
                "acme.test",
                "<root@acme.test>",
                List.of("<root@acme.test>", "<a@example.com>", "<b@acme.test>"),
                "<a@example.com>");

        assertThat(headers.inReplyTo()).isEqualTo("<a@example.com>");
        assertThat(headers.references()).containsExactly("<root@acme.test>", "<a@example.com>", "<b@acme.test>");
        assertThat(headers.messageId()).matches("<pd\\.t7\\.30\\.[0-9a-f]{16}@acme\\.test>");
    }

    @Test
    void repliesToTheRootWhenTheCustomerNeverWrote() {
        var headers = ThreadingHeaders.forReply("t", 7, 30, "acme.test", "<root@acme.test>", List.of(), null);

        assertThat(headers.inReplyTo()).isEqualTo("<root@acme.test>");
        assertThat(headers.references()).containsExactly("<root@acme.test>");
    }

    @Test
    void boundsReferencesToTheRootAndTheNewestIds() {
        List<String> earlier =
                IntStream.range(0, 50).mapToObj(i -> "<m" + i + "@x>").toList();

        var headers = ThreadingHeaders.forReply("t", 7, 99, "acme.test", "<root@acme.test>", earlier, "<m20@x>");

        assertThat(headers.references()).hasSize(ThreadingHeaders.MAX_REFERENCES);
        assertThat(headers.references().getFirst()).isEqualTo("<root@acme.test>");
        assertThat(headers.references()).contains("<m49@x>", "<m20@x>");
    }

    @Test
    void startsAThreadWithoutReferences() {
        var headers = ThreadingHeaders.forReply("t", 7, 1, "acme.test", null, List.of(), null);

        assertThat(headers.inReplyTo()).isNull();
        assertThat(headers.references()).isEmpty();
    }

    @Test
    void messageIdsAreUnique() {
        assertThat(ThreadingHeaders.newMessageId("t", 1, 1, "a.test"))
                .isNotEqualTo(ThreadingHeaders.newMessageId("t", 1, 1, "a.test"));
    }
}
