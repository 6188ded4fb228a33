package io.postdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Postdesk in a child JVM of its own, started the way an operator starts it ({@code java -cp … PostdeskApplication
 * --server.port=… --postdesk.data-dir=…}), so a test can kill it for real ({@link #kill()} is SIGKILL) and start it
 * again on the same data. The child's output goes to {@code child.log} in the data dir. Start-up arguments: a
 * bootstrap admin with the token {@link #TOKEN}, a fixed secret key, quiet logging, plus the test's own.
 */
public final class ChildPostdesk implements AutoCloseable {

    public static final String TOKEN = "child-admin-token";
    // Generous: start-up alone takes 7 s on an idle machine, and test machines are seldom idle.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedAt;
    private volatile @Nullable Duration startedIn;

    private ChildPostdesk(Process process, int port, Path log, long launchedAt) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.launchedAt = launchedAt;
    }

    /**
     * Starts Postdesk on a free port with this data dir and waits until {@code /actuator/health} answers UP. On the
     * PostgreSQL test run, pass {@code --spring.datasource.*} arguments in {@code extraArgs}; without them the child
     * uses the embedded default database under the data dir, exactly as shipped.
     */
    public static ChildPostdesk start(Path dataDir, String maxHeap, List<String> extraArgs) {
        ChildPostdesk child = launch(dataDir, maxHeap, extraArgs);
        child.awaitHealthy();
        return child;
    }

    /** Starts Postdesk like {@link #start} but returns at once, for a test that watches what it does while starting. */
    public static ChildPostdesk launch(Path dataDir, String maxHeap, List<String> extraArgs) {
        return launch(
                List.of("-cp", System.getProperty("java.class.path"), PostdeskApplication.class.getName()),
                dataDir,
                maxHeap,
                extraArgs);
    }

    /**
     * Starts the packaged jar ({@code java -jar target/postdesk-….jar}), as a release runs, and waits until it is
     * healthy; otherwise like {@link #start}.
     */
    public static ChildPostdesk startJar(Path jar, Path dataDir, String maxHeap, List<String> extraArgs) {
        ChildPostdesk child = launch(List.of("-jar", jar.toAbsolutePath().toString()), dataDir, maxHeap, extraArgs);
        child.awaitHealthy();
        return child;
    }

    private static ChildPostdesk launch(List<String> program, Path dataDir, String maxHeap, List<String> extraArgs) {
        try {
            Files.createDirectories(dataDir);
            int port = freePort();
            Path log = dataDir.resolve("child.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap,
                    // Out of memory is a crash like any other: the process ends instead of limping on.
                    "-XX:+ExitOnOutOfMemoryError",
                    // Tests start it several times: the quick JIT tier starts faster and costs less CPU on 2 cores.
                    "-XX:TieredStopAtLevel=1"));
            command.addAll(program);
            command.addAll(List.of(
                    "--server.port=" + port,
                    "--postdesk.data-dir=" + dataDir.toAbsolutePath(),
                    "--postdesk.staff.bootstrap-admin-email=child-admin@postdesk.test",
                    "--postdesk.staff.bootstrap-admin-password=child-admin-password",
                    "--postdesk.staff.bootstrap-api-token=" + TOKEN,
                    "--postdesk.settings.secret-key=child-test-key",
                    "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off"));
            command.addAll(extraArgs);
            long begin = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildPostdesk(process, port, log, begin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP; fails with the end of the child's log if it does not. */
    public void awaitHealthy() {
        awaitHealthy(process, port, log);
        startedIn = Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    /**
     * The embedded default database a child without {@code --spring.datasource.url} uses under this data dir, for a
     * test to read once the child has stopped (H2 locks the file while it is open).
     */
    public static String embeddedDatabaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db/postdesk").toAbsolutePath() + ";MODE=PostgreSQL";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** From process start to the first UP health answer. */
    public Duration startedIn() {
        Duration started = startedIn;
        if (started == null) {
            throw new IllegalStateException("the child Postdesk has not been seen healthy");
        }
        return started;
    }

    /** The end of the child's output, for failure messages. */
    public String log() {
        return tail(log);
    }

    public ApiClient admin() {
        return new ApiClient(port, TOKEN);
    }

    /** SIGKILL: no shutdown hook, no connection pool close, no database close — what a crash or the OOM killer does. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring's graceful shutdown, the database closed cleanly. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the child Postdesk to exit", e);
        }
    }

    private static void awaitHealthy(Process process, int port, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the child Postdesk exited with " + process.exitValue() + " during start-up:\n" + tail(log));
            }
            try {
                var response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Tomcat is not listening yet: try again shortly.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "the child Postdesk was not healthy within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
