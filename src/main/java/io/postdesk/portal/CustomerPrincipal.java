package io.postdesk.portal;

import java.io.Serializable;

/** A signed-in customer in the portal session: the contact they are. */
public record CustomerPrincipal(long contactId, String email) implements Serializable {}
