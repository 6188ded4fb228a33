package io.postdesk.settings;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param secretKey the key that encrypts stored secrets such as the SMTP password ({@code POSTDESK_SECRET_KEY}): 32
 *     bytes in base64, or any passphrase (hashed to a key). When unset, a key file is created in the data dir on
 *     first start. Instances that share one database must share this key.
 * @param keyFile where that key file lives
 */
@Validated
@ConfigurationProperties("postdesk.settings")
public record SettingsProperties(@Nullable String secretKey, Path keyFile) {}
