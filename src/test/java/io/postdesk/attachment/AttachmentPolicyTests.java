package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AttachmentPolicyTests {

    private final AttachmentPolicy policy = new AttachmentPolicy(new AttachmentProperties(
            AttachmentProperties.Store.DATABASE,
            Path.of("unused"),
            DataSize.ofMegabytes(10),
            5,
            AttachmentProperties.S3.NONE));

    @Test
    void acceptsTheKindsAHelpdeskNeedsWithTypesDerivedFromTheExtension() {
        List<NewAttachment> checked = policy.check(List.of(
                file("screenshot.PNG", 100, "text/html"), file("report.pdf", 100, "x/y"), file("data.xlsx", 1, "")));

        assertThat(checked)
                .extracting(NewAttachment::contentType)
                .containsExactly(
                        "image/png",
                        "application/pdf",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void rejectsExecutablesAndHtml() {
        assertThatThrownBy(() -> policy.check(List.of(file("setup.exe", 1, "application/pdf"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> policy.check(List.of(file("page.html", 1, "text/plain"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsMoreThanFiveFiles() {
        assertThatThrownBy(() -> policy.check(Collections.nCopies(6, file("a.txt", 1, "text/plain"))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("files"));
    }

    @Test
    void rejectsFilesOverTheLimitAsTooLarge() {
        assertThatThrownBy(() -> policy.check(
                        List.of(file("big.pdf", DataSize.ofMegabytes(10).toBytes() + 1, ""))))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void stripsPathsAndControlCharactersFromFilenames() {
        assertThat(AttachmentPolicy.safeFilename("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentPolicy.safeFilename("C:\\Users\\me\\evil\r\n.txt")).isEqualTo("evil.txt");
        assertThat(AttachmentPolicy.safeFilename("..")).isEqualTo("attachment");
    }

    private static NewAttachment file(String name, long size, String type) {
        return new NewAttachment(name, type, size, () -> new ByteArrayInputStream(new byte[0]));
    }
}
