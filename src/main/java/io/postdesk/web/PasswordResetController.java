package io.postdesk.web;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.staff.PasswordResets;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a staff member opens from a password reset link (issued by an admin, see {@link PasswordResets}): no
 * sign-in needed, the token is the credential. Opening the page does not spend the link (mail scanners open links);
 * only setting the password does. A used, expired or unknown link is a 410 page that says to ask an admin for a new one.
 */
@Controller
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/password-reset")
    String form(@RequestParam(required = false) @Nullable String token, HttpServletResponse response, Model model) {
        var member = resets.check(token);
        if (member.isEmpty()) {
            return gone(response, model);
        }
        model.addAttribute("token", token);
        model.addAttribute("memberEmail", member.get().email().value());
        return "web/password-reset";
    }

    @PostMapping("/password-reset")
    String reset(
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            HttpServletResponse response,
            Model model) {
        var member = resets.check(token);
        if (member.isEmpty()) {
            return gone(response, model);
        }
        model.addAttribute("token", token);
        model.addAttribute("memberEmail", member.get().email().value());
        if (!password.equals(confirmation)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "The two passwords differ.");
            return "web/password-reset";
        }
        try {
            if (resets.redeem(token, password).isEmpty()) {
                return gone(response, model);
            }
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "Password " + e.getMessage() + ".");
            return "web/password-reset";
        }
        return "redirect:/login?reset";
    }

    private static String gone(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("gone", true);
        return "web/password-reset";
    }
}
