package io.leadbridge.account.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignIns;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
@RequestMapping("/signup")
class SignupController {

    private final AccountManagement accounts;
    private final SignIns signIns;

    SignupController(AccountManagement accounts, SignIns signIns) {
        this.accounts = accounts;
        this.signIns = signIns;
    }

    @GetMapping
    String form(@ModelAttribute("form") SignupForm form) {
        return "account/signup";
    }

    @PostMapping
    String signUp(
            @Valid @ModelAttribute("form") SignupForm form,
            BindingResult errors,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "account/signup";
        }
        SignedInAccount admin;
        try {
            admin = accounts.signUpFrom(request.getRemoteAddr(), form.toCommand(locale));
        } catch (Refusal refusal) {
            Refusals.reject(refusal, errors);
            return "account/signup";
        }
        signIns.signIn(admin, request, response);
        return "redirect:/";
    }
}
