package io.postdesk.assist;

/**
 * The OpenAI-compatible model server could not give a draft: unreachable, too slow, or an error answer. The message
 * is plain words for the agent and never contains the API key or the prompt.
 */
public class ModelServerFailed extends RuntimeException {

    public ModelServerFailed(String message) {
        super(message);
    }
}
