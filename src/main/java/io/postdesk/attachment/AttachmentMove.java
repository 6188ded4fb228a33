package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar postdesk.jar attachments move --to database|directory|s3 [--dry-run] [--spring/postdesk options]}:
 * moves every attachment's bytes from whichever store holds them to the target store. Only the database and the
 * attachment stores are started (no web server, no schedulers, no mail), configured exactly like the server (the same
 * environment variables and options), so run it with the server's configuration.
 *
 * <p>Each content is handled on its own and every step may be repeated, so the command is safe to kill and run again:
 * copy to the target, read the copy back and check its size and SHA-256, and only then remove the source copies. A
 * content already verified in the target only has its leftover source copies removed. Exit status 0 when every
 * content is in the target, 1 when any failed or is missing everywhere (listed), 64 for bad arguments.
 */
public final class AttachmentMove {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 64;
    private static final int BATCH = 500;
    private static final String USAGE_TEXT =
            "usage: attachments move --to database|directory|s3 [--dry-run] [--postdesk.…=… --spring.datasource.…=…]";

    private final JdbcClient jdbc;
    private final ContentStores stores;
    private final PrintStream out;

    AttachmentMove(JdbcClient jdbc, ContentStores stores, PrintStream out) {
        this.jdbc = jdbc;
        this.stores = stores;
        this.out = out;
    }

    /** What a run did; {@link #failed} and {@link #missing} make it exit non-zero. */
    record Summary(long total, long moved, long alreadyThere, long wouldMove, long failed, long missing) {}

    /** The command line: {@code move --to X [--dry-run]} plus Spring options, handed to the context as they are. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("move")) {
            err.println("postdesk attachments: " + USAGE_TEXT);
            return USAGE;
        }
        AttachmentProperties.Store target = null;
        boolean dryRun = false;
        List<String> springArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--to") && i + 1 < args.length || arg.startsWith("--to=")) {
                String name = arg.startsWith("--to=") ? arg.substring("--to=".length()) : args[++i];
                try {
                    target = AttachmentProperties.Store.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    err.println("postdesk attachments: unknown store " + name + " (" + USAGE_TEXT + ")");
                    return USAGE;
                }
            } else if (arg.startsWith("--") && arg.contains("=")) {
                springArgs.add(arg);
            } else {
                err.println("postdesk attachments: unknown argument " + arg + " (" + USAGE_TEXT + ")");
                return USAGE;
            }
        }
        if (target == null) {
            err.println("postdesk attachments: --to is required (" + USAGE_TEXT + ")");
            return USAGE;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Wiring.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of("logging.level.root", "WARN", "spring.main.register-shutdown-hook", "false"))
                .run(springArgs.toArray(String[]::new))) {
            var stores =
                    new ContentStores(context.getBean(AttachmentProperties.class), context.getBean(JdbcClient.class));
            try (stores) {
                Summary summary =
                        new AttachmentMove(context.getBean(JdbcClient.class), stores, out).move(target, dryRun);
                return summary.failed() == 0 && summary.missing() == 0 ? OK : FAILED;
            }
        } catch (RuntimeException e) {
            err.println("postdesk attachments: " + e.getMessage());
            return FAILED;
        }
    }

    /** Moves (or with {@code dryRun} only counts) every content named by an attachment into {@code to}. */
    Summary move(AttachmentProperties.Store to, boolean dryRun) {
        ContentStore target = stores.get(to);
        List<Map.Entry<AttachmentProperties.Store, ContentStore>> sources =
                stores.all().entrySet().stream().filter(e -> e.getKey() != to).toList();
        long total;
        try {
            total = jdbc.sql("SELECT COUNT(DISTINCT sha256) FROM attachments")
                    .query(Long.class)
                    .single();
        } catch (DataAccessException e) {
            // The command never migrates: a database the server has not set up is the wrong one, or not yet ready.
            throw new IllegalStateException(
                    "cannot read the attachments table; is this the server's database (the same POSTDESK_DB_URL or"
                            + " data dir), and has the server started on it once? ("
                            + e.getMostSpecificCause().getMessage()
                            + ")",
                    e);
        }
        out.printf(
                Locale.ROOT,
                "%s %d stored file(s) to %s (from %s)%n",
                dryRun ? "Would move" : "Moving",
                total,
                name(to),
                String.join(", ", sources.stream().map(e -> name(e.getKey())).toList()));
        long moved = 0, already = 0, would = 0, failed = 0, missing = 0, done = 0, bytes = 0;
        long lastReport = System.nanoTime();
        String after = "";
        while (true) {
            // Keyset pages over the distinct contents (attachments_sha256_idx), so memory stays one page.
            List<Content> page = jdbc.sql("SELECT sha256, MAX(size) AS size FROM attachments WHERE sha256 > ?"
                            + " GROUP BY sha256 ORDER BY sha256 LIMIT " + BATCH)
                    .param(after)
                    .query((rs, row) -> new Content(rs.getString("sha256").strip(), rs.getLong("size")))
                    .list();
            if (page.isEmpty()) {
                break;
            }
            for (Content content : page) {
                after = content.sha256();
                done++;
                try {
                    List<ContentStore> holding = new ArrayList<>();
                    ContentStore.requireSha256(content.sha256());
                    for (var source : sources) {
                        if (source.getValue().exists(content.sha256())) {
                            holding.add(source.getValue());
                        }
                    }
                    boolean inTarget = target.exists(content.sha256());
                    if (inTarget && holding.isEmpty()) {
                        // Moved by an earlier run, verified then; nothing is left to remove.
                        already++;
                        continue;
                    }
                    if (inTarget && verified(target, content)) {
                        if (!dryRun) {
                            // Copied by an earlier, interrupted run: only its source copies are left to remove.
                            holding.forEach(store -> store.discard(content.sha256()));
                        }
                        already++;
                        continue;
                    }
                    if (inTarget && !dryRun) {
                        // A copy that does not read back (cut short, damaged): replaced from the source.
                        target.discard(content.sha256());
                    }
                    if (holding.isEmpty()) {
                        missing++;
                        out.println("MISSING " + content.sha256() + ": in no store");
                        continue;
                    }
                    if (dryRun) {
                        would++;
                        bytes += content.size();
                        continue;
                    }
                    ContentStore.Stored copy;
                    try (InputStream in = holding.getFirst().open(content.sha256())) {
                        copy = target.put(in, Long.MAX_VALUE);
                    }
                    if (!copy.sha256().equals(content.sha256()) || copy.size() != content.size()) {
                        failed++;
                        out.println("FAILED " + content.sha256() + ": the source holds other bytes (" + copy.size()
                                + " bytes, sha256 " + copy.sha256() + "); source kept");
                        continue;
                    }
                    if (!verified(target, content)) {
                        failed++;
                        out.println("FAILED " + content.sha256() + ": the copy in " + name(to)
                                + " does not read back; source kept");
                        continue;
                    }
                    holding.forEach(store -> store.discard(content.sha256()));
                    moved++;
                    bytes += content.size();
                } catch (IOException | RuntimeException e) {
                    failed++;
                    out.println("FAILED " + content.sha256() + ": " + e.getMessage());
                }
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L || done == total) {
                lastReport = System.nanoTime();
                out.printf(
                        Locale.ROOT,
                        "  %d/%d (%d%%), %.1f MB%n",
                        done,
                        total,
                        total == 0 ? 100 : done * 100 / total,
                        bytes / 1e6);
            }
        }
        var summary = new Summary(total, moved, already, would, failed, missing);
        out.printf(
                Locale.ROOT,
                "%s: %d moved, %d already in %s, %d would move, %d failed, %d missing%n",
                failed == 0 && missing == 0 ? "Done" : "Finished with errors",
                moved,
                already,
                name(to),
                would,
                failed,
                missing);
        return summary;
    }

    /** Reads the copy back whole and checks its length and SHA-256 (the key says what the bytes must hash to). */
    private static boolean verified(ContentStore store, Content content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (InputStream in = new DigestInputStream(store.open(content.sha256()), digest)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return size == content.size()
                && HexFormat.of().formatHex(digest.digest()).equals(content.sha256());
    }

    private static String name(AttachmentProperties.Store store) {
        return store.name().toLowerCase(Locale.ROOT);
    }

    private record Content(String sha256, long size) {}

    /**
     * Only what the move needs: the database (as the server configures it) and the attachment properties. Not a
     * stereotype, so neither the server's component scan nor a test's search for a boot configuration finds it.
     */
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class
    })
    @EnableConfigurationProperties(AttachmentProperties.class)
    static class Wiring {}
}
