/**
 * Inbound mail: the door every channel uses ({@link io.postdesk.mail.inbound.InboundMails}), the one runner and its
 * list of steps ({@link io.postdesk.mail.inbound.InboundPipeline}; the steps in {@code steps}, the conversation match
 * and the conversation port in {@code match}), the raw store, claims and the processed-mail log, explain, and the
 * channels ({@code webhook}, {@code mailbox}, {@code smtp}). Exposed as the named interface {@code inbound} for the
 * dashboard's processed-mail log.
 */
@NamedInterface("inbound")
@NullMarked
package io.postdesk.mail.inbound;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
