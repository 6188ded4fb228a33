/**
 * The built-in SMTP listener (SPEC §2, channel 3; off by default): an MTA hands mail straight to Postdesk, which
 * answers 250 only once the exact bytes are stored, and 451 (try again later) when they cannot be.
 */
@NullMarked
package io.postdesk.mail.inbound.smtp;

import org.jspecify.annotations.NullMarked;
