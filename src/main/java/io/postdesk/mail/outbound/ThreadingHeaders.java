package io.postdesk.mail.outbound;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Message-ID, In-Reply-To and References for every mail Postdesk sends, built in one place so that every mail client
 * shows a ticket as one thread.
 *
 * <ul>
 *   <li>{@code In-Reply-To}: the customer's last message, else the thread root;
 *   <li>{@code References}: the thread root first, then the most recent ids of the thread, at most
 *       {@link #MAX_REFERENCES} in all (RFC 5322 §3.6.4 lets us shorten the chain; keeping the root and the newest
 *       ids is what clients need to thread);
 *   <li>{@code Message-ID}: fresh, on the support domain, naming the ticket and message for humans reading headers.
 * </ul>
 */
public record ThreadingHeaders(String messageId, @Nullable String inReplyTo, List<String> references) {

    static final int MAX_REFERENCES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param threadRoot the Message-ID that started the ticket's thread, if any
     * @param earlier the Message-IDs of the thread's earlier messages, oldest first
     * @param lastFromCustomer the Message-ID of the customer's latest message, if any
     */
    public static ThreadingHeaders forReply(
            String kind,
            long conversationId,
            long messageRowId,
            String domain,
            @Nullable String threadRoot,
            List<String> earlier,
            @Nullable String lastFromCustomer) {
        String id = newMessageId(kind, conversationId, messageRowId, domain);
        String inReplyTo = lastFromCustomer != null ? lastFromCustomer : threadRoot;
        Set<String> chain = new LinkedHashSet<>();
        if (threadRoot != null) {
            chain.add(threadRoot);
        }
        List<String> recent = new ArrayList<>(new LinkedHashSet<>(earlier));
        recent.remove(threadRoot);
        int keep = MAX_REFERENCES - chain.size();
        chain.addAll(recent.subList(Math.max(0, recent.size() - keep), recent.size()));
        if (inReplyTo != null && !chain.contains(inReplyTo)) {
            // The replied-to id must be in References too; drop the oldest non-root id to make room.
            List<String> list = new ArrayList<>(chain);
            if (list.size() >= MAX_REFERENCES) {
                list.remove(threadRoot == null ? 0 : 1);
            }
            list.add(inReplyTo);
            chain = new LinkedHashSet<>(list);
        }
        return new ThreadingHeaders(id, inReplyTo, List.copyOf(chain));
    }

    /** A mail that starts a thread of its own (a notification, a test mail). */
    public static ThreadingHeaders fresh(String kind, long id, String domain) {
        return new ThreadingHeaders(newMessageId(kind, id, 0, domain), null, List.of());
    }

    static String newMessageId(String kind, long conversationId, long messageRowId, String domain) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "<pd." + kind + conversationId + "." + messageRowId + "."
                + HexFormat.of().formatHex(random) + "@" + domain + ">";
    }
}
