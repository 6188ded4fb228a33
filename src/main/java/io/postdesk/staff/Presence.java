package io.postdesk.staff;

import java.time.Instant;

/**
 * A colleague on a ticket page, as the collision notice shows them.
 *
 * @param staffId the staff member
 * @param name their display name
 * @param state viewing the ticket or writing in its composer
 * @param seenAt their last poll
 */
public record Presence(long staffId, String name, PresenceState state, Instant seenAt) {}
