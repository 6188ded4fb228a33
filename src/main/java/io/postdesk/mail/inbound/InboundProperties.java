package io.postdesk.mail.inbound;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Inbound mail.
 *
 * @param maxSize the largest mail (or webhook request) accepted; larger ones are answered 413
 * @param memoryBudget the memory all mails being received at once may take ({@link MemoryBudget}); unset, a quarter
 *     of the maximum heap
 * @param memoryWait how long a mail waits for room in the budget before it is answered 503 (SMTP 451)
 * @param readTimeout how long a webhook body may take to arrive, so a slow sender cannot hold the budget
 */
@Validated
@ConfigurationProperties("postdesk.mail.inbound")
public record InboundProperties(
        @DefaultValue("25MB") DataSize maxSize,
        @Nullable DataSize memoryBudget,
        @DefaultValue("2s") Duration memoryWait,
        @DefaultValue("60s") Duration readTimeout) {}
