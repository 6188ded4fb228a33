/**
 * Inbound mail: the raw-first store ({@link io.postdesk.mail.inbound.InboundMails}), the
 * {@link io.postdesk.mail.inbound.InboundPipeline} and its named steps, the channels (the webhook in
 * {@code webhook}), explain and the processed-mail log. Exposed as the named interface {@code inbound} for the
 * dashboard's processed-mail log.
 */
@NamedInterface("inbound")
@NullMarked
package io.postdesk.mail.inbound;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
