package io.postdesk.mail.inbound.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * The mail pipe (SPEC §2, channel 4): {@code java -jar postdesk.jar pipe [--url=…] [--secret-file=…]} reads one raw
 * message on stdin and posts it to the running server's webhook, for MTAs that deliver to a program. Nothing starts
 * but this client. The exit status follows sysexits, which MTAs understand: 0 when Postdesk took the mail (whatever
 * it decided), 65 when the server refused it as not a mail or too large (the MTA bounces it), 75 when it could not
 * be handed over (server down, 5xx, a wrong signature secret; the MTA keeps it and tries again), 64 for bad
 * arguments. The server URL defaults to {@code POSTDESK_URL} or http://127.0.0.1:8080; the webhook secret, when one
 * is set, comes from {@code --secret-file} or {@code POSTDESK_WEBHOOK_SECRET}.
 */
@NamedInterface("pipe")
public final class MailPipe {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int DATA_ERROR = 65;
    static final int TEMPORARY_FAILURE = 75;

    private MailPipe() {}

    public static int run(String[] args, InputStream stdin, PrintStream log, Map<String, String> env) {
        String url = env.getOrDefault("POSTDESK_URL", "http://127.0.0.1:8080");
        String secret = env.get("POSTDESK_WEBHOOK_SECRET");
        try {
            for (String arg : args) {
                if (arg.startsWith("--url=")) {
                    url = arg.substring("--url=".length());
                } else if (arg.startsWith("--secret-file=")) {
                    secret = Files.readString(Path.of(arg.substring("--secret-file=".length())), StandardCharsets.UTF_8)
                            .strip();
                } else {
                    log.println("postdesk pipe: unknown argument " + arg
                            + " (usage: pipe [--url=http://host:port] [--secret-file=path] < message)");
                    return USAGE;
                }
            }
        } catch (IOException e) {
            log.println("postdesk pipe: cannot read the secret file: " + e.getMessage());
            return TEMPORARY_FAILURE;
        }
        byte[] raw;
        try {
            raw = stdin.readAllBytes();
        } catch (IOException e) {
            log.println("postdesk pipe: cannot read the message: " + e.getMessage());
            return TEMPORARY_FAILURE;
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/tickets/inbound-email"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "message/rfc822")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        } catch (IllegalArgumentException e) {
            log.println("postdesk pipe: not a URL: " + url);
            return USAGE;
        }
        if (secret != null && !secret.isBlank()) {
            request.header("X-Postdesk-Signature", WebhookSignatures.signature(secret, raw));
        }
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            log.println(
                    "postdesk pipe: " + status + " " + response.body().strip().replaceAll("\\s+", " "));
            if (status / 100 == 2) {
                return OK;
            }
            return status == 400 || status == 413 || status == 415 ? DATA_ERROR : TEMPORARY_FAILURE;
        } catch (IOException e) {
            log.println("postdesk pipe: cannot reach " + url + ": " + e);
            return TEMPORARY_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TEMPORARY_FAILURE;
        }
    }
}
