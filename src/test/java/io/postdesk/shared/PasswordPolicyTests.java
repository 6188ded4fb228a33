package io.postdesk.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    @Test
    void refusesPasswordsShorterThanTwelveCharacters() {
        assertThatThrownBy(() -> PasswordPolicy.checked("aaaaaaaa", "password"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("12")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("password");
        assertThatThrownBy(() -> PasswordPolicy.checked("Tr0ub4dor&3", "password"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesOverlongPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.checked("correct horse ".repeat(15), "password"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("200");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "masterbating", // listed and twelve characters long
                "UNBELIEVABLE", // listed, in other case
                "password1234", // a listed word with digits added
                "!!qwertyuiop!!",
                "2024sunshine"
            })
    void refusesCommonPasswordsAndListedWordsWithDigitsAdded(String password) {
        assertThatThrownBy(() -> PasswordPolicy.checked(password, "password"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("common");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "098765432109", "qwertyuiopas", "abcdefghijklm", "1qaz2wsx3edc"})
    void refusesKeyboardAndNumberRuns(String password) {
        assertThatThrownBy(() -> PasswordPolicy.checked(password, "password"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sequence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "abababababab", "abcdabcdabcd", "1111222233334444"})
    void refusesPasswordsOfAFewRepeatedCharacters(String password) {
        assertThatThrownBy(() -> PasswordPolicy.checked(password, "password"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("different");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-password", "admin-password", "plum kettle rover", "x7#Lq9!vR2@m"})
    void acceptsLongUncommonPasswords(String password) {
        assertThat(PasswordPolicy.checked(password, "password")).isEqualTo(password);
    }

    @Test
    void namesTheFieldItWasGiven() {
        assertThatThrownBy(() -> PasswordPolicy.checked("short", "newPassword"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("newPassword");
    }
}
