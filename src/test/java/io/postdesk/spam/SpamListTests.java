package io.postdesk.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class SpamListTests {

    @Test
    void entriesAreCanonicalAddressesOrDomains() {
        assertThat(SpamList.canonical(" Spammer@Example.com ")).isEqualTo("spammer@example.com");
        assertThat(SpamList.canonical("*@Example.com")).isEqualTo("*@example.com");
    }

    @Test
    void rejectsEntriesThatAreNeither() {
        assertThatThrownBy(() -> SpamList.canonical("example.com")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SpamList.canonical("*@")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SpamList.canonical("")).isInstanceOf(InvalidInputException.class);
    }
}
