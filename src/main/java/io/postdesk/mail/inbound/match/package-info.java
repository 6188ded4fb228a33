/**
 * Finding the ticket or order a mail answers: {@link io.postdesk.mail.inbound.match.MatchConversation} and its
 * strategies, tried in order, first proven hit wins.
 */
@NullMarked
package io.postdesk.mail.inbound.match;

import org.jspecify.annotations.NullMarked;
