package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormFieldsTests {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private static FormFields parse(String body) throws IOException {
        return FormFields.multipart(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), TYPE);
    }

    @Test
    void readsFieldsAndFilesFromTheStreamKeepingTheExactBytes() throws IOException {
        var form = parse("""
                --XyZ\r
                Content-Disposition: form-data; name="email"\r
                \r
                From: a@example.com\r
                Subject: caf\u00e9\r
                \r
                body\r
                --XyZ\r
                Content-Disposition: form-data; name="to"\r
                \r
                support@acme.test\r
                --XyZ\r
                Content-Disposition: form-data; name="attachment1"; filename="a.bin"\r
                Content-Type: application/octet-stream\r
                \r
                \u0001\u00ff\r
                --XyZ--\r
                """);

        assertThat(form.firstBytes("email"))
                .isEqualTo(
                        "From: a@example.com\r\nSubject: caf\u00e9\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(form.first("to")).isEqualTo("support@acme.test");
        assertThat(form.files()).singleElement().satisfies(file -> {
            assertThat(file.field()).isEqualTo("attachment1");
            assertThat(file.filename()).isEqualTo("a.bin");
            assertThat(file.contentType()).isEqualTo("application/octet-stream");
            assertThat(file.content()).containsExactly(1, 0xff);
        });
    }

    @Test
    void keepsAFieldThatIsAMessageWholeAndIgnoresPartsNestedInAField() throws IOException {
        var form = parse("""
                --XyZ\r
                Content-Disposition: form-data; name="email"\r
                Content-Type: message/rfc822\r
                \r
                Subject: inner\r
                \r
                text\r
                --XyZ\r
                Content-Disposition: form-data; name="nested"\r
                Content-Type: multipart/mixed; boundary=In\r
                \r
                --In\r
                Content-Disposition: form-data; name="smuggled"\r
                \r
                no\r
                --In--\r
                --XyZ--\r
                """);

        assertThat(form.first("email")).isEqualTo("Subject: inner\r\n\r\ntext");
        assertThat(form.has("smuggled")).isFalse();
    }

    @Test
    void refusesABodyThatIsNotMultipart() {
        assertThatThrownBy(() -> FormFields.multipart(
                        new ByteArrayInputStream("just text".getBytes(StandardCharsets.US_ASCII)), "text/plain"))
                .isInstanceOf(IOException.class);
    }
}
