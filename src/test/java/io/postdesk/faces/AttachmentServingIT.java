package io.postdesk.faces;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.shared.EmailAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;

/**
 * A mailed file keeps the content type its sender chose, so every door that serves files (dashboard, portal, API)
 * must refuse to serve HTML, SVG or script as themselves from Postdesk's own origin.
 */
class AttachmentServingIT extends IntegrationTest {

    private static final String MAIL = """
            From: Mallory <mallory@example.com>\r
            To: help@acme.test\r
            Subject: Files for you\r
            Message-ID: <files-1@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            See attached.\r
            --b\r
            Content-Type: text/html\r
            Content-Disposition: attachment; filename="page.html"\r
            \r
            <script>alert(document.cookie)</script>\r
            --b\r
            Content-Type: image/svg+xml\r
            Content-Disposition: attachment; filename="drawing.svg"\r
            \r
            <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\r
            --b\r
            Content-Type: text/javascript\r
            Content-Disposition: attachment; filename="app.js"\r
            \r
            alert(1)\r
            --b\r
            Content-Type: text/plain; charset=utf-7\r
            Content-Disposition: attachment; filename="notes.txt"\r
            \r
            +ADw-script+AD4-alert(1)+ADw-/script+AD4-\r
            --b\r
            Content-Type: image/png\r
            Content-Disposition: attachment; filename="photo.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            iVBORw0KGgo=\r
            --b\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename="report.pdf"\r
            \r
            %PDF-1.4\r
            --b--\r
            """;

    @Autowired
    ContactDirectory contacts;

    @Autowired
    SignInLinks links;

    private Map<String, Long> ids;

    @BeforeEach
    void mailFiles() {
        admin().put("/api/v1/settings/email", "{\"supportAddress\": \"help@acme.test\"}");
        var delivered = anonymous()
                .postRaw("/api/tickets/inbound-email", "message/rfc822", MAIL.getBytes(StandardCharsets.US_ASCII));
        assertThat(delivered.string("$.outcome")).as(delivered.body()).isEqualTo("created");
        ids = new java.util.HashMap<>();
        jdbc.sql("SELECT id, filename FROM attachments").query(rs -> {
            ids.put(rs.getString("filename"), rs.getLong("id"));
        });
        assertThat(ids).containsKeys("page.html", "drawing.svg", "app.js", "notes.txt", "photo.png", "report.pdf");
    }

    // The stored type keeps no parameters, so the sender's charset (UTF-7 here) never reaches the browser.
    @ParameterizedTest(name = "{0} via {2}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "page.html   | application/octet-stream | api",
                "drawing.svg | application/octet-stream | api",
                "app.js      | application/octet-stream | api",
                "notes.txt   | text/plain               | api",
                "photo.png   | image/png                | api",
                "report.pdf  | application/pdf          | api",
                "page.html   | application/octet-stream | dashboard",
                "drawing.svg | application/octet-stream | dashboard",
                "app.js      | application/octet-stream | dashboard",
                "photo.png   | image/png                | dashboard",
                "page.html   | application/octet-stream | portal",
                "drawing.svg | application/octet-stream | portal",
                "app.js      | application/octet-stream | portal",
                "notes.txt   | text/plain               | portal",
                "photo.png   | image/png                | portal"
            })
    void servesOnlyInertTypesAsThemselvesAndNeverInlineUnlessARasterPreview(
            String filename, String servedType, String door) {
        HttpHeaders headers = door(door).apply(ids.get(filename));

        assertThat(headers.firstValue("Content-Type").orElseThrow()).isEqualTo(servedType);
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        var disposition = ContentDisposition.parse(
                headers.firstValue("Content-Disposition").orElseThrow());
        // Every door here asks for a preview (inline); only the raster image gets one.
        assertThat(disposition.isInline()).isEqualTo(filename.equals("photo.png"));
        assertThat(disposition.isAttachment()).isEqualTo(!filename.equals("photo.png"));
        assertThat(disposition.getFilename()).isEqualTo(filename);
    }

    private Function<Long, HttpHeaders> door(String door) {
        return switch (door) {
            case "api" ->
                id -> admin().get("/api/v1/attachments/" + id + "?inline=true").headers();
            case "dashboard" -> {
                var staff = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
                yield id -> ok(staff.get("/attachments/" + id + "?inline=true"));
            }
            case "portal" -> {
                var customer = new WebSession(port);
                long contactId = contacts.findByEmail(new EmailAddress("mallory@example.com"))
                        .orElseThrow()
                        .id();
                assertThat(customer.get("/portal/sign-in?token="
                                        + links.issue(contactId).token())
                                .statusCode())
                        .isEqualTo(302);
                yield id -> ok(customer.get("/portal/attachments/" + id));
            }
            default -> throw new IllegalArgumentException(door);
        };
    }

    private static HttpHeaders ok(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers();
    }
}
