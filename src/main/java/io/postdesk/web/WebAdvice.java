package io.postdesk.web;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PayloadTooLargeException;
import io.postdesk.staff.StaffMember;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page needs (the signed-in staff member), and friendly error pages. */
@ControllerAdvice(basePackageClasses = WebAdvice.class)
class WebAdvice {

    @ModelAttribute("me")
    @Nullable
    StaffMember me(@AuthenticationPrincipal @Nullable StaffMember me) {
        return me;
    }

    @ExceptionHandler
    String on(NotFoundException e, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("message", e.getMessage());
        return "web/error";
    }

    /** E.g. reprocessing a mail that already made its ticket: a conflict to explain, not a server error. */
    @ExceptionHandler
    String on(ConflictException e, HttpServletResponse response, Model model) {
        response.setStatus(409);
        model.addAttribute("message", e.getMessage());
        return "web/error";
    }

    /** A file over the attachment limit: the composer says so (413), it is not a server error. */
    @ExceptionHandler
    String on(PayloadTooLargeException e, HttpServletResponse response, Model model) {
        response.setStatus(413);
        model.addAttribute("message", e.getMessage());
        return "web/error";
    }

    @ExceptionHandler
    String on(InvalidInputException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("message", e.field() + " " + e.getMessage());
        return "web/error";
    }
}
