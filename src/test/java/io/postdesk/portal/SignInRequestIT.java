package io.postdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.EmailAddress;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13, portal: with SMTP configured the sign-in link request page answers the same for a known and an unknown
 * address (only the known one gets mail), so the page never tells who is a customer.
 */
class SignInRequestIT extends IntegrationTest {

    @Autowired
    ContactDirectory contacts;

    @Test
    void theRequestPageNeverRevealsWhetherAnAddressIsKnown() {
        assertThat(admin().put("/api/v1/settings/email", """
                        {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": 2525,
                         "fromEmail": "support@acme.test"}""").status()).isEqualTo(200);
        contacts.findOrCreate(new EmailAddress("known@example.com"), null);
        var anyone = new WebSession(port);
        anyone.get("/portal/login");

        var known = anyone.post("/portal/sign-in-link", Map.of("email", "known@example.com"));
        anyone.get("/portal/login");
        var unknown = anyone.post("/portal/sign-in-link", Map.of("email", "nobody@example.com"));

        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(known.body()).select("#link-sent").text()).contains("If we know this address");
        assertThat(Jsoup.parse(unknown.body()).select("main").text())
                .isEqualTo(Jsoup.parse(known.body()).select("main").text());
        assertThat(jdbc.sql("SELECT recipients FROM outbox").query(String.class).list())
                .containsExactly("known@example.com");
    }
}
