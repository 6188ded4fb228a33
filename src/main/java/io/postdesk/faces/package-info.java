/**
 * What the HTTP faces ({@code api}, {@code web}, {@code portal}) share about files, so each does it one way: turning
 * multipart uploads into {@link io.postdesk.attachment.NewAttachment}s ({@link io.postdesk.faces.Uploads}) and serving
 * a stored attachment safely ({@link io.postdesk.faces.FileResponses}). No controllers, no business rules.
 */
@ApplicationModule(allowedDependencies = {"shared", "attachment"})
@NullMarked
package io.postdesk.faces;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
