package io.postdesk.settings;

/** The mailbox settings were saved: whoever keeps a connection to the mailbox opens a new one. */
public record MailboxSettingsChanged() {}
