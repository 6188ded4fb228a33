/**
 * Files attached to ticket and order messages. Metadata lives in the database; the bytes live once each in a
 * content-addressed store under the data dir ({@code attachments/ab/cd/<sha256>}), so a file mailed twice is stored
 * once. {@link io.postdesk.attachment.Attachments} is the module's API; {@link io.postdesk.attachment.AttachmentPolicy}
 * holds the limits for uploads.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.attachment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
