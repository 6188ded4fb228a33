package io.postdesk.ticket;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses the search by the datasource: PostgreSQL's full text, or Lucene in the data dir on H2 (docs/adr/0020). */
@Configuration(proxyBeanMethods = false)
class TicketSearchConfiguration {

    @Bean
    TicketSearch ticketSearch(
            DataSource dataSource,
            JdbcClient jdbc,
            SearchDocuments documents,
            @Value("${postdesk.data-dir}") String dataDir)
            throws SQLException {
        String product;
        try (var connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        return product.contains("postgres")
                ? new PostgresTicketSearch(jdbc, documents)
                : new LuceneTicketSearch(jdbc, documents, Path.of(dataDir, "search"));
    }
}
