package io.postdesk.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends the browser to another page after an action. htmx requests get {@code HX-Redirect} (an XHR would silently
 * follow a 302 and swap the new page into the old one); plain form posts get a normal redirect.
 */
final class Navigation {

    private Navigation() {}

    static String redirect(String url, HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", url);
            return "web/empty";
        }
        return "redirect:" + url;
    }
}
