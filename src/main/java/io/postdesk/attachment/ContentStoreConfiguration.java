package io.postdesk.attachment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one {@link ContentStore} that {@code postdesk.attachments.store} names. */
@Configuration(proxyBeanMethods = false)
class ContentStoreConfiguration {

    @Bean
    ContentStore contentStore(AttachmentProperties properties, JdbcClient jdbc) {
        var directory = new DirectoryContentStore(properties.directory());
        return switch (properties.store()) {
            // The directory stays readable: it holds what was stored before the database became the default.
            case DATABASE -> new DatabaseContentStore(jdbc, directory);
            case DIRECTORY -> directory;
        };
    }
}
