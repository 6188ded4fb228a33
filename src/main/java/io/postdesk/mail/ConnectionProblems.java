package io.postdesk.mail;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Network failures talking to a mail server (SMTP, IMAP, POP3), said in words an admin can act on. */
public final class ConnectionProblems {

    private ConnectionProblems() {}

    /**
     * What went wrong on the network, or null when the failure was not a network one (then the caller explains it).
     *
     * @param what the kind of server in the advice, e.g. "SMTP" or "IMAP"
     */
    public static @Nullable String network(Throwable e, String host, int port, String what, String tlsAdvice) {
        String where = host + ":" + port;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "Host not found: " + host + " does not resolve. Check the " + what + " host name.";
            }
            if (cause instanceof ConnectException) {
                return "Connection refused: nothing accepts connections at " + where + ". Check the host and port.";
            }
            if (cause instanceof SocketTimeoutException) {
                return "Timed out talking to " + where + ". The host may be wrong, or a firewall blocks the port.";
            }
            if (cause instanceof SSLException) {
                return "TLS handshake failed with " + where + ". " + tlsAdvice
                        + " and that the server's certificate is valid.";
            }
        }
        return null;
    }

    /** The first line of a server's message, without the noise that follows it. */
    public static String firstLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
