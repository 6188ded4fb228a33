package io.postdesk.mail.mime;

import io.postdesk.shared.EmailAddress;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A mailbox from a header: display name (decoded) and address. */
public record MailAddress(@Nullable String name, EmailAddress email) {

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}]+");

    /** The display name fit for a contact's name: one line, at most 200 characters. */
    public @Nullable String contactName() {
        return name == null ? null : oneLine(name, 200);
    }

    /** Text from a header fit for one line of ours: control characters folded to spaces, at most {@code max} long. */
    public static String oneLine(String text, int max) {
        String line = CONTROLS.matcher(text).replaceAll(" ").strip();
        return line.length() > max ? line.substring(0, max) : line;
    }
}
