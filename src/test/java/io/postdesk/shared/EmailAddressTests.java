package io.postdesk.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @Test
    void parsesToTrimmedLowerCase() {
        EmailAddress address = EmailAddress.parse("  Bob.Smith@Example.COM ", "email");

        assertThat(address.value()).isEqualTo("bob.smith@example.com");
        assertThat(address.domain()).isEqualTo("example.com");
        assertThat(address.localPart()).isEqualTo("bob.smith");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no-at-sign",
                "two@@example.com",
                "a@b..com",
                "a@-b.com",
                "a b@example.com",
                "a@example.com\r\nBcc: x@y.z",
                "a\u0000b@example.com",
                "a\u0007b@example.com",
                "<a@example.com>",
                "a@",
                "@example.com"
            })
    void rejectsWhatIsNotAnAddressOrCouldSmuggleAHeader(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw, "contactEmail"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("contactEmail"));
    }

    @Test
    void blankIsReportedAsMissing() {
        assertThatThrownBy(() -> EmailAddress.parse("  ", "email")).hasMessage("must not be blank");
    }
}
