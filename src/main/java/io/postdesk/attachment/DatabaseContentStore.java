package io.postdesk.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bytes in the {@code attachment_contents} table (V31). Writes run in the caller's transaction, so a message and its
 * files commit or roll back together, and every node on the database reads them. Files are bounded by the attachment
 * policy (10 MB by default) and the inbound size limit, so holding one in memory while it is written or read is fine.
 *
 * <p>Bytes stored before the database became the default are still in the attachment directory: {@link
 * FallbackContentStore} reads (and deletes) them there when the table has no row for them, so an upgrade loses no
 * file.
 */
class DatabaseContentStore implements ContentStore {

    private final JdbcClient jdbc;

    DatabaseContentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stored put(InputStream in, long maxBytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            var buffer = new ByteArrayOutputStream();
            long size;
            try (var out = new DigestOutputStream(buffer, digest)) {
                size = DirectoryContentStore.copyBounded(in, out, maxBytes);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            // Same bytes stored by another message (or concurrently by another node): one row is enough.
            jdbc.sql("INSERT INTO attachment_contents (sha256, size, content) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(sha, size, buffer.toByteArray())
                    .update();
            return new Stored(sha, size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store attachment", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        ContentStore.requireSha256(sha256);
        var content = jdbc.sql("SELECT content FROM attachment_contents WHERE sha256 = ?")
                .param(sha256)
                .query(byte[].class)
                .optional();
        if (content.isPresent()) {
            return new ByteArrayInputStream(content.get());
        }
        throw new IOException("no stored content " + sha256);
    }

    @Override
    public void delete(String sha256) {
        ContentStore.requireSha256(sha256);
        // Re-checked in the statement: bytes a message attached since the caller looked stay.
        jdbc.sql("DELETE FROM attachment_contents WHERE sha256 = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)")
                .params(sha256, sha256)
                .update();
    }

    @Override
    public void discard(String sha256) {
        ContentStore.requireSha256(sha256);
        jdbc.sql("DELETE FROM attachment_contents WHERE sha256 = ?")
                .param(sha256)
                .update();
    }

    @Override
    public boolean exists(String sha256) {
        ContentStore.requireSha256(sha256);
        return jdbc.sql("SELECT COUNT(*) FROM attachment_contents WHERE sha256 = ?")
                        .param(sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
