package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** SendGrid's and Mailgun's sender checks, written as one Authentication-Results value. */
class ProviderVerdictsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void sendgridSpfWithTheEnvelopeSenderAndEachDkimSignature() {
        var form = form(Map.of(
                "SPF", "pass",
                "dkim", "{@customer.test : pass, @esp.test : fail}",
                "envelope", "{\"to\":[\"help@acme.test\"],\"from\":\"bounce@customer.test\"}"));

        assertThat(ProviderVerdicts.sendgrid(form, json))
                .isEqualTo("sendgrid; spf=pass smtp.mailfrom=bounce@customer.test; dkim=pass header.d=customer.test;"
                        + " dkim=fail header.d=esp.test");
    }

    @Test
    void sendgridWithoutChecksReportsNothing() {
        assertThat(ProviderVerdicts.sendgrid(form(Map.of("from", "a@b.test")), json))
                .isNull();
    }

    @Test
    void valuesASenderCouldShapeCannotAddResults() {
        var form = form(Map.of(
                "SPF", "fail; dmarc=pass",
                "envelope", "{\"from\":\"x@y.test; dmarc=pass\"}",
                "dkim", "{@a.test; dmarc=pass : pass}"));

        String verdict = ProviderVerdicts.sendgrid(form, json);

        assertThat(verdict).isEqualTo("sendgrid; spf=fail").doesNotContain("dmarc");
    }

    @Test
    void mailgunFieldsAndHeadersWhereANonPassWins() {
        var form = form(Map.of("X-Mailgun-Spf", "Pass", "sender", "Bounce <bounce@customer.test>"));
        var headers = List.of(
                new ParsedFields.Header("X-Mailgun-Spf", "SoftFail"),
                new ParsedFields.Header("X-Mailgun-Dkim-Check-Result", "Pass"));

        assertThat(ProviderVerdicts.mailgun(form, headers, null))
                .isEqualTo("mailgun; spf=softfail smtp.mailfrom=bounce@customer.test; dkim=pass");
    }

    @Test
    void mailgunRawMimeHeaders() {
        byte[] mime = ("X-Mailgun-Spf: Pass\r\nX-Mailgun-Dkim-Check-Result:\r\n Fail\r\nFrom: a@customer.test\r\n\r\n"
                        + "X-Mailgun-Spf: Fail (in the body, not a header)\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(ProviderVerdicts.mailgun(form(Map.of("sender", "a@customer.test")), List.of(), mime))
                .isEqualTo("mailgun; spf=pass smtp.mailfrom=a@customer.test; dkim=fail");
    }

    private static FormFields form(Map<String, String> fields) {
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        fields.forEach(
                (k, v) -> values.computeIfAbsent(k, n -> new ArrayList<>()).add(v.getBytes(StandardCharsets.UTF_8)));
        return new FormFields(values, List.of());
    }
}
