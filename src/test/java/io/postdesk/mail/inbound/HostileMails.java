package io.postdesk.mail.inbound;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Mails built to hurt: the shapes that once held connections for minutes, overflowed stacks or broke inserts. */
public final class HostileMails {

    private HostileMails() {}

    /** A subject of {@code bytes} bytes of repeated {@code =?}: mime4j's encoded-word decoder is quadratic on it. */
    public static byte[] hugeEncodedWordSubject(String from, int bytes) {
        return mail(
                from, "Subject: " + "=?".repeat(bytes / 2) + "\r\nContent-Type: text/plain\r\n", "slow subject\r\n");
    }

    /** {@code depth} multiparts, each the only part of the one around it, with a line of text at the bottom. */
    public static byte[] deepNesting(String from, int depth) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            body.append("--b")
                    .append(i - 1)
                    .append("\r\nContent-Type: multipart/mixed; boundary=b")
                    .append(i)
                    .append("\r\n\r\n");
        }
        body.append("--b").append(depth - 1).append("\r\nContent-Type: text/plain\r\n\r\nat the bottom\r\n");
        return mail(from, "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n", body.toString());
    }

    /** One multipart with {@code parts} small text parts. */
    public static byte[] manyParts(String from, int parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            body.append("--p\r\nContent-Type: text/plain\r\n\r\npart ")
                    .append(i)
                    .append("\r\n");
        }
        body.append("--p--\r\n");
        return mail(from, "Subject: many parts\r\nContent-Type: multipart/mixed; boundary=p\r\n", body.toString());
    }

    public static byte[] nulInSubject(String from) {
        return mail(from, "Subject: before\u0000after\r\nContent-Type: text/plain\r\n", "nul in the subject\r\n");
    }

    public static byte[] nulInBody(String from) {
        return mail(from, "Subject: nul body\r\nContent-Type: text/plain\r\n", "before\u0000after\r\n");
    }

    /** A human mail with {@code chars} characters of text. */
    public static byte[] longText(String from, int chars) {
        StringBuilder body = new StringBuilder();
        while (body.length() < chars) {
            body.append("All work and no play makes Jack a dull boy.\r\n");
        }
        return mail(from, "Subject: long text\r\nContent-Type: text/plain\r\n", body.toString());
    }

    private static byte[] mail(String from, String headers, String body) {
        return ("From: " + from + "\r\nTo: help@acme.test\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@hostile.example>\r\nMIME-Version: 1.0\r\n" + headers + "\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
