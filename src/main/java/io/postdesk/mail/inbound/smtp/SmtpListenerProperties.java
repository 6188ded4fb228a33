package io.postdesk.mail.inbound.smtp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in SMTP listener.
 *
 * @param enabled whether to listen at all (off by default)
 * @param port the port; 0 picks a free one
 * @param bindAddress the address to listen on: loopback by default, so only an MTA on this host can hand mail over
 * @param hostName the name the listener greets with
 * @param domains recipient domains to accept mail for; empty accepts any (keep the listener private then)
 * @param maxRecipients recipients per message
 */
@ConfigurationProperties("postdesk.mail.inbound.smtp")
public record SmtpListenerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2525") int port,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("postdesk") String hostName,
        @DefaultValue List<String> domains,
        @DefaultValue("100") int maxRecipients) {}
