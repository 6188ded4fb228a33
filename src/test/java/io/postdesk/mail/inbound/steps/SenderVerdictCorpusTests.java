package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.SenderVerdict;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.settings.SenderVerificationSettings.SenderVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden mails with the Authentication-Results real servers write (Gmail, Rspamd, Postfix milters, Exchange Online,
 * forgeries), each with the verdict it must get when the named server is trusted: {@code mail/corpus/sender}.
 */
class SenderVerdictCorpusTests {

    @Test
    void everyGoldenMailGetsItsVerdict() throws Exception {
        Path dir = Path.of(SenderVerdictCorpusTests.class
                        .getResource("/mail/corpus/sender/verdicts.tsv")
                        .toURI())
                .getParent();
        List<String> lines = Files.readAllLines(dir.resolve("verdicts.tsv"));
        List<String> misses = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            byte[] raw = Files.readAllBytes(dir.resolve(columns[0]));
            ParsedMessage message = ParseMessage.parse(raw, new MailHtml());
            InboundMail mail = InboundMail.dryRun(new InboundDelivery(raw, "test", null, List.of()))
                    .withParsed(message, message.from(), message.text());
            SenderVerdict verdict =
                    VerifySender.verdict(mail, new SenderVerification(List.of(columns[1]), false), false);
            if (!verdict.wire().equals(columns[2])) {
                misses.add(columns[0] + ": expected " + columns[2] + " (" + columns[3] + "), got " + verdict.wire()
                        + ": " + verdict.detail());
            }
        }
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(misses).isEmpty();
    }
}
