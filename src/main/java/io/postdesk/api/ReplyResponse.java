package io.postdesk.api;

/**
 * The message a reply added. {@code emailSkipped} is true when the reply was not emailed to the customer (no SMTP
 * configured, an internal note, or no contact email).
 */
record ReplyResponse(MessageResponse message, boolean emailSkipped) {}
