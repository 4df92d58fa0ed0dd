package io.leadbridge.account.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.AccountProblem;
import io.leadbridge.account.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.SecurityContextRepository;
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
    private final SecurityContextRepository securityContexts;
    private final SessionRegistry sessions;

    SignupController(AccountManagement accounts, SecurityContextRepository securityContexts, SessionRegistry sessions) {
        this.accounts = accounts;
        this.securityContexts = securityContexts;
        this.sessions = sessions;
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
            admin = accounts.signUp(form.toCommand(locale));
        } catch (AccountProblem problem) {
            errors.rejectValue(problem.field(), problem.messageCode());
            return "account/signup";
        }
        signIn(admin, request, response);
        return "redirect:/";
    }

    private void signIn(SignedInAccount account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation across the sign-in
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContexts.saveContext(context, request, response);
        sessions.registerNewSession(request.getSession().getId(), account);
    }
}
