package io.postdesk.order;

/** A client tried to write on a locked order. */
public class OrderLockedException extends RuntimeException {

    public OrderLockedException(long orderId) {
        super("order " + orderId + " is locked");
    }
}
