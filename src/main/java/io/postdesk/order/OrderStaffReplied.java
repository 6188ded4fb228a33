package io.postdesk.order;

/** Staff wrote to the client on an order (not a team note): the message goes out by email. */
public record OrderStaffReplied(long orderId, long messageId, long staffId) {}
