package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnwrapStaffForwardTests {

    @Test
    void outlookForwardPrefixesInManyLanguages() {
        for (String subject : new String[] {
            "PD: x",
            "VB: x",
            "VL: x",
            "Videresend: x",
            "İLT: x",
            "Redir.: x",
            "VS: x",
            "Doorst: x",
            "PŘ: x",
            "Továbbítás: x",
            "ΠΡΘ: x",
            "[EXTERNAL] FW: x"
        }) {
            assertThat(UnwrapStaffForward.isForwardSubject(subject)).as(subject).isTrue();
        }
        assertThat(UnwrapStaffForward.isForwardSubject("Re: x")).isFalse();
        assertThat(UnwrapStaffForward.isForwardSubject("Printer: broken")).isFalse();
    }

    @Test
    void rightToLeftLabelsInsideBidiControls() {
        var found = UnwrapStaffForward.fromForwardedBlock(
                "---------- הודעה שהועברה ---------\nמאת: \u202aJohn Doe\u202c\u200f <\u202ajohn@acme.example\u202c\u200f>\n");

        assertThat(found).hasValueSatisfying(a -> {
            assertThat(a.email().value()).isEqualTo("john@acme.example");
            assertThat(a.name()).isEqualTo("John Doe");
        });
    }

    @Test
    void cyrillicLabels() {
        assertThat(UnwrapStaffForward.fromForwardedBlock(
                        "---------- Препратено писмо ---------\nОт: Иван <ivan@x.example>\n"))
                .hasValueSatisfying(a -> assertThat(a.email().value()).isEqualTo("ivan@x.example"));
        assertThat(UnwrapStaffForward.fromForwardedBlock("Од: Петар <petar@x.example>\nПослато: ...\n"))
                .hasValueSatisfying(a -> assertThat(a.email().value()).isEqualTo("petar@x.example"));
    }

    @Test
    void quoteHeaderNamesThePersonNotTheQuoteText() {
        var found = UnwrapStaffForward.fromForwardedBlock(
                "True!\n\n> On 25 Oct 2021, at 11:43, John Doe <john.doe@acme.example> wrote:\n>\n> Hi\n");

        assertThat(found).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("John Doe"));
    }

    @Test
    void quoteHeaderWithoutANameHasNone() {
        var found = UnwrapStaffForward.fromForwardedBlock("On 25 Oct 2021, at 11:43, <john.doe@acme.example> wrote:\n");

        assertThat(found).hasValueSatisfying(a -> assertThat(a.name()).isNull());
    }
}
