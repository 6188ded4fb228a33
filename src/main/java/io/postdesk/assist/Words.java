package io.postdesk.assist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into the terms BM25 counts. Words are lower-cased, stripped of accents, stop words (English, German,
 * French, Spanish) dropped, and cut to their first six letters: a crude stemmer, but it folds "refunded"/"refunds"
 * and even "password"/"Passwort" together, which measured better than no stemming on the bench set (docs/ai.md).
 */
final class Words {

    private static final int STEM = 6;

    private static final Set<String> STOP = Set.copyOf(java.util.List.of(
            // English
            "the",
            "and",
            "for",
            "you",
            "your",
            "are",
            "was",
            "were",
            "but",
            "not",
            "with",
            "this",
            "that",
            "have",
            "has",
            "had",
            "can",
            "could",
            "would",
            "will",
            "please",
            "thanks",
            "thank",
            "hello",
            "dear",
            "there",
            "from",
            "they",
            "them",
            "what",
            "when",
            "which",
            "who",
            "how",
            "why",
            "all",
            "any",
            "our",
            "out",
            "get",
            "got",
            "just",
            "been",
            "into",
            "its",
            "it's",
            "i'm",
            "also",
            "some",
            "still",
            "now",
            "here",
            "regards",
            "best",
            "kind",
            "hey",
            "did",
            "does",
            "don",
            "t",
            "me",
            "my",
            "is",
            "it",
            "to",
            "of",
            "in",
            "on",
            "at",
            "an",
            "a",
            "i",
            "we",
            "be",
            "or",
            "so",
            "if",
            "do",
            "no",
            "as",
            "by",
            "up",
            // German
            "der",
            "die",
            "das",
            "und",
            "ich",
            "ist",
            "nicht",
            "mit",
            "ein",
            "eine",
            "einen",
            "mein",
            "meine",
            "meinen",
            "sie",
            "wir",
            "ihr",
            "ihre",
            "bitte",
            "danke",
            "hallo",
            "habe",
            "hat",
            "war",
            "auf",
            "für",
            "fur",
            "von",
            "den",
            "dem",
            "des",
            "zu",
            "es",
            "noch",
            "aber",
            "wie",
            "was",
            "kann",
            "gruesse",
            "grusse",
            "viele",
            "freundlichen",
            "guten",
            "tag",
            "sehr",
            "geehrte",
            "geehrter",
            "liebe",
            "lieber",
            "mir",
            // French
            "le",
            "la",
            "les",
            "et",
            "je",
            "est",
            "pas",
            "avec",
            "un",
            "une",
            "mon",
            "ma",
            "mes",
            "vous",
            "votre",
            "nous",
            "merci",
            "bonjour",
            "ai",
            "de",
            "du",
            "des",
            "en",
            "que",
            "qui",
            "pour",
            "sur",
            "ce",
            "il",
            "elle",
            "cordialement",
            "mais",
            "au",
            "aux",
            "ne",
            // Spanish
            "el",
            "los",
            "las",
            "y",
            "yo",
            "es",
            "no",
            "con",
            "uno",
            "mi",
            "mis",
            "usted",
            "su",
            "gracias",
            "hola",
            "por",
            "favor",
            "para",
            "que",
            "del",
            "al",
            "lo",
            "se",
            "pero",
            "saludos",
            "muy",
            "he",
            "ha"));

    private Words() {}

    static List<String> terms(String text) {
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replace("ß", "ss");
        List<String> terms = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                add(terms, folded.substring(start, i));
                start = -1;
            }
        }
        return terms;
    }

    private static void add(List<String> terms, String word) {
        if (word.length() < 2 || STOP.contains(word) || word.chars().allMatch(Character::isDigit)) {
            return;
        }
        terms.add(word.length() > STEM ? word.substring(0, STEM) : word);
    }
}
