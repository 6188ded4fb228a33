package io.postdesk.attachment;

import io.postdesk.shared.Texts;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a thread message says, however it arrived: typed in the dashboard, portal or API ({@link #typed}: the upload
 * policy applies), or received by email ({@link #mailed}: every attachment the sender mailed is kept, inline images
 * included, with the sanitised HTML and the Message-ID).
 *
 * @param visibleText the reply without quoted history and signature
 */
public record MessageContent(
        String body,
        String visibleText,
        @Nullable String bodyHtml,
        @Nullable String emailMessageId,
        List<NewAttachment> attachments,
        boolean typed) {

    public static MessageContent typed(String body, List<NewAttachment> attachments) {
        return new MessageContent(body, body, null, null, attachments, true);
    }

    public static MessageContent mailed(
            String body,
            String visibleText,
            @Nullable String bodyHtml,
            @Nullable String emailMessageId,
            List<NewAttachment> attachments) {
        return new MessageContent(body, visibleText, bodyHtml, emailMessageId, attachments, false);
    }

    /** The longest text a typed message may have; mail is kept whole whatever its length. */
    public static final int MAX_TYPED_TEXT = 100_000;

    /** The text to store: typed text must not be blank; a mail may be only an attachment. */
    public String checkedBody() {
        return typed ? Texts.trimmed(body, "body", MAX_TYPED_TEXT, true) : body.strip();
    }

    /** The visible part to store: for typed text the whole text. */
    public String checkedVisibleText() {
        return typed ? checkedBody() : visibleText.strip();
    }

    public MessageContent withText(String newBody, String newVisibleText) {
        return new MessageContent(newBody, newVisibleText, bodyHtml, emailMessageId, attachments, typed);
    }
}
