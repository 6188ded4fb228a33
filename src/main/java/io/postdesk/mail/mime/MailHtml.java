package io.postdesk.mail.mime;

import io.postdesk.attachment.Attachment;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * HTML from mail, made safe with jsoup's allow-list (never regexes, never string edits): no script, no event
 * handlers, no {@code style}, {@code class} or {@code id}, no {@code data-*}/{@code hx-*}/{@code th:*} attributes
 * (htmx, Thymeleaf and our own script act on those), no forms, frames, {@code base}, {@code meta}, SVG or MathML, no
 * remote images (they track the reader). Links open in a new tab without referrer.
 *
 * <p>Two moments use it. When a mail arrives, {@link #sanitise} stores the HTML with its {@code cid:} references
 * intact. When a page shows it, {@link #render} rewrites those references on the parsed DOM to the URLs of this
 * message's own attachments and then sanitises again: sanitising is always the last step, and nothing is edited in
 * the HTML text after it (a Content-ID like {@code <q" title=>} once turned a sanitised title into htmx attributes).
 */
@Component
public class MailHtml {

    /** What a page shows: the safe HTML, and which attachments it already shows as inline images. */
    public record Rendered(String html, Set<Long> inlineImageIds) {}

    String sanitise(String html) {
        Document clean = new Cleaner(stored()).clean(Jsoup.parseBodyFragment(html));
        return bodyOf(clean);
    }

    /**
     * The stored HTML of a message ready for a page: {@code cid:} images point at {@code imageUrl} of the matching
     * attachment, {@code cid:} links at {@code downloadUrl}; any other image source and any unknown reference is
     * dropped. The result is the output of the allow-list; put it into the page as it is.
     */
    public Rendered render(
            String html,
            List<Attachment> attachments,
            Function<Attachment, String> imageUrl,
            Function<Attachment, String> downloadUrl) {
        Document document = Jsoup.parseBodyFragment(html);
        Map<String, Attachment> byContentId = byContentId(attachments);
        Set<String> ours = new HashSet<>();
        Set<Long> inlineImageIds = new LinkedHashSet<>();
        for (Element image : document.select("img[src]")) {
            Attachment attachment = referenced(image.attr("src"), byContentId);
            if (attachment != null && isShownInline(attachment)) {
                String url = imageUrl.apply(attachment);
                image.attr("src", url);
                if (!image.hasAttr("alt")) {
                    image.attr("alt", attachment.filename());
                }
                ours.add(url);
                inlineImageIds.add(attachment.id());
            } else {
                image.removeAttr("src");
            }
        }
        // An image needs a text alternative for screen readers: an attached one is named by its file, any other is
        // marked decorative (its source was dropped anyway).
        for (Element image : document.select("img:not([alt])")) {
            image.attr("alt", "");
        }
        for (Element link : document.select("a[href]")) {
            if (!isCid(link.attr("href"))) {
                continue;
            }
            Attachment attachment = referenced(link.attr("href"), byContentId);
            if (attachment != null) {
                String url = downloadUrl.apply(attachment);
                link.attr("href", url);
                ours.add(url);
            } else {
                link.removeAttr("href");
            }
        }
        Document clean = new Cleaner(shown(ours)).clean(document);
        return new Rendered(bodyOf(clean), Set.copyOf(inlineImageIds));
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

    /**
     * The tags and attributes both moments allow: jsoup's relaxed list (formatting, lists, tables, quotes, images,
     * links; none of them carries script, style, class or id) without {@code img src}, which each moment allows its own
     * way.
     */
    private static Safelist common() {
        return Safelist.relaxed()
                .removeAttributes("img", "src")
                .removeProtocols("img", "src", "http", "https")
                .removeProtocols("a", "href", "ftp")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
                .preserveRelativeLinks(false);
    }

    /** When stored: {@code cid:} images and links are kept for {@link #render}; nothing else points at a part. */
    private static Safelist stored() {
        return common().addAttributes("img", "src")
                .addProtocols("img", "src", "cid")
                .addProtocols("a", "href", "cid");
    }

    /**
     * When shown: the only image sources are the URLs {@link #render} put there; links are web or mail addresses or
     * those URLs, and open in a new tab.
     */
    private static Safelist shown(Set<String> ours) {
        Safelist safelist = new Safelist(common()) {
            @Override
            public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
                boolean isSource = tagName.equals("img") && attribute.getKey().equals("src");
                boolean isLink = tagName.equals("a") && attribute.getKey().equals("href");
                if ((isSource || isLink) && ours.contains(attribute.getValue())) {
                    return true;
                }
                return !isSource && super.isSafeAttribute(tagName, element, attribute);
            }
        };
        return safelist.addEnforcedAttribute("a", "target", "_blank");
    }

    private static String bodyOf(Document clean) {
        clean.outputSettings()
                .prettyPrint(false)
                .escapeMode(Entities.EscapeMode.base)
                .charset(StandardCharsets.UTF_8);
        return clean.body().html();
    }

    private static Map<String, Attachment> byContentId(List<Attachment> attachments) {
        Map<String, Attachment> byContentId = new HashMap<>();
        for (Attachment attachment : attachments) {
            if (attachment.contentId() != null) {
                byContentId.putIfAbsent(bare(attachment.contentId()), attachment);
            }
        }
        return byContentId;
    }

    private static @Nullable Attachment referenced(String url, Map<String, Attachment> byContentId) {
        if (!isCid(url)) {
            return null;
        }
        String reference = url.strip().substring("cid:".length());
        Attachment attachment = byContentId.get(reference);
        if (attachment == null) {
            // RFC 2392: a cid URL is the Content-ID percent-encoded; most senders do not encode it.
            try {
                attachment = byContentId.get(URLDecoder.decode(reference.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return attachment;
    }

    private static boolean isCid(String url) {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("cid:");
    }

    /** Only raster images are served inline (an SVG could carry script); others stay in the attachment list. */
    private static boolean isShownInline(Attachment attachment) {
        return attachment.isImage() && !attachment.contentType().contains("svg");
    }

    private static String bare(String contentId) {
        String id = contentId.strip();
        if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1);
        }
        return id.strip();
    }
}
