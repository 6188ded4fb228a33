/**
 * A client's orders and the conversation on each. A completed order can be locked: clients can no longer write on
 * it (their mail is rejected with a notice), while staff still can. {@link io.postdesk.order.OrderManagement} holds
 * the commands, {@link io.postdesk.order.OrderQueries} the reads.
 */
@ApplicationModule(allowedDependencies = {"shared", "contact", "staff", "attachment"})
@NullMarked
package io.postdesk.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
