package io.postdesk.mail.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds raw RFC 5322 mails for tests, one header at a time. */
public final class TestMails {

    private final List<String> headers = new ArrayList<>();
    private String body = "Hello,\r\n\r\nmy printer is on fire.\r\n";

    private TestMails() {}

    public static TestMails from(String from) {
        return new TestMails()
                .header("From", from)
                .header("To", "help@acme.test")
                .header("Subject", "Printer on fire")
                .header("Date", "Sun, 22 Nov 2026 10:00:00 +0000")
                .header("Message-ID", "<" + UUID.randomUUID() + "@example.com>");
    }

    public TestMails header(String name, String value) {
        headers.removeIf(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        headers.add(name + ": " + value);
        return this;
    }

    /** Leaves the header out altogether (e.g. a mail with no From). */
    public TestMails without(String name) {
        headers.removeIf(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        return this;
    }

    /** Adds one more header of that name, keeping those already there (e.g. several Authentication-Results). */
    public TestMails also(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    public TestMails body(String text) {
        this.body = text.replace("\r\n", "\n").replace("\n", "\r\n");
        return this;
    }

    public String messageId() {
        return headers.stream()
                .filter(h -> h.startsWith("Message-ID: "))
                .map(h -> h.substring("Message-ID: ".length()))
                .findFirst()
                .orElseThrow();
    }

    public byte[] bytes() {
        return (String.join("\r\n", headers)
                        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }
}
