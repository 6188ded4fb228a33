package io.postdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for the dashboard and the portal: cookies kept, redirects not followed, the CSRF token
 * read from the last page that carried one. Headers given to {@link #withHeader} go on every request (e.g. the
 * {@code X-Forwarded-*} a proxy would add).
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String csrf = "";

    public WebSession(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public WebSession withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A staff session: signs in at {@code /login} and fails unless it worked. */
    public static WebSession staff(int port, String email, String password) {
        WebSession session = new WebSession(port);
        session.get("/login");
        var signedIn = session.post("/login", Map.of("email", email, "password", password));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("staff sign-in failed for " + email + ": " + location);
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        var response = send(request(path).GET().build());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** A form POST with the current CSRF token. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf));
        form.forEach((k, v) -> body.append('&').append(encode(k)).append('=').append(encode(v)));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** Any method, with the CSRF token as a header (as htmx sends it) and an optional JSON body. */
    public HttpResponse<String> send(String method, String path, String jsonBody) {
        var builder = request(path).header("X-CSRF-TOKEN", csrf);
        if (jsonBody.isEmpty()) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(builder.build());
    }

    /**
     * Sends the following requests to another instance (node) on this machine, with the same cookies and CSRF token:
     * what a balancer without stickiness does to a browser.
     */
    public WebSession switchTo(int otherPort) {
        this.port = otherPort;
        return this;
    }

    public String csrfToken() {
        return csrf;
    }

    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
