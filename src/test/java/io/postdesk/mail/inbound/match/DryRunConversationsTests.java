package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.shared.EmailAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunConversationsTests {

    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final DryRunConversations dryRun = new DryRunConversations(orders);

    @Test
    void findsAndAdmitsLikeTheRealPort() {
        orders.threads.put("<o3@postdesk>", 3L);
        orders.admission = new Conversations.Admission.Locked();

        assertThat(dryRun.findByThreadMessageId("<o3@postdesk>")).contains(3L);
        assertThat(dryRun.admit(3, mail())).isInstanceOf(Conversations.Admission.Locked.class);
    }

    @Test
    void writesNothingAndTellsNobody() {
        MessageContent content = MessageContent.mailed("hi", "hi", null, null, List.of());

        var appended = dryRun.appendFromCustomer(3, new MailAddress(null, new EmailAddress("c@x.test")), content);

        assertThat(dryRun.tellLocked(3, mail())).isFalse();
        assertThat(orders.writes).isEmpty();
        assertThat(appended.applied().orderId()).isEqualTo(3L);
        assertThat(appended.applied().messageId()).isNull();
        assertThat(appended.detail()).isEqualTo("would add a customer message to order #3");
    }

    private static InboundMail mail() {
        return parsed(TestMails.from("c@x.test"));
    }
}
