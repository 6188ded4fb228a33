package io.postdesk.attachment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every store this configuration can reach, each on its own (no fall-back): the database and the directory always,
 * the S3-compatible bucket when {@code postdesk.attachments.s3.bucket} is set. Owns the S3 client.
 */
final class ContentStores implements AutoCloseable {

    private final Map<AttachmentProperties.Store, ContentStore> stores =
            new EnumMap<>(AttachmentProperties.Store.class);
    private final @Nullable S3Client client;
    private final @Nullable S3ContentStore s3;

    ContentStores(AttachmentProperties properties, JdbcClient jdbc) {
        stores.put(AttachmentProperties.Store.DATABASE, new DatabaseContentStore(jdbc));
        stores.put(AttachmentProperties.Store.DIRECTORY, new DirectoryContentStore(properties.directory()));
        var config = properties.s3();
        if (config.configured()) {
            client = S3ContentStore.client(config);
            s3 = new S3ContentStore(
                    client,
                    config.bucket(),
                    config.prefix(),
                    properties.directory().resolve("tmp"));
            stores.put(AttachmentProperties.Store.S3, s3);
        } else {
            client = null;
            s3 = null;
        }
    }

    /** The named store; an unconfigured bucket is a configuration error, said plainly. */
    ContentStore get(AttachmentProperties.Store store) {
        ContentStore found = stores.get(store);
        if (found == null) {
            throw new IllegalStateException("the s3 store needs postdesk.attachments.s3.bucket (POSTDESK_S3_BUCKET)"
                    + " and, for MinIO, Ceph or Garage, postdesk.attachments.s3.endpoint (POSTDESK_S3_ENDPOINT)");
        }
        return found;
    }

    Map<AttachmentProperties.Store, ContentStore> all() {
        return Collections.unmodifiableMap(stores);
    }

    @Nullable
    S3ContentStore s3() {
        return s3;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
