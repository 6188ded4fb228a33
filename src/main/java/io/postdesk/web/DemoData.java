package io.postdesk.web;

import io.postdesk.attachment.NewAttachment;
import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.StaffRole;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketFilter;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import io.postdesk.ticket.TicketStatus;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code --postdesk.demo=true}): fills an empty instance with a living helpdesk, so a newcomer sees the
 * dashboard at work at once. Customer mail goes through the real inbound pipeline (an HTML mail with an inline image
 * among them); agents reply, add team notes and move tickets along. Does nothing when tickets already exist.
 */
@Component
@ConditionalOnProperty(name = "postdesk.demo", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String AGENT_PASSWORD = "demo-password";

    private final TicketManagement tickets;
    private final TicketQueries queries;
    private final StaffDirectory staff;
    private final InboundMails inbound;

    DemoData(TicketManagement tickets, TicketQueries queries, StaffDirectory staff, InboundMails inbound) {
        this.tickets = tickets;
        this.queries = queries;
        this.staff = staff;
        this.inbound = inbound;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (queries.list(TicketFilter.all(), 0, 1).total() > 0) {
            log.info("Demo mode: tickets already exist, nothing added");
            return;
        }
        StaffMember sam = agent("Sam Rivera", "sam@demo.postdesk.test");
        StaffMember alex = agent("Alex Chen", "alex@demo.postdesk.test");

        long html = mail("Maria Garcia <maria@example.com>", "Invoice #4411 shows the wrong VAT", htmlMail());
        tickets.reply(
                html,
                sam.id(),
                "Hi Maria, thanks for the screenshot. We are correcting the invoice now.",
                false,
                List.of());
        tickets.reply(
                html,
                sam.id(),
                "Finance confirmed the VAT rate was wrong for Spain; fixed in the next run.",
                true,
                List.of());

        long printer = open(
                "Printer on fire",
                "The office printer smells of smoke after the firmware update.",
                TicketPriority.URGENT,
                "Bob Miller",
                "bob@example.com",
                TicketSource.PORTAL);
        tickets.reply(
                printer,
                alex.id(),
                "Please switch it off and unplug it; a technician is on the way.",
                false,
                List.of(new NewAttachment(
                        "safety-checklist.png", "image/png", 0, () -> new ByteArrayInputStream(chart()))));

        long login = mail(
                "Priya Patel <priya@example.com>",
                "Cannot sign in after password reset",
                plainMail("Hello,\n\nsince resetting my password yesterday I cannot sign in. The page just reloads.\n\n"
                        + "Thanks,\nPriya"));
        tickets.change(
                login, new TicketChanges(TicketStatus.PENDING, TicketPriority.HIGH, true, alex.id(), List.of("login")));

        long refund = open(
                "Refund for order 1042",
                "The package arrived damaged; photos attached in my first mail.",
                TicketPriority.MEDIUM,
                "Tom Becker",
                "tom@example.com",
                TicketSource.CONTACT_FORM);
        tickets.reply(refund, sam.id(), "Refund issued; you will see it within 5 business days.", false, List.of());
        tickets.change(refund, new TicketChanges(TicketStatus.RESOLVED, null, false, null, List.of("refund")));

        open(
                "Feature request: dark mode",
                "Would love a dark theme for the customer portal.",
                TicketPriority.LOW,
                "Lena Vogel",
                "lena@example.com",
                TicketSource.CHAT);
        long api = open(
                "Webhook retries",
                "Do you retry webhooks when our endpoint is down?",
                TicketPriority.MEDIUM,
                "Devon Lee",
                "devon@example.com",
                TicketSource.API);
        tickets.change(api, new TicketChanges(TicketStatus.CLOSED, null, false, null, List.of("api")));
        open(
                "Billing address change",
                "Please update our billing address to 12 Harbour Road.",
                TicketPriority.MEDIUM,
                null,
                "accounts@northwind.example",
                TicketSource.ADMIN);
        log.info(
                "Demo mode: sample tickets created; agents sam@demo.postdesk.test and alex@demo.postdesk.test sign in"
                        + " with password {}",
                AGENT_PASSWORD);
    }

    private StaffMember agent(String name, String email) {
        return staff.findByEmail(new io.postdesk.shared.EmailAddress(email))
                .orElseGet(() -> staff.create(name, email, StaffRole.AGENT, AGENT_PASSWORD));
    }

    private long open(
            String subject,
            String description,
            TicketPriority priority,
            String name,
            String email,
            TicketSource source) {
        return tickets.open(new NewTicket(subject, description, priority, source, name, email, null, List.of()))
                .id();
    }

    private long mail(String from, String subject, String body) {
        String raw = "From: " + from + "\r\nTo: support@demo.postdesk.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <demo-" + Math.abs(subject.hashCode()) + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + body;
        var result =
                inbound.receive(new InboundDelivery(raw.getBytes(StandardCharsets.UTF_8), "demo", null, List.of()));
        if (result.ticketId() == null) {
            throw new IllegalStateException("demo mail was not turned into a ticket: " + result.outcome());
        }
        return result.ticketId();
    }

    private static String plainMail(String text) {
        return "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text.replace("\n", "\r\n");
    }

    static String htmlMail() {
        String image = Base64.getMimeEncoder().encodeToString(chart());
        return "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n--rel\r\n"
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello,\r\n\r\ninvoice #4411 charges 21% VAT but we are"
                + " exempt. Screenshot attached.\r\n\r\nMaria\r\n--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>Hello,</p><p>invoice <b>#4411</b> charges <span style=\"color:red\">21% VAT</span> but we are"
                + " exempt.</p><p><img src=\"cid:invoice@demo\" alt=\"invoice\"></p><p>Maria</p>"
                + "<script>alert('never runs')</script>\r\n--alt--\r\n--rel\r\nContent-Type: image/png\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-ID: <invoice@demo>\r\n"
                + "Content-Disposition: inline; filename=\"invoice.png\"\r\n\r\n" + image + "\r\n--rel--\r\n";
    }

    /** A small bar chart, so image previews have something to show. */
    private static byte[] chart() {
        BufferedImage image = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 120);
        int[] bars = {40, 70, 55, 95, 80};
        for (int i = 0; i < bars.length; i++) {
            g.setColor(new Color(79, 70, 229));
            g.fillRect(20 + i * 42, 110 - bars[i], 30, bars[i]);
        }
        g.dispose();
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
