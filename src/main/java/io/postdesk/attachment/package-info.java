/**
 * Files attached to ticket and order messages. Metadata lives in the database; the bytes live once each, keyed by
 * their SHA-256, in the configured store: the database (default), an S3-compatible bucket or a directory under the
 * data dir (docs/adr/0015, 0023), so a file mailed twice is stored once. {@link io.postdesk.attachment.Attachments} is
 * the module's API; {@link io.postdesk.attachment.AttachmentPolicy} holds the limits for uploads; {@link
 * io.postdesk.attachment.AttachmentMove} is the command that moves bytes between stores.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.attachment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
