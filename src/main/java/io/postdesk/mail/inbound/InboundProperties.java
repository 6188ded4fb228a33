package io.postdesk.mail.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Inbound mail.
 *
 * @param maxSize the largest mail (or webhook request) accepted; larger ones are answered 413
 */
@Validated
@ConfigurationProperties("postdesk.mail.inbound")
public record InboundProperties(@DefaultValue("25MB") DataSize maxSize) {}
