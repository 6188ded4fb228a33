package io.postdesk.mail.inbound;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * HTML from mail, made safe with jsoup's allow-list (never regexes): no script, no event handlers, no styles that
 * could overlay the page, no remote images (they track the reader); {@code cid:} images stay so they can be shown
 * from the stored attachments. Links open without referrer.
 */
@Component
class MailHtml {

    private static final Safelist SAFE = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(false);

    String sanitise(String html) {
        return Jsoup.clean(html, SAFE);
    }

    /** Plain text of an HTML-only mail, keeping paragraph and line breaks. */
    String toText(String html) {
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        document.select("br").append("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, blockquote").prepend("\\n");
        return document.wholeText()
                .replace("\\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
