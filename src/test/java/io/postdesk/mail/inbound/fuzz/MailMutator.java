package io.postdesk.mail.inbound.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Mutates real mails the way the internet does, reproducibly: the same seed and index give the same bytes. Each
 * mutant gets a fresh Message-ID first (so it is processed, not answered {@code duplicate}), then one to three
 * mutations: bit flips, NUL bytes, truncation, duplicated or huge headers, deep nesting, damaged boundaries, charset
 * lies, base64 garbage.
 */
public final class MailMutator {

    /** One named mutation; the name goes into a failure's message so it can be read, the seed makes it repeat. */
    public record Mutation(String name, BiFunction<byte[], Random, byte[]> apply) {}

    public record Mutant(int index, String base, List<String> mutations, byte[] bytes) {
        public String describe(long seed) {
            return "mutant #" + index + " of " + base + " by " + mutations + " (reproduce with -Dpostdesk.fuzz.seed="
                    + seed + ", index " + index + ")";
        }
    }

    static final List<Mutation> MUTATIONS = List.of(
            new Mutation("bit_flips", MailMutator::flipBits),
            new Mutation("nul_bytes", MailMutator::insertNuls),
            new Mutation(
                    "nul_in_subject",
                    (raw, rnd) -> replaceHeader(raw, "Subject", "broken\u0000subject " + rnd.nextInt())),
            new Mutation("truncation", (raw, rnd) -> Arrays.copyOf(raw, rnd.nextInt(Math.max(1, raw.length)))),
            new Mutation("duplicate_headers", MailMutator::duplicateHeaders),
            new Mutation("huge_header", MailMutator::hugeHeader),
            new Mutation(
                    "huge_encoded_words",
                    (raw, rnd) -> prepend(raw, "Subject: " + "=?".repeat(50_000 + rnd.nextInt(200_000)) + "\r\n")),
            new Mutation("deep_nesting", MailMutator::deepNesting),
            new Mutation("boundary_damage", MailMutator::damageBoundaries),
            new Mutation("charset_lie", MailMutator::lieAboutCharset),
            new Mutation("base64_garbage", MailMutator::base64Garbage),
            new Mutation("lone_surrogates", (raw, rnd) -> prepend(raw, "Content-Type: text/plain; charset=UTF-7\r\n")),
            new Mutation("very_long_text", MailMutator::longText));

    /** Mutations compound (a huge header duplicated a thousand times): a mutant is cut to this, as truncation. */
    static final int MAX_MUTANT = 1024 * 1024;

    private final long seed;
    private final List<String> names;
    private final List<byte[]> mails;

    public MailMutator(long seed, List<String> names, List<byte[]> mails) {
        this.seed = seed;
        this.names = List.copyOf(names);
        this.mails = List.copyOf(mails);
    }

    /** The {@code index}th mutant of this seed: the same bytes on every machine and run. */
    public Mutant mutant(int index) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int base = rnd.nextInt(mails.size());
        byte[] raw = replaceHeader(mails.get(base), "Message-ID", "<fuzz-" + seed + "-" + index + "@fuzz.test>");
        List<String> applied = new ArrayList<>();
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
            Mutation mutation = MUTATIONS.get(rnd.nextInt(MUTATIONS.size()));
            raw = mutation.apply().apply(raw, rnd);
            applied.add(mutation.name());
            if (raw.length > MAX_MUTANT) {
                raw = Arrays.copyOf(raw, MAX_MUTANT);
                applied.add("truncation");
            }
        }
        return new Mutant(index, names.get(base), applied, raw);
    }

    private static byte[] flipBits(byte[] raw, Random rnd) {
        byte[] out = raw.clone();
        int flips = 1 + rnd.nextInt(Math.max(1, out.length / 200));
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return out;
    }

    private static byte[] insertNuls(byte[] raw, Random rnd) {
        var out = new ByteArrayOutputStream(raw.length + 16);
        int every = 20 + rnd.nextInt(500);
        for (int i = 0; i < raw.length; i++) {
            if (i % every == 0) {
                out.write(0);
            }
            out.write(raw[i]);
        }
        return out.toByteArray();
    }

    private static byte[] duplicateHeaders(byte[] raw, Random rnd) {
        String text = latin1(raw);
        int end = headerEnd(text);
        String headers = text.substring(0, end);
        int copies = Math.min(2 + rnd.nextInt(rnd.nextBoolean() ? 5 : 1500), 1 + MAX_MUTANT / Math.max(1, end));
        return bytes(headers.repeat(copies) + text.substring(end));
    }

    private static byte[] hugeHeader(byte[] raw, Random rnd) {
        String name = List.of("X-Junk", "Subject", "From", "To", "References", "Content-Type")
                .get(rnd.nextInt(6));
        StringBuilder value = new StringBuilder();
        int size = 10_000 + rnd.nextInt(1_000_000);
        while (value.length() < size) {
            value.append(rnd.nextBoolean() ? "a@b.example, " : "<id" + value.length() + "@x> ");
            if (rnd.nextInt(20) == 0) {
                value.append("\r\n ");
            }
        }
        return prepend(raw, name + ": " + value + "\r\n");
    }

    private static byte[] deepNesting(byte[] raw, Random rnd) {
        int depth = 10 + rnd.nextInt(rnd.nextBoolean() ? 100 : 5_000);
        StringBuilder nested = new StringBuilder("Content-Type: multipart/mixed; boundary=n0\r\n\r\n");
        for (int i = 1; i < depth; i++) {
            nested.append("--n")
                    .append(i - 1)
                    .append("\r\nContent-Type: multipart/mixed; boundary=n")
                    .append(i)
                    .append("\r\n\r\n");
        }
        nested.append("--n").append(depth - 1).append("\r\n");
        String text = latin1(raw);
        int end = headerEnd(text);
        return bytes(text.substring(0, end).replaceAll("(?im)^content-type:.*$", "X-Was-Content-Type: x") + "\r\n"
                + nested + text.substring(end).stripLeading());
    }

    private static byte[] damageBoundaries(byte[] raw, Random rnd) {
        String text = latin1(raw);
        return switch (rnd.nextInt(3)) {
            case 0 -> bytes(text.replaceAll("(?m)^--", "-"));
            case 1 -> bytes(text.replaceAll("boundary=\"?([^\";\\s]+)\"?", "boundary=\"\""));
            default -> bytes(text.replaceAll("(?m)^(--[^\\r\\n]+)--", "$1"));
        };
    }

    private static byte[] lieAboutCharset(byte[] raw, Random rnd) {
        String charset = List.of("utf-7", "x-unknown", "utf-16", "iso-2022-jp", "\"\"", "utf-8''", "gb18030")
                .get(rnd.nextInt(7));
        String text = latin1(raw);
        return bytes(
                text.contains("charset=")
                        ? text.replaceAll("charset=\"?[^\";\\s]+\"?", "charset=" + charset)
                        : prependText(text, "Content-Type: text/plain; charset=" + charset + "\r\n"));
    }

    private static byte[] base64Garbage(byte[] raw, Random rnd) {
        byte[] junk = new byte[100 + rnd.nextInt(5000)];
        rnd.nextBytes(junk);
        String text = latin1(raw);
        int end = headerEnd(text);
        return bytes(text.substring(0, end).replaceAll("(?im)^content-transfer-encoding:.*$", "X-Was: x")
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + latin1(junk) + "==!!" + text.substring(end));
    }

    private static byte[] longText(byte[] raw, Random rnd) {
        String text = latin1(raw);
        int end = headerEnd(text);
        return bytes(text.substring(0, end).replaceAll("(?im)^content-type:.*$", "X-Was: x")
                + "\r\nContent-Type: text/plain\r\n\r\n" + "words and more words ".repeat(5_000 + rnd.nextInt(20_000)));
    }

    /** Replaces a header's first occurrence, or adds the header at the top. */
    static byte[] replaceHeader(byte[] raw, String name, String value) {
        String text = latin1(raw);
        int end = headerEnd(text);
        String headers = text.substring(0, end);
        String replaced = headers.replaceFirst(
                "(?im)^" + name + ":[^\\r\\n]*", java.util.regex.Matcher.quoteReplacement(name + ": " + value));
        return bytes(replaced.equals(headers) ? name + ": " + value + "\r\n" + text : replaced + text.substring(end));
    }

    private static byte[] prepend(byte[] raw, String header) {
        return bytes(prependText(latin1(raw), header));
    }

    private static String prependText(String text, String header) {
        return header + text;
    }

    /** Where the header block ends (the blank line), or the end of the text. */
    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int end = crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
        return end < 0 ? text.length() : end;
    }

    private static String latin1(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
