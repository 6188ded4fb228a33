package io.postdesk.mail.mime;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jspecify.annotations.Nullable;

/**
 * The quoted history of an HTML reply, found on the DOM (jsoup, never regexes on HTML): the blocks mail clients wrap
 * the old message in, and everything after them. {@link #withoutHistory} gives the text of the reply without them.
 */
final class HtmlQuote {

    /** Longer HTML is not searched: the text part's own markers, if any, decide for it. */
    static final int MAX_HTML = MimeParser.MAX_HTML;
    /** Deeper trees are flattened by the parser; quote blocks sit near the top of a reply. */
    static final int MAX_DEPTH = 100;
    /** A reply with more elements than this is left to the text part, bounding the search time. */
    static final int MAX_ELEMENTS = 20_000;

    /**
     * Blocks that hold only the quoted message: Gmail, Yahoo, Apple Mail and Thunderbird (citation and its prefix),
     * the quote wrappers of Outlook on the web, Hotmail and many webmails.
     */
    private static final String QUOTE_BLOCKS = "div.gmail_quote, blockquote.gmail_quote, div.gmail_extra, "
            + "div.yahoo_quoted, div[id~=(?i)^yahoo_quoted], blockquote[type=cite], div.moz-cite-prefix, "
            + "div.ms-outlook-mobile-reference-message, div.OutlookMessageHeader, blockquote.protonmail_quote, "
            + "div.zmail_extra, div#zwchr, div.WordSection1 > div#mail-editor-reference-message-container";
    /** Blocks where the history starts and runs to the end: Outlook, Outlook.com and Hotmail. */
    private static final String HISTORY_STARTS = "div#appendonsend, div#divRplyFwdMsg, div#x_divRplyFwdMsg, "
            + "span#OLK_SRC_BODY_SECTION, div#mail-editor-reference-message-container";

    private static final Pattern BORDER_TOP = Pattern.compile("border-top\\s*:\\s*solid");
    /** The sender label an Outlook header block under a rule starts with, in the languages Outlook ships. */
    private static final Pattern HEADER_LABEL = Pattern.compile(
            "^\\s*(From|Von|De|Da|Van|Från|Fra|Od|Feladó|Lähettäjä|От|Від|Kimden|Expéditeur|Remitente|Mittente|"
                    + "Afzender|Nadawca|Αποστολέας|من|מאת|از|发件人|寄件人|差出人|보낸 사람)\\s*[:：]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private HtmlQuote() {}

    /** The text of the reply with its quoted history removed, or empty when the HTML holds no quote block. */
    static Optional<String> withoutHistory(String html) {
        if (html.length() > MAX_HTML) {
            return Optional.empty();
        }
        Document document = Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(html, "");
        Element body = document.body();
        if (body.getAllElements().size() > MAX_ELEMENTS) {
            return Optional.empty();
        }
        boolean found = false;
        Element start = body.selectFirst(HISTORY_STARTS);
        if (start == null) {
            start = ruleAboveHeader(body);
        }
        if (start != null) {
            removeFrom(start, body);
            found = true;
        }
        Elements quotes = body.select(QUOTE_BLOCKS);
        if (!quotes.isEmpty()) {
            quotes.remove();
            found = true;
        }
        return found ? Optional.of(text(document)) : Optional.empty();
    }

    /**
     * Outlook's desktop header block (a div with a solid top border) or an {@code <hr>} whose next text is a
     * "From:" label: the history starts there.
     */
    private static @Nullable Element ruleAboveHeader(Element body) {
        for (Element div : body.select("div[style]")) {
            if (BORDER_TOP.matcher(div.attr("style").toLowerCase(Locale.ROOT)).find()
                    && HEADER_LABEL.matcher(div.text()).find()) {
                return div;
            }
        }
        for (Element rule : body.select("hr")) {
            Element next = rule.nextElementSibling();
            if (next != null && HEADER_LABEL.matcher(next.text()).find()) {
                return rule;
            }
        }
        return null;
    }

    /** Removes the node, its following siblings and those of each ancestor: everything after it in the document. */
    private static void removeFrom(Element start, Element body) {
        @Nullable Node node = start;
        while (node != null && node != body) {
            while (node.nextSibling() != null) {
                node.nextSibling().remove();
            }
            node = node.parent();
        }
        start.remove();
    }

    /** Plain text keeping paragraph and line breaks, as {@link MailHtml#toText} writes it for HTML-only mail. */
    private static String text(Document document) {
        document.outputSettings().prettyPrint(false);
        document.select("br").append("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, blockquote").prepend("\\n");
        return document.body()
                .wholeText()
                .replace("\\n", "\n")
                .replace('\u00A0', ' ')
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
