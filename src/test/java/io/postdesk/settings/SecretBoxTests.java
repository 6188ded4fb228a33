package io.postdesk.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {

    @TempDir
    Path dir;

    @Test
    void sealsWithAFreshIvAndOpensAgain() {
        SecretBox box = new SecretBox(new SettingsProperties("a passphrase", dir.resolve("unused")));

        String first = box.seal("smtp-password");
        String second = box.seal("smtp-password");

        assertThat(first).startsWith("v1:").isNotEqualTo(second).doesNotContain("smtp-password");
        assertThat(box.open(first)).isEqualTo("smtp-password");
    }

    @Test
    void refusesToOpenWithAnotherKey() {
        String sealed = new SecretBox(new SettingsProperties("key one", dir.resolve("unused"))).seal("secret");

        assertThatThrownBy(() -> new SecretBox(new SettingsProperties("key two", dir.resolve("unused"))).open(sealed))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void createsAPrivateKeyFileOnFirstStartAndReusesIt() throws Exception {
        Path keyFile = dir.resolve("data/secret.key");
        String sealed = new SecretBox(new SettingsProperties(null, keyFile)).seal("secret");

        assertThat(new SecretBox(new SettingsProperties("", keyFile)).open(sealed))
                .isEqualTo("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }
}
