package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DraftAdapterTests {

    private static final String SOURCE_REPLY = """
            Hi Maria,

            Sorry about the double charge on order #A-48213. I have refunded 19.90 EUR to maria.lopez@example.com's
            card; you can call us on +49 30 1234567 or write to 12 Baker Street, London NW1 6XE if anything is off.
            Thanks for your patience, Maria!

            Best regards,
            Tom
            """;

    @Test
    void greetsThisContactAndSignsWithThisAgent() {
        String draft = DraftAdapter.adapt(SOURCE_REPLY, "Maria Lopez", "Jonas Weber", "Alice Agent");

        assertThat(draft).startsWith("Hi Jonas,\n\n");
        assertThat(draft).endsWith("Best regards,\nAlice Agent");
        assertThat(draft).contains("refunded").doesNotContain("Tom");
    }

    @Test
    void carriesOverNoNameNumberEmailOrAddressOfTheSourceCustomer() {
        String draft = DraftAdapter.adapt(SOURCE_REPLY, "Maria Lopez", "Jonas Weber", "Alice Agent");

        assertThat(draft)
                .doesNotContain("Maria", "Lopez", "48213", "example.com", "1234567", "Baker", "NW1")
                .contains("[number]", "[email]", "[phone]", "[address]");
    }

    @Test
    void keepsTheLanguageOfTheSourceReplyAndDropsGermanStreetAddresses() {
        String draft = DraftAdapter.adapt(
                "Hallo Herr Schmidt,\n\nwir senden die Ware erneut an Hauptstraße 5, 10115 Berlin.\n\nViele Grüße\nPetra",
                "Klaus Schmidt",
                null,
                "Alice Agent");

        assertThat(draft).startsWith("Hallo,\n\n").endsWith("Viele Grüße\nAlice Agent");
        assertThat(draft).doesNotContain("Schmidt", "Hauptstraße", "10115", "Petra");
    }
}
