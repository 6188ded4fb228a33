package io.postdesk.attachment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A small S3-compatible server on loopback for tests: path-style {@code PUT/GET/HEAD/DELETE /<bucket>/<key>} and
 * {@code HEAD /<bucket>}, objects in memory. Every request must carry a SigV4 {@code Authorization} header naming the
 * expected access key (else 403, as S3 answers), and {@code aws-chunked} uploads are decoded. {@link #stop()} closes
 * the port (connection refused, like a store that is down) and {@link #start()} opens it again on the same port.
 */
public final class FakeS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "fake-access-key";
    public static final String SECRET_KEY = "fake-secret-key-never-logged";

    private final String bucket;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int port;
    private volatile @Nullable HttpServer server;

    public FakeS3(String bucket) {
        this.bucket = bucket;
    }

    public synchronized FakeS3 start() {
        if (server != null) {
            return this;
        }
        try {
            var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            http.createContext("/", this::handle);
            http.start();
            port = http.getAddress().getPort();
            server = http;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        var http = server;
        if (http != null) {
            http.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String bucket() {
        return bucket;
    }

    public Map<String, byte[]> objects() {
        return objects;
    }

    /** {@code METHOD /path} of every request so far. */
    public List<String> requests() {
        return requests;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")) {
                error(exchange, method, 403, "AccessDenied", "no or wrong SigV4 Authorization");
                return;
            }
            String prefix = "/" + bucket;
            if (path.equals(prefix) || path.equals(prefix + "/")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (!path.startsWith(prefix + "/")) {
                error(exchange, method, 404, "NoSuchBucket", "no such bucket");
                return;
            }
            String key = path.substring(prefix.length() + 1);
            switch (method) {
                case "PUT" -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
                    if (sha != null && sha.startsWith("STREAMING-")) {
                        body = unchunk(body);
                    }
                    objects.put(key, body);
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET", "HEAD" -> {
                    byte[] body = objects.get(key);
                    if (body == null) {
                        error(exchange, method, 404, "NoSuchKey", "The specified key does not exist.");
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
                    if (method.equals("HEAD")) {
                        exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
                case "DELETE" -> {
                    objects.remove(key);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, method, 405, "MethodNotAllowed", method);
            }
        }
    }

    private static void error(HttpExchange exchange, String method, int status, String code, String message)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(xml);
        }
    }

    /** Decodes {@code aws-chunked}: {@code <hex size>;chunk-signature=…\r\n<bytes>\r\n} … up to a zero-size chunk. */
    static byte[] unchunk(byte[] chunked) throws IOException {
        var out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (c < 0 && line.isEmpty()) {
                break;
            }
            String head = line.toString();
            int semicolon = head.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? head.strip() : head.substring(0, semicolon), 16);
            if (size == 0) {
                break;
            }
            out.write(in.readNBytes(size));
            in.read(); // \r
            in.read(); // \n
        }
        return out.toByteArray();
    }
}
