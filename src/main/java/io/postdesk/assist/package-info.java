/**
 * AI Suggest: a draft reply for the agent composer, never sent by itself. {@link io.postdesk.assist.Suggestions} is the
 * API. The default provider is offline: it retrieves the resolved tickets most like this one (an in-process sentence
 * embedding model over what their customers wrote by default, or BM25, or both fused, ADR 0025; indexed in the
 * database, vectors included, as tickets are resolved so every node can catch up; older tickets by a backfill job)
 * and adapts the reply
 * that resolved the best one to this contact and agent, dropping the source's names, numbers, emails and addresses.
 * The {@code openai} provider sends a prompt to any OpenAI-compatible chat-completions server configured in
 * {@link io.postdesk.settings.AiSettings}. Every suggestion is logged with its latency and, once a reply is sent, how
 * much of it survived.
 */
@ApplicationModule(allowedDependencies = {"shared", "ticket", "contact", "staff", "settings"})
@NullMarked
package io.postdesk.assist;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
