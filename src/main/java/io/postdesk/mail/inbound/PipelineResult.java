package io.postdesk.mail.inbound;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a mail ended: the outcome and reason, what it became, and the whole trace. */
public record PipelineResult(
        Outcome outcome,
        @Nullable String reason,
        StepResult.@Nullable Applied applied,
        InboundMail mail,
        List<StepTrace> steps) {}
