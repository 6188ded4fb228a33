package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Which receiving servers' {@code Authentication-Results} headers are believed (their authserv-ids; anyone can add
 * such a header, so only servers in the admin's own delivery path count), and whether every staff mail must come
 * with a verified sender. Read on every mail, so it lives in the settings snapshot.
 */
@Service
public class SenderVerificationSettings {

    private static final String TRUSTED = "sender-verification.trusted-authserv-ids";
    private static final String REQUIRE_VERIFIED_STAFF = "sender-verification.require-verified-staff";
    static final int MAX_IDS = 20;
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    /**
     * @param trustedAuthservIds lower-case host names, in the order the admin gave them
     * @param requireVerifiedStaff staff mail without a verified sender never acts as staff
     */
    public record SenderVerification(List<String> trustedAuthservIds, boolean requireVerifiedStaff) {

        public boolean isTrusted(String authservId) {
            return trustedAuthservIds.contains(authservId.toLowerCase(Locale.ROOT));
        }
    }

    private final SettingsStore store;

    SenderVerificationSettings(SettingsStore store) {
        this.store = store;
    }

    public SenderVerification current() {
        List<String> ids = store.get(TRUSTED)
                .map(joined -> Arrays.stream(joined.split(","))
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
        return new SenderVerification(
                ids,
                store.get(REQUIRE_VERIFIED_STAFF).map(Boolean::parseBoolean).orElse(false));
    }

    /** Saves both values; a {@code null} keeps the saved one. */
    public SenderVerification save(
            @Nullable List<@Nullable String> trustedAuthservIds, @Nullable Boolean requireVerifiedStaff) {
        if (trustedAuthservIds != null) {
            store.put(TRUSTED, String.join(",", valid(trustedAuthservIds)));
        }
        if (requireVerifiedStaff != null) {
            store.put(REQUIRE_VERIFIED_STAFF, Boolean.toString(requireVerifiedStaff));
        }
        return current();
    }

    private static List<String> valid(List<@Nullable String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new InvalidInputException("trustedAuthservIds", "may name at most " + MAX_IDS + " servers");
        }
        var unique = new LinkedHashSet<String>();
        for (String id : ids) {
            String name = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
            if (!HOSTNAME.matcher(name).matches()) {
                throw new InvalidInputException(
                        "trustedAuthservIds",
                        "must be host names like mx.example.com, not \"" + abbreviated(id) + "\"");
            }
            unique.add(name);
        }
        return new ArrayList<>(unique);
    }

    private static String abbreviated(@Nullable String id) {
        String text = id == null ? "" : id.replaceAll("\\p{Cntrl}", "");
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
