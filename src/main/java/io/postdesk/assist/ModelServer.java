package io.postdesk.assist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import jakarta.annotation.PreDestroy;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Speaks the OpenAI chat-completions protocol through LangChain4j's {@link OpenAiChatModel} (plain) and
 * {@link OpenAiStreamingChatModel} (server-sent events), on the JDK HTTP client. Every failure becomes a
 * {@link ModelServerFailed} in plain words; neither the key nor the prompt ends up in an exception message or a log
 * line (LangChain4j's request and response logging stays off).
 */
@Component
class ModelServer {

    /** One pair of models per settings value: an admin's change builds new ones, the old ones age out. */
    private final Cache<Endpoint, Models> models =
            Caffeine.newBuilder().maximumSize(4).build();

    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final AssistProperties properties;

    ModelServer(AssistProperties properties) {
        this.properties = properties;
    }

    /** The completion's text; {@code onChunk}, when given, receives it piece by piece as the server streams it. */
    String complete(
            String baseUrl, String model, @Nullable String apiKey, Prompt prompt, @Nullable Consumer<String> onChunk) {
        Models pair = models.get(new Endpoint(baseUrl, model, apiKey), this::build);
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .build();
        try {
            String text = onChunk == null ? plain(pair.plain(), request) : streamed(pair.streaming(), request, onChunk);
            if (text == null) {
                throw new ModelServerFailed("The model server's answer had no reply text.");
            }
            return text;
        } catch (ModelServerFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(baseUrl, e);
        }
    }

    /**
     * The JDK client's read timeout ends once the response headers arrive; a server that then trickles its body would
     * hold the agent's request forever. So the call runs on a virtual thread, bounded by the same timeout, and is
     * interrupted (which aborts the exchange) when it runs over.
     */
    private @Nullable String plain(ChatModel model, ChatRequest request) {
        Future<ChatResponse> call = calls.submit(() -> model.chat(request));
        try {
            return call.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .aiMessage()
                    .text();
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw new dev.langchain4j.exception.TimeoutException("the answer did not finish in time");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelServerFailed("The request to the model server was interrupted.");
        }
    }

    /**
     * Streams on LangChain4j's thread and waits here, so the caller's request thread keeps its context. The read
     * timeout only covers the wait for the response headers; the whole stream is bounded by the same timeout here.
     * Chunks after a timeout are dropped, so the caller never sees text after its error.
     */
    private @Nullable String streamed(StreamingChatModel model, ChatRequest request, Consumer<String> onChunk) {
        // LangChain4j calls back on the HTTP client's thread; the chunks are handed over to this (the caller's) thread,
        // which owns the response they are written to (a servlet response is not safe to write from two threads).
        var done = new CompletableFuture<@Nullable String>();
        var chunks = new LinkedBlockingQueue<String>();
        var handle = new AtomicReference<@Nullable StreamingHandle>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (!partial.text().isEmpty()) {
                    chunks.add(partial.text());
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response.aiMessage().text());
                chunks.add(END);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
                chunks.add(END);
            }
        });
        long deadline = System.nanoTime() + properties.requestTimeout().toNanos();
        try {
            while (true) {
                String chunk = chunks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    cancel(handle);
                    throw new dev.langchain4j.exception.TimeoutException("the stream did not finish in time");
                }
                if (chunk == END) {
                    return done.get();
                }
                try {
                    onChunk.accept(chunk);
                } catch (RuntimeException e) {
                    // The agent pressed Stop or left: stop reading the model's answer too.
                    cancel(handle);
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            cancel(handle);
            Thread.currentThread().interrupt();
            throw new ModelServerFailed("The request to the model server was interrupted.");
        }
    }

    /** Marks the end of a stream in the chunk queue (compared by identity). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String END = new String("end of stream");

    private static void cancel(AtomicReference<@Nullable StreamingHandle> handle) {
        StreamingHandle stream = handle.get();
        if (stream != null) {
            stream.cancel(); // frees the connection instead of reading an answer nobody waits for
        }
    }

    /** Maps LangChain4j's exceptions, and the JDK ones they wrap, to a reason an agent can act on. */
    private ModelServerFailed failure(String baseUrl, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                return new ModelServerFailed("The model server at " + baseUrl + " answered HTTP " + status
                        + (status == 401 ? " (check the API key)." : "."));
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException) {
                return new ModelServerFailed("The model server at " + baseUrl + " did not answer within "
                        + seconds(properties.requestTimeout()) + ".");
            }
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
                return new ModelServerFailed("The model server at " + baseUrl + " cannot be reached.");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        // The class name only: LangChain4j messages may quote the server's answer, which we do not echo.
        return new ModelServerFailed("The model server at " + baseUrl + " failed: "
                + error.getClass().getSimpleName() + ".");
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private Models build(Endpoint endpoint) {
        // No retries: the agent is waiting, and a retry would double the wait before the 502.
        var plain = OpenAiChatModel.builder()
                .httpClientBuilder(httpClient())
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        var streaming = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(httpClient())
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .logRequests(false)
                .logResponses(false)
                .build();
        return new Models(plain, streaming);
    }

    private JdkHttpClientBuilder httpClient() {
        return new JdkHttpClientBuilder()
                .httpClientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER))
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.requestTimeout());
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }

    private record Endpoint(
            String baseUrl, String model, @Nullable String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", " + model + "]"; // never the key
        }
    }

    private record Models(ChatModel plain, StreamingChatModel streaming) {}
}
