package io.postdesk.order;

import io.postdesk.attachment.Attachment;
import java.util.List;

/** A message of an order's thread with its attachments. */
public record OrderEntry(OrderMessage message, List<Attachment> attachments) {}
