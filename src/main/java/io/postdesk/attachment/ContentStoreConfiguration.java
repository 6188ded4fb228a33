package io.postdesk.attachment;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link ContentStore} that {@code postdesk.attachments.store} names, reading through to the other configured
 * stores (the database and the directory always, the bucket when one is configured) so bytes written before a switch
 * are still found.
 */
@Configuration(proxyBeanMethods = false)
class ContentStoreConfiguration {

    @Bean(destroyMethod = "close")
    ContentStores contentStores(AttachmentProperties properties, JdbcClient jdbc) {
        return new ContentStores(properties, jdbc);
    }

    @Bean
    ContentStore contentStore(AttachmentProperties properties, ContentStores stores) {
        ContentStore primary = stores.get(properties.store());
        List<ContentStore> earlier = new ArrayList<>(stores.all().values());
        earlier.remove(primary);
        return new FallbackContentStore(primary, earlier);
    }

    /**
     * {@code attachmentStorage} in actuator health: the bucket's reachability when one is configured (its name, never
     * its credentials), else the store in use. Not part of the readiness group: an unreachable bucket makes downloads
     * answer 503 and inbound mail wait, but a node still serves everything else.
     */
    @Bean
    HealthIndicator attachmentStorageHealthIndicator(AttachmentProperties properties, ContentStores stores) {
        return () -> {
            var s3 = stores.s3();
            if (s3 == null) {
                return Health.up()
                        .withDetail("store", properties.store().name().toLowerCase())
                        .build();
            }
            try {
                s3.checkReachable();
                return Health.up()
                        .withDetail("store", properties.store().name().toLowerCase())
                        .withDetail("bucket", s3.bucket())
                        .build();
            } catch (ContentUnavailableException e) {
                return Health.down()
                        .withDetail("store", properties.store().name().toLowerCase())
                        .withDetail("bucket", s3.bucket())
                        .withDetail("error", e.getCause().getClass().getSimpleName())
                        .build();
            }
        };
    }
}
