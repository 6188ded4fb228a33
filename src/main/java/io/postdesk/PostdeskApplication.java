package io.postdesk;

import io.postdesk.attachment.AttachmentMove;
import io.postdesk.mail.inbound.webhook.MailPipe;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Postdesk: a self-hosted helpdesk whose heart is email-to-ticket. {@code java -jar postdesk.jar pipe …} runs the
 * mail pipe instead of the server (see {@link MailPipe}); {@code java -jar postdesk.jar attachments move …} moves
 * attachment bytes between stores (see {@link AttachmentMove}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PostdeskApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("pipe")) {
            System.exit(MailPipe.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.err, System.getenv()));
        }
        if (args.length > 0 && args[0].equals("attachments")) {
            System.exit(AttachmentMove.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(PostdeskApplication.class, args);
    }
}
