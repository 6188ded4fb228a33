/**
 * The named steps of the {@link io.postdesk.mail.inbound.InboundPipeline}, one class each, in the order the pipeline
 * lists them. A step reads an immutable {@link io.postdesk.mail.inbound.InboundMail} and answers a verdict; it never
 * knows where it sits in the chain.
 */
@NullMarked
package io.postdesk.mail.inbound.steps;

import org.jspecify.annotations.NullMarked;
