package io.postdesk.faces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileResponsesTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/png | image/png",
                "IMAGE/JPEG | image/jpeg",
                "image/gif; name=a.gif | image/gif",
                "image/webp | image/webp",
                "application/pdf | application/pdf",
                "text/plain | text/plain",
                "text/plain; charset=ISO-8859-1 | text/plain;charset=ISO-8859-1",
                "text/plain; charset=utf-7 | application/octet-stream",
                "text/plain; charset=no-such-charset | application/octet-stream",
                "text/html | application/octet-stream",
                "image/svg+xml | application/octet-stream",
                "text/javascript | application/octet-stream",
                "application/xhtml+xml | application/octet-stream",
                "text/xml | application/octet-stream",
                "text/csv | application/octet-stream",
                "multipart/mixed | application/octet-stream",
                "not a type | application/octet-stream",
                "' ' | application/octet-stream"
            })
    void servesOnlyInertTypesAsThemselves(String declared, String served) {
        assertThat(FileResponses.servedType(declared).toString()).isEqualTo(served);
    }
}
