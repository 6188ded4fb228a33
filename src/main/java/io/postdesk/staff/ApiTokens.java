package io.postdesk.staff;

import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.SqlTimes;
import io.postdesk.shared.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks bearer tokens. Only the SHA-256 of a token is stored: tokens are 256 random bits, so a fast
 * hash is enough and lookups stay a single indexed read.
 */
@Service
public class ApiTokens {

    private static final String PREFIX = "pd_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final StaffProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, StaffDirectory staff, StaffProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public IssuedToken issue(long staffId, String name) {
        staff.get(staffId);
        String validName = Texts.singleLine(name, "name", 100, true);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_tokens (staff_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(staffId, validName, sha256(secret), SqlTimes.utc(now))
                .update(keys, "id");
        return new IssuedToken(new ApiToken(keys.getKeyAs(Long.class), staffId, validName, now, null), secret);
    }

    /** The staff member a presented token acts for, or empty; the provisioning token acts as the first admin. */
    @Transactional
    public Optional<StaffMember> authenticate(@Nullable String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(presented);
        if (properties.hasBootstrapToken()
                && MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII),
                        sha256(properties.bootstrapApiToken()).getBytes(StandardCharsets.US_ASCII))) {
            return staff.firstAdmin();
        }
        // The lookup is by hash through a unique index, so timing reveals nothing about stored tokens.
        Optional<ApiToken> token = jdbc.sql(
                        "SELECT id, staff_id, name, created_at, last_used_at FROM api_tokens WHERE token_hash = ?")
                .param(hash)
                .query(ApiTokens::map)
                .optional();
        token.ifPresent(this::touch);
        // A deactivated staff member's tokens stay listed but authenticate no one.
        return token.flatMap(t -> staff.findActiveById(t.staffId()));
    }

    public List<ApiToken> list(long staffId) {
        return jdbc.sql("SELECT id, staff_id, name, created_at, last_used_at FROM api_tokens"
                        + " WHERE staff_id = ? ORDER BY id")
                .param(staffId)
                .query(ApiTokens::map)
                .list();
    }

    @Transactional
    public void revoke(long staffId, long tokenId) {
        int deleted = jdbc.sql("DELETE FROM api_tokens WHERE id = ? AND staff_id = ?")
                .params(tokenId, staffId)
                .update();
        if (deleted == 0) {
            throw new NotFoundException("API token", tokenId);
        }
    }

    private void touch(ApiToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt() == null
                || token.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                    .params(SqlTimes.utc(now), token.id())
                    .update();
        }
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getLong("staff_id"),
                rs.getString("name"),
                SqlTimes.requiredInstant(rs, "created_at"),
                SqlTimes.instant(rs, "last_used_at"));
    }
}
