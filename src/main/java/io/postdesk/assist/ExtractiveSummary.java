package io.postdesk.assist;

import io.postdesk.shared.Direction;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The offline thread summary: no model, only sentences the thread already holds — the first customer message's key
 * sentence (the one sharing most words with the subject), the latest status, and the last staff answer's first
 * sentence after its greeting. Team notes are never read.
 */
final class ExtractiveSummary {

    private static final int MAX_SENTENCE = 220;

    private ExtractiveSummary() {}

    static String of(TicketDetails details, List<TicketMessage> thread) {
        var ticket = details.ticket();
        List<TicketMessage> visible = thread.stream().filter(m -> !m.internal()).toList();
        String first = visible.stream()
                .filter(m -> m.direction() == Direction.INBOUND)
                .map(TicketMessage::visibleText)
                .findFirst()
                .orElse(ticket.description() == null ? "" : ticket.description());
        String customer = details.contact() != null && details.contact().name() != null
                ? details.contact().name()
                : "The customer";
        StringBuilder text = new StringBuilder();
        String key = keySentence(first, ticket.subject());
        if (key.isEmpty()) {
            text.append(customer)
                    .append(" asked about \"")
                    .append(ticket.subject())
                    .append("\".");
        } else {
            text.append(customer).append(" wrote: \"").append(key).append("\"");
        }
        text.append(" Status: ")
                .append(ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append('.');
        TicketMessage lastStaff = null;
        for (TicketMessage m : visible) {
            if (m.direction() != Direction.INBOUND) {
                lastStaff = m;
            }
        }
        if (lastStaff == null) {
            text.append(" No staff answer yet.");
        } else {
            text.append(" Last staff answer: \"")
                    .append(firstSentence(withoutGreeting(lastStaff.visibleText())))
                    .append("\"");
        }
        return text.toString();
    }

    /** The sentence sharing most words (3+ letters) with the subject; the first sentence when none does. */
    static String keySentence(String message, String subject) {
        List<String> sentences = sentences(message);
        if (sentences.isEmpty()) {
            return "";
        }
        Set<String> subjectWords = words(subject);
        String best = sentences.getFirst();
        int bestScore = 0;
        for (String sentence : sentences) {
            Set<String> shared = words(sentence);
            shared.retainAll(subjectWords);
            if (shared.size() > bestScore) {
                best = sentence;
                bestScore = shared.size();
            }
        }
        return clip(best);
    }

    private static String firstSentence(String text) {
        List<String> sentences = sentences(text);
        return sentences.isEmpty() ? "" : clip(sentences.getFirst());
    }

    /** Drops a short first line ending in a comma ("Hi Jonas,"), which says nothing about the ticket. */
    private static String withoutGreeting(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        if (newline > 0
                && newline < 40
                && stripped.substring(0, newline).strip().endsWith(",")) {
            return stripped.substring(newline + 1);
        }
        return stripped;
    }

    private static List<String> sentences(String text) {
        return java.util.Arrays.stream(text.strip().split("(?<=[.!?])\\s+|\\n\\s*\\n"))
                .map(s -> s.replaceAll("\\s+", " ").strip())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Set<String> words(@Nullable String text) {
        Set<String> words = new HashSet<>();
        if (text != null) {
            for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() >= 3) {
                    words.add(w.length() > 6 ? w.substring(0, 6) : w);
                }
            }
        }
        return words;
    }

    private static String clip(String sentence) {
        return sentence.length() <= MAX_SENTENCE
                ? sentence
                : sentence.substring(0, MAX_SENTENCE - 1).strip() + "…";
    }
}
