package io.postdesk.mail.outbound;

import java.util.List;

/** A mail ready to send: its envelope and its exact MIME text (7-bit, so it is stored and sent byte for byte). */
public record ComposedMail(
        String envelopeFrom, List<String> recipients, String subject, String messageId, String mime) {}
