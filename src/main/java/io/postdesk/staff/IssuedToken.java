package io.postdesk.staff;

/** A newly issued token with its secret, which exists only in this object and in the response that shows it. */
public record IssuedToken(ApiToken token, String secret) {}
