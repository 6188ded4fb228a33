/**
 * MIME: the bounded mime4j parser ({@link io.postdesk.mail.mime.MimeParser}) and what it yields
 * ({@link io.postdesk.mail.mime.ParsedMessage}, {@link io.postdesk.mail.mime.MailAddress}), the quoted-reply split,
 * HTML sanitising, UTF-7 as a charset, and text cleaned for storage. No Spring beyond the two components, no I/O.
 * Exposed as the named interface {@code mime} for the dashboard, which shows sanitised mail HTML.
 */
@NamedInterface("mime")
@NullMarked
package io.postdesk.mail.mime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
