package io.postdesk.mail.inbound;

/** One line of a mail's trace: the step, its verdict (continue, or the outcome it stopped with), the detail, the time. */
public record StepTrace(String step, String verdict, String detail, long micros) {}
