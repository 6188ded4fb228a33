package io.postdesk.ticket;

import io.postdesk.attachment.Attachment;
import java.util.List;

/** A message of a thread with its attachments. */
public record ThreadEntry(TicketMessage message, List<Attachment> attachments) {}
