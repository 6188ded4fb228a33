package io.postdesk.assist;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The in-process sentence embedding model of the offline AI Suggest: LangChain4j's quantized all-MiniLM-L6-v2 (384
 * dimensions), shipped inside its Maven artifact and run by ONNX Runtime, so nothing is downloaded and no text leaves
 * the server. The model (about 23 MB, some 100 MB of native memory once loaded) is loaded on first use, so a node with
 * {@code postdesk.assist.retrieval=bm25} never loads it. Thread-safe.
 */
@Component
class Embedder {

    /** Stored next to each vector, so a change of model is seen and the rows are embedded again by the backfill. */
    static final String MODEL = "all-minilm-l6-v2-q";

    static final int DIMENSIONS = 384;

    /**
     * Text beyond this is not embedded: the model reads 256 word pieces well, and the opening of a customer mail says
     * what it is about; this bounds the cost of one embedding to a few tens of milliseconds.
     */
    private static final int MAX_CHARS = 1_500;

    private volatile @Nullable EmbeddingModel model;

    /** The unit-length embedding of {@code text} (its first {@value #MAX_CHARS} characters). */
    float[] embed(String text) {
        String clipped = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
        return model().embed(clipped.isBlank() ? "-" : clipped).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
