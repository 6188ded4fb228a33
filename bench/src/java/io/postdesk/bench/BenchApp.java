package io.postdesk.bench;

import io.postdesk.PostdeskApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real Postdesk in this JVM on a fresh database (H2 file in a temp dir, or PostgreSQL: zonky's embedded
 * server, or the one at {@code POSTDESK_BENCH_PG_URL}), with a bootstrap admin and token, and offers an HTTP client.
 */
final class BenchApp implements AutoCloseable {

    static final String TOKEN = "bench-token";
    static final String ADMIN = "bench@example.com";
    static final String PASSWORD = "bench-password";

    final String database;
    final ConfigurableApplicationContext context;
    final String jdbcUrl;
    final String jdbcUser;
    final String jdbcPassword;
    final int port;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final EmbeddedPostgres postgres;
    private final Path dir;

    private BenchApp(String database, ConfigurableApplicationContext context, String url, String user, String password,
            EmbeddedPostgres postgres, Path dir) {
        this.database = database;
        this.context = context;
        this.jdbcUrl = url;
        this.jdbcUser = user;
        this.jdbcPassword = password;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.postgres = postgres;
        this.dir = dir;
    }

    static BenchApp start(String database, String... extraArgs) throws IOException {
        Path dir = Files.createTempDirectory("postdesk-bench-" + database);
        String url;
        String user;
        String password;
        EmbeddedPostgres postgres = null;
        if (database.equals("postgres")) {
            String external = System.getenv("POSTDESK_BENCH_PG_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                user = System.getenv().getOrDefault("POSTDESK_BENCH_PG_USER", "postgres");
                password = System.getenv().getOrDefault("POSTDESK_BENCH_PG_PASSWORD", "");
            } else {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("max_connections", "50")
                        .start();
                url = postgres.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "postgres";
            }
            url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        } else {
            // "h2" is the shipped default URL (application.yaml); "h2-delayed" the one before ADR 0006, whose commits
            // reached the file only every 500 ms, for comparison.
            url = "jdbc:h2:file:" + dir.resolve("db/postdesk") + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=256"
                    + (database.equals("h2-delayed") ? "" : ";WRITE_DELAY=0");
            user = "sa";
            password = "";
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--postdesk.data-dir=" + dir,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--postdesk.staff.bootstrap-admin-email=" + ADMIN,
                "--postdesk.staff.bootstrap-admin-password=" + PASSWORD,
                "--postdesk.staff.bootstrap-api-token=" + TOKEN,
                "--postdesk.settings.secret-key=bench",
                "--logging.level.root=WARN",
                "--logging.level.io.postdesk=WARN"));
        args.addAll(Arrays.asList(extraArgs));
        // -Dbench.app-args="--logging.level.x=DEBUG ..." passes more arguments to the application under test.
        Arrays.stream(System.getProperty("bench.app-args", "").split(" "))
                .filter(arg -> !arg.isBlank())
                .forEach(args::add);
        var context = new SpringApplicationBuilder(PostdeskApplication.class).run(args.toArray(String[]::new));
        return new BenchApp(database, context, url, user, password, postgres, dir);
    }

    /**
     * Proportional set size of this JVM and of its child processes (PostgreSQL's), in MiB: shared memory such as
     * PostgreSQL's shared buffers is counted once, not once per backend as RSS would.
     */
    double memoryMiB() {
        long kib = pss(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            kib += pss(child.pid());
        }
        return kib / 1024.0;
    }

    private static long pss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup")).stream()
                    .filter(line -> line.startsWith("Pss:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The database's size on disk: H2's file, or PostgreSQL's database (its WAL not included). */
    double diskMiB() throws IOException, SQLException {
        if (database.equals("postgres")) {
            try (Connection c = jdbc(); var s = c.createStatement();
                    var rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1) / 1024.0 / 1024.0;
            }
        }
        try (var paths = Files.walk(dir.resolve("db"))) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum() / 1024.0 / 1024.0;
        }
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** Signs the HTTP client in to the dashboard (session cookie), for page-render measurements. */
    void signInToDashboard() throws IOException, InterruptedException {
        String login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=" + ADMIN + "&password=" + PASSWORD + "&_csrf="
                                + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 302) {
            throw new IllegalStateException("dashboard sign-in failed: " + response.statusCode());
        }
    }

    @Override
    public void close() throws IOException {
        context.close();
        if (postgres != null) {
            postgres.close();
        }
        // The H2 file of a 1M-ticket run takes several GB: do not leave it behind.
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Latency percentiles of a sample, in milliseconds. */
    record Percentiles(int n, double p50, double p95, double p99) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
        }

        private static double at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1_000_000.0;
        }

        String row(String database, String scenario) {
            return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f |", database, scenario, n, p50, p95, p99);
        }
    }
}
