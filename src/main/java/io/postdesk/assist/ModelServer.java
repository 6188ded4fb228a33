package io.postdesk.assist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks the OpenAI chat-completions protocol ({@code POST {baseUrl}/chat/completions}), plain or streamed as
 * server-sent events. Every failure becomes a {@link ModelServerFailed} in plain words; neither the key nor the
 * prompt ends up in an exception message or a log line.
 */
@Component
class ModelServer {

    private final HttpClient http;
    private final JsonMapper json;
    private final AssistProperties properties;

    ModelServer(JsonMapper json, AssistProperties properties) {
        this.json = json;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The completion's text; {@code onChunk}, when given, receives it piece by piece as the server streams it. */
    String complete(
            String baseUrl, String model, @Nullable String apiKey, Prompt prompt, @Nullable Consumer<String> onChunk) {
        boolean stream = onChunk != null;
        String body = json.writeValueAsString(Map.of(
                "model",
                model,
                "stream",
                stream,
                "messages",
                List.of(
                        Map.of("role", "system", "content", prompt.system()),
                        Map.of("role", "user", "content", prompt.user()))));
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<java.io.InputStream> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ModelServerFailed("The model server at " + baseUrl + " answered HTTP "
                            + response.statusCode() + (response.statusCode() == 401 ? " (check the API key)." : "."));
                }
                return stream ? readStream(in, onChunk) : readWhole(in);
            }
        } catch (HttpTimeoutException e) {
            throw new ModelServerFailed("The model server at " + baseUrl + " did not answer within "
                    + properties.requestTimeout().toSeconds() + " s.");
        } catch (ConnectException e) {
            throw new ModelServerFailed("The model server at " + baseUrl + " cannot be reached.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelServerFailed failed) {
                throw failed;
            }
            throw new ModelServerFailed("The model server at " + baseUrl + " failed: "
                    + e.getClass().getSimpleName() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelServerFailed("The request to the model server was interrupted.");
        }
    }

    private String readWhole(java.io.InputStream in) throws IOException {
        JsonNode answer = json.readTree(in);
        JsonNode content = answer.path("choices").path(0).path("message").path("content");
        if (!content.isString()) {
            throw new ModelServerFailed("The model server's answer had no reply text.");
        }
        return content.asString();
    }

    private String readStream(java.io.InputStream in, Consumer<String> onChunk) throws IOException {
        StringBuilder text = new StringBuilder();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode delta =
                    json.readTree(data).path("choices").path(0).path("delta").path("content");
            if (delta.isString() && !delta.asString().isEmpty()) {
                text.append(delta.asString());
                onChunk.accept(delta.asString());
            }
        }
        return text.toString();
    }
}
