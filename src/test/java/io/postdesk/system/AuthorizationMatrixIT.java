package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.shared.EmailAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, for every endpoint the application maps: the endpoints come from Spring MVC's
 * {@link RequestMappingHandlerMapping}, the expectations from {@link #RULES} (path pattern and method, first match
 * wins). An endpoint no rule covers fails the test, so every new endpoint must be classified here; a rule that covers
 * no endpoint fails too, so the table cannot rot.
 *
 * <p>Callers: nobody; a customer with a portal session; an agent and an admin, each with a dashboard session and a
 * bearer token; an admin's bearer token alone; an admin's dashboard session alone. Denials are asserted exactly (401,
 * 403, or a redirect to the right sign-in page); "allowed" means the request got past security (not 401/403, no
 * redirect to sign in), since an empty body is often, rightly, a 400.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    /** What a caller gets from an endpoint. */
    enum Outcome {
        ALLOWED,
        UNAUTHORIZED, // 401 problem (API)
        FORBIDDEN, // 403
        STAFF_SIGN_IN, // 302 to /login
        PORTAL_SIGN_IN // 302 to /portal/login
    }

    enum Caller {
        ANONYMOUS,
        CUSTOMER,
        AGENT,
        ADMIN,
        ADMIN_TOKEN_ONLY,
        ADMIN_SESSION_ONLY
    }

    /** An access class: the outcome for each caller. */
    enum Access {
        PUBLIC(all(Outcome.ALLOWED)),
        STAFF_API(api(Outcome.ALLOWED)),
        ADMIN_API(api(Outcome.FORBIDDEN)),
        STAFF_WEB(web(Outcome.ALLOWED)),
        ADMIN_WEB(web(Outcome.FORBIDDEN)),
        CUSTOMER(Map.of(
                Caller.ANONYMOUS, Outcome.PORTAL_SIGN_IN,
                Caller.CUSTOMER, Outcome.ALLOWED,
                // Staff are not customers: a dashboard session or token never opens the portal.
                Caller.AGENT, Outcome.PORTAL_SIGN_IN,
                Caller.ADMIN, Outcome.PORTAL_SIGN_IN,
                Caller.ADMIN_TOKEN_ONLY, Outcome.PORTAL_SIGN_IN,
                Caller.ADMIN_SESSION_ONLY, Outcome.PORTAL_SIGN_IN));

        final Map<Caller, Outcome> expected;

        Access(Map<Caller, Outcome> expected) {
            this.expected = new EnumMap<>(expected);
        }

        private static Map<Caller, Outcome> all(Outcome outcome) {
            Map<Caller, Outcome> map = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                map.put(caller, outcome);
            }
            return map;
        }

        /** The API reads bearer tokens only: sessions (staff or customer) never authenticate it, so no CSRF there. */
        private static Map<Caller, Outcome> api(Outcome forAgent) {
            return Map.of(
                    Caller.ANONYMOUS, Outcome.UNAUTHORIZED,
                    Caller.CUSTOMER, Outcome.UNAUTHORIZED,
                    Caller.AGENT, forAgent,
                    Caller.ADMIN, Outcome.ALLOWED,
                    Caller.ADMIN_TOKEN_ONLY, Outcome.ALLOWED,
                    Caller.ADMIN_SESSION_ONLY, Outcome.UNAUTHORIZED);
        }

        /** The dashboard reads staff sessions only: a bearer token or a customer session is nobody there. */
        private static Map<Caller, Outcome> web(Outcome forAgent) {
            return Map.of(
                    Caller.ANONYMOUS, Outcome.STAFF_SIGN_IN,
                    Caller.CUSTOMER, Outcome.STAFF_SIGN_IN,
                    Caller.AGENT, forAgent,
                    Caller.ADMIN, Outcome.ALLOWED,
                    Caller.ADMIN_TOKEN_ONLY, Outcome.STAFF_SIGN_IN,
                    Caller.ADMIN_SESSION_ONLY, Outcome.ALLOWED);
        }
    }

    /** One line of the table: Ant-style path pattern, method (null for any), access. */
    record Rule(String pattern, @Nullable HttpMethod method, Access access) {
        boolean covers(Endpoint endpoint) {
            return (method == null || method.equals(endpoint.method())) && PATHS.match(pattern, endpoint.pattern());
        }
    }

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    static final List<Rule> RULES = List.of(
            new Rule("/api/tickets/inbound-email", HttpMethod.POST, Access.PUBLIC),
            new Rule("/api/public/**", null, Access.PUBLIC),
            new Rule("/api/v1/staff", HttpMethod.POST, Access.ADMIN_API),
            new Rule("/api/v1/staff/*", HttpMethod.PATCH, Access.ADMIN_API),
            new Rule("/api/v1/staff/*/password-reset", HttpMethod.POST, Access.ADMIN_API),
            new Rule("/api/v1/settings/**", null, Access.ADMIN_API),
            new Rule("/api/v1/inbound/**", null, Access.ADMIN_API),
            new Rule("/api/v1/spam-list", HttpMethod.POST, Access.ADMIN_API),
            new Rule("/api/v1/spam-list/**", HttpMethod.DELETE, Access.ADMIN_API),
            // Merge and split (issue 13): agents and admins, by token or from the ticket page; customers never.
            new Rule("/api/v1/tickets/*/merge", HttpMethod.POST, Access.STAFF_API),
            new Rule("/api/v1/tickets/*/split", HttpMethod.POST, Access.STAFF_API),
            new Rule("/api/v1/**", null, Access.STAFF_API),
            new Rule("/portal/login", null, Access.PUBLIC),
            new Rule("/portal/sign-in-link", HttpMethod.POST, Access.PUBLIC),
            new Rule("/portal/sign-in", HttpMethod.GET, Access.PUBLIC),
            new Rule("/portal", null, Access.CUSTOMER),
            new Rule("/portal/**", null, Access.CUSTOMER),
            new Rule("/contact", null, Access.PUBLIC),
            new Rule("/login", HttpMethod.GET, Access.PUBLIC),
            new Rule("/password-reset", null, Access.PUBLIC),
            new Rule("/error", null, Access.PUBLIC),
            new Rule("/v3/api-docs/**", HttpMethod.GET, Access.PUBLIC),
            new Rule("/v3/api-docs.yaml", HttpMethod.GET, Access.PUBLIC),
            new Rule("/swagger-ui.html", HttpMethod.GET, Access.PUBLIC),
            new Rule("/settings/**", null, Access.ADMIN_WEB),
            new Rule("/", HttpMethod.GET, Access.STAFF_WEB),
            new Rule("/tickets", HttpMethod.POST, Access.STAFF_WEB),
            new Rule("/tickets/*/merge", HttpMethod.POST, Access.STAFF_WEB),
            new Rule("/tickets/*/merge-candidates", HttpMethod.GET, Access.STAFF_WEB),
            new Rule("/tickets/*/split", HttpMethod.POST, Access.STAFF_WEB),
            new Rule("/tickets/**", null, Access.STAFF_WEB),
            new Rule("/saved-filters", HttpMethod.POST, Access.STAFF_WEB),
            new Rule("/saved-filters/**", HttpMethod.POST, Access.STAFF_WEB),
            new Rule("/attachments/**", HttpMethod.GET, Access.STAFF_WEB),
            new Rule("/outbox/**", HttpMethod.POST, Access.STAFF_WEB));

    record Endpoint(HttpMethod method, String pattern) {
        boolean isDestructive() {
            return method.equals(HttpMethod.DELETE)
                    || pattern.endsWith("/delete")
                    || pattern.endsWith("/revoke")
                    || pattern.endsWith("/remove")
                    || pattern.endsWith("/spam");
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ContactDirectory contacts;

    @Autowired
    SignInLinks links;

    @Test
    void everyEndpointIsCoveredByARuleAndEveryRuleCoversAnEndpoint() {
        List<Endpoint> endpoints = endpoints();

        assertThat(endpoints.stream().filter(e -> rule(e) == null).toList())
                .as("endpoints no rule classifies: add them to RULES")
                .isEmpty();
        assertThat(RULES.stream()
                        .filter(r -> endpoints.stream().noneMatch(r::covers))
                        .toList())
                .as("rules that cover no endpoint")
                .isEmpty();
        assertThat(endpoints).as("the mappings were read").hasSizeGreaterThan(50);
    }

    @Test
    void everyCallerGetsWhatTheRulesSayFromEveryEndpoint() {
        Fixtures fixtures = fixtures();
        Map<Caller, Client> clients = clients(fixtures);
        List<Endpoint> endpoints = new ArrayList<>(endpoints());
        // Deleting runs last, so the rows the other endpoints are called with still exist.
        endpoints.sort(Comparator.comparing(Endpoint::isDestructive));

        var softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            Rule rule = rule(endpoint);
            if (rule == null) {
                continue; // reported by the test above
            }
            String path = fill(endpoint.pattern(), fixtures);
            for (Caller caller : Caller.values()) {
                Outcome expected = rule.access().expected.get(caller);
                HttpResponse<String> response = clients.get(caller).call(endpoint.method(), path);
                softly.assertThat(outcome(response))
                        .as(
                                "%s %s as %s (rule %s): %d %s",
                                endpoint.method(),
                                path,
                                caller,
                                rule.pattern(),
                                response.statusCode(),
                                response.headers().firstValue("Location").orElse(""))
                        .isEqualTo(expected);
            }
        }
        softly.assertAll();
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> found = new TreeSet<>(Comparator.comparing(Endpoint::pattern)
                .thenComparing(e -> e.method().name()));
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (methods.isEmpty()) {
                    found.add(new Endpoint(HttpMethod.GET, pattern));
                } else {
                    methods.forEach(m -> found.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern)));
                }
            }
        });
        return List.copyOf(found);
    }

    private static @Nullable Rule rule(Endpoint endpoint) {
        return RULES.stream().filter(r -> r.covers(endpoint)).findFirst().orElse(null);
    }

    private static Outcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        if (status == 401) {
            return Outcome.UNAUTHORIZED;
        }
        if (status == 403) {
            return Outcome.FORBIDDEN;
        }
        if (status == 302 && location.matches("https?://[^/]+/portal/login")) {
            return Outcome.PORTAL_SIGN_IN;
        }
        if (status == 302 && location.matches("https?://[^/]+/login")) {
            return Outcome.STAFF_SIGN_IN;
        }
        return Outcome.ALLOWED;
    }

    // --- the rows the path variables point at ---

    record Fixtures(
            long ticketId,
            long contactId,
            long collaboratorId,
            long attachmentId,
            long inboundMailId,
            long orderId,
            long outboxId,
            long spareTokenId,
            long agentId,
            String agentToken) {}

    private static final String AGENT_EMAIL = "agent@postdesk.test";
    private static final String AGENT_PASSWORD = "agent-passphrase-42";

    private Fixtures fixtures() {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "smtp.invalid", "port": 587,
                 "fromEmail": "help@acme.test"}""");
        var mailed = anonymous()
                .postRaw("/api/tickets/inbound-email", "message/rfc822", """
                From: Alice <alice@example.com>\r
                To: help@acme.test\r
                Subject: Matrix\r
                Message-ID: <matrix-1@example.com>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                Hello\r
                --b\r
                Content-Type: text/plain\r
                Content-Disposition: attachment; filename="notes.txt"\r
                \r
                notes\r
                --b--\r
                """.getBytes(StandardCharsets.US_ASCII));
        assertThat(mailed.string("$.outcome")).as(mailed.body()).isEqualTo("created");
        long ticketId = mailed.number("$.ticketId");
        var collaborator = admin().post(
                        "/api/v1/tickets/" + ticketId + "/collaborators", "{\"email\": \"colleague@example.com\"}");
        assertThat(collaborator.status()).as(collaborator.body()).isLessThan(300);
        admin().post("/api/v1/tickets/" + ticketId + "/replies", "{\"body\": \"We are on it.\"}");
        long orderId = admin().post(
                        "/api/v1/orders", "{\"title\": \"Order 1\", \"contactEmail\": \"alice@example.com\"}")
                .id();
        var agent = admin().post("/api/v1/staff", """
                {"name": "Agent", "email": "%s", "role": "agent", "password": "%s"}""".formatted(AGENT_EMAIL, AGENT_PASSWORD));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        long agentId = agent.id();
        return new Fixtures(
                ticketId,
                contactId("alice@example.com"),
                contactId("colleague@example.com"),
                single("SELECT MIN(id) FROM attachments"),
                single("SELECT MIN(id) FROM inbound_mails"),
                orderId,
                single("SELECT MIN(id) FROM outbox"),
                admin().post("/api/v1/tokens", "{\"name\": \"spare\"}").id(),
                agentId,
                tokenFor(agentId));
    }

    private long contactId(String email) {
        return contacts.findByEmail(new EmailAddress(email)).orElseThrow().id();
    }

    private long single(String sql) {
        Long value = jdbc.sql(sql).query(Long.class).single();
        assertThat(value).as(sql).isNotNull();
        return value;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /** The pattern with each variable replaced by the id of a real row of the right kind. */
    private static String fill(String pattern, Fixtures f) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String prefix = pattern.substring(0, m.start());
            m.appendReplacement(path, value(prefix, m.group(1), f));
        }
        return m.appendTail(path).toString();
    }

    private static String value(String prefix, String variable, Fixtures f) {
        Predicate<String> under = prefix::startsWith;
        if (variable.equals("contactId")) {
            return Long.toString(f.collaboratorId());
        }
        if (variable.equals("entry")) {
            return "spam@example.com";
        }
        if (variable.equals("mailId") || under.test("/api/v1/outbox/")) {
            return Long.toString(f.outboxId());
        }
        if (under.test("/api/v1/tickets/") || under.test("/tickets/") || under.test("/portal/tickets/")) {
            return Long.toString(f.ticketId());
        }
        if (under.test("/api/v1/orders/")) {
            return Long.toString(f.orderId());
        }
        if (under.test("/api/v1/contacts/")) {
            return Long.toString(f.contactId());
        }
        if (under.test("/api/v1/attachments/") || under.test("/attachments/") || under.test("/portal/attachments/")) {
            return Long.toString(f.attachmentId());
        }
        if (under.test("/api/v1/inbound/messages/") || under.test("/settings/inbound/")) {
            return Long.toString(f.inboundMailId());
        }
        if (under.test("/api/v1/staff/")
                || under.test("/settings/staff/")
                || under.test("/saved-filters/")
                || under.test("/settings/saved-replies/")) {
            // Rows nobody has: a staff id of a real member would deactivate or re-password the agent caller midway;
            // the access rules answer before the 404 does.
            return "999999";
        }
        if (under.test("/api/v1/tokens/")) {
            return Long.toString(f.spareTokenId());
        }
        throw new IllegalStateException("no fixture for {" + variable + "} in " + prefix + "…: add one");
    }

    // --- the callers ---

    /** A caller: an optional session (with its CSRF token) and an optional bearer token. */
    private final class Client {
        private final WebSession session;

        Client(@Nullable String token) {
            this.session = new WebSession(port);
            if (token != null) {
                session.withHeader("Authorization", "Bearer " + token);
            }
        }

        Client(WebSession session, @Nullable String token) {
            this.session = session;
            if (token != null) {
                session.withHeader("Authorization", "Bearer " + token);
            }
        }

        HttpResponse<String> call(HttpMethod method, String path) {
            return session.send(method.name(), path, path.startsWith("/api/") ? "{}" : "");
        }
    }

    private Map<Caller, Client> clients(Fixtures f) {
        var anonymous = new WebSession(port);
        anonymous.get("/login"); // a CSRF token, so a 403 below is an authorization answer, not a CSRF one
        var customer = new WebSession(port);
        assertThat(customer.get("/portal/sign-in?token="
                                + links.issue(f.contactId()).token())
                        .statusCode())
                .isEqualTo(302);
        customer.get("/portal/account");
        var agent = WebSession.staff(port, AGENT_EMAIL, AGENT_PASSWORD);
        agent.get("/");
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        admin.get("/");
        var adminSessionOnly = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        adminSessionOnly.get("/");
        var tokenOnly = new WebSession(port);
        tokenOnly.get("/login");
        assertThat(List.of(anonymous, customer, agent, admin, adminSessionOnly, tokenOnly))
                .allSatisfy(s -> assertThat(s.csrfToken()).isNotEmpty());
        return Map.of(
                Caller.ANONYMOUS, new Client(anonymous, null),
                Caller.CUSTOMER, new Client(customer, null),
                Caller.AGENT, new Client(agent, f.agentToken()),
                Caller.ADMIN, new Client(admin, ADMIN_TOKEN),
                Caller.ADMIN_TOKEN_ONLY, new Client(tokenOnly, ADMIN_TOKEN),
                Caller.ADMIN_SESSION_ONLY, new Client(adminSessionOnly, null));
    }
}
