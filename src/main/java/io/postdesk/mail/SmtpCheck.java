package io.postdesk.mail;

import org.jspecify.annotations.Nullable;

/** The outcome of Test Connection: {@code ok}, or a plain-language {@code error}. */
public record SmtpCheck(boolean ok, @Nullable String error) {}
