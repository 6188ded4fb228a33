package io.postdesk.mail.outbound;

import io.postdesk.mail.ConnectionProblems;
import io.postdesk.settings.EmailSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;

/**
 * The one place that talks SMTP. {@code ssl=true} is implicit TLS; otherwise the connection upgrades with STARTTLS
 * whenever the server offers it. Server certificates are validated unless the host is listed in
 * {@code postdesk.mail.outbound.trusted-hosts}.
 */
@Component
public class SmtpGateway {

    private final OutboundProperties properties;

    SmtpGateway(OutboundProperties properties) {
        this.properties = properties;
    }

    /** An open SMTP connection that can send several mails; close it when done. */
    public interface Connection extends AutoCloseable {
        void send(String envelopeFrom, List<String> recipients, String mime) throws MessagingException;

        @Override
        void close();
    }

    public Connection connect(EmailSettings settings) throws MessagingException {
        Session session = session(settings);
        Transport transport = session.getTransport(settings.ssl() ? "smtps" : "smtp");
        transport.connect(settings.host(), settings.port(), emptyToNull(settings.username()), settings.password());
        return new Connection() {
            @Override
            public void send(String envelopeFrom, List<String> recipients, String mime) throws MessagingException {
                SMTPMessage message =
                        new SMTPMessage(session, new ByteArrayInputStream(mime.getBytes(StandardCharsets.ISO_8859_1)));
                // The envelope sender (MAIL FROM); the From header stays as composed.
                message.setEnvelopeFrom(envelopeFrom);
                InternetAddress[] to = new InternetAddress[recipients.size()];
                for (int i = 0; i < to.length; i++) {
                    to[i] = new InternetAddress(recipients.get(i), true);
                }
                transport.sendMessage(message, to);
            }

            @Override
            public void close() {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // The mail is already accepted or already marked for retry; a failing QUIT changes nothing.
                }
            }
        };
    }

    Session session(EmailSettings settings) {
        String p = protocol(settings);
        Properties props = new Properties();
        String timeout = Long.toString(properties.smtpTimeout().toMillis());
        props.put("mail." + p + ".connectiontimeout", timeout);
        props.put("mail." + p + ".timeout", timeout);
        props.put("mail." + p + ".writetimeout", timeout);
        props.put(
                "mail." + p + ".auth",
                Boolean.toString(
                        settings.username() != null && !settings.username().isBlank()));
        props.put("mail." + p + ".ssl.checkserveridentity", "true");
        if (!settings.ssl()) {
            props.put("mail.smtp.starttls.enable", "true");
        }
        if (!properties.trustedHosts().isBlank()) {
            props.put("mail." + p + ".ssl.trust", properties.trustedHosts());
            props.put("mail." + p + ".ssl.checkserveridentity", "false");
        }
        props.put("mail.mime.allowutf8", "false");
        return Session.getInstance(props);
    }

    /** Says what went wrong in words an admin can act on. */
    public static String explain(Exception e, EmailSettings settings) {
        if (e instanceof AuthenticationFailedException) {
            return "Authentication failed: the server rejected the username or password. Some providers (Gmail,"
                    + " Outlook) need an app-specific password.";
        }
        if (e instanceof SMTPAddressFailedException address) {
            return "The server refused the recipient " + address.getAddress() + ": " + serverReply(address);
        }
        if (e instanceof SMTPSendFailedException send) {
            return "The server refused the message: " + serverReply(send);
        }
        String network = ConnectionProblems.network(
                e,
                settings.host(),
                settings.port(),
                "SMTP",
                "Check that SSL/TLS is on for port 465 and off for 587 (STARTTLS),");
        if (network != null) {
            return network;
        }
        return "Sending failed: " + ConnectionProblems.firstLine(e.getMessage());
    }

    /** A 5xx reply to the message or a recipient: the server will not take this mail, however often we try. */
    static boolean isPermanent(Exception e) {
        if (e instanceof SMTPAddressFailedException address) {
            return address.getReturnCode() >= 500;
        }
        if (e instanceof SMTPSendFailedException send) {
            return send.getReturnCode() >= 500;
        }
        return false;
    }

    private static String serverReply(MessagingException e) {
        return ConnectionProblems.firstLine(e.getMessage());
    }

    private static String protocol(EmailSettings settings) {
        return settings.ssl() ? "smtps" : "smtp";
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
