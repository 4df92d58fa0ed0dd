package io.leadbridge.web;

import io.leadbridge.shared.Refusal;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one place a {@link Refusal} becomes what a page shows: errors at the form's fields (so a refusal of a service
 * and a Bean Validation error re-render the form alike), a flash message after a redirect, and the status a page
 * answers with (409 when someone else acted first, 422 for input that breaks a rule). The API's problem+json for a
 * refusal is written by the API's own advice from the same fields and codes.
 */
public final class Refusals {

    private Refusals() {}

    /** Puts the refusal on the form: each wrong field at its field, a refusal as a whole as the form's own error. */
    public static void reject(Refusal refusal, BindingResult result) {
        if (refusal.fields().isEmpty()) {
            result.reject(refusal.messageCode(), refusal.arguments(), null);
            return;
        }
        for (Refusal.FieldError error : refusal.fields()) {
            result.rejectValue(error.field(), error.code(), error.argumentArray(), null);
        }
    }

    /** Shows the refusal on the next page, after a redirect (the layout's alert reads {@code flashError}). */
    public static void flash(Refusal refusal, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flashError", refusal.messageCode());
        Object[] arguments = refusal.arguments();
        if (arguments.length > 0) {
            redirect.addFlashAttribute("flashArgument", arguments[0]);
        }
    }

    /** 409 when someone else changed the thing meanwhile, 422 for a rule the input breaks. */
    public static int status(Refusal refusal) {
        return refusal.conflict() ? 409 : 422;
    }
}
