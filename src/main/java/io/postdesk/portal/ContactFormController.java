package io.postdesk.portal;

import io.postdesk.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/** The public contact form: the page at {@code /contact} and {@code POST /api/public/contact} for JSON. */
@Controller
class ContactFormController {

    private final ContactForms forms;

    ContactFormController(ContactForms forms) {
        this.forms = forms;
    }

    @GetMapping("/contact")
    String form(Model model) {
        model.addAttribute("form", new ContactForms.Submission(null, null, null, null, null));
        return "portal/contact";
    }

    @PostMapping("/contact")
    String submit(
            @ModelAttribute ContactForms.Submission form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("form", form);
        try {
            model.addAttribute("ticketId", forms.submit(form, request.getRemoteAddr()));
            return "portal/contact-sent";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("error", e.field() + " " + e.getMessage());
        } catch (ContactForms.TooManySubmissions | ContactForms.LooksLikeABot e) {
            response.setStatus(e instanceof ContactForms.TooManySubmissions ? 429 : 400);
            model.addAttribute("error", e.getMessage());
        }
        return "portal/contact";
    }

    @PostMapping("/api/public/contact")
    @ResponseBody
    ResponseEntity<?> submitJson(@RequestBody ContactForms.Submission form, HttpServletRequest request) {
        try {
            long ticketId = forms.submit(form, request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("ticketId", ticketId));
        } catch (InvalidInputException e) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.field() + " " + e.getMessage());
            problem.setProperty("field", e.field());
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
            return ResponseEntity.badRequest().body(problem);
        } catch (ContactForms.TooManySubmissions e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(ContactForms.WINDOW.toSeconds()))
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
        } catch (ContactForms.LooksLikeABot e) {
            return ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
    }
}
