package io.leadbridge.account.web;

import io.leadbridge.account.SignIns;
import io.leadbridge.account.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (Spring Security handles its POST), and the choice of workspace when a password opened accounts in
 * several.
 */
@Controller
class LoginController {

    private final SignIns signIns;

    LoginController(SignIns signIns) {
        this.signIns = signIns;
    }

    @GetMapping("/login")
    String login(
            @RequestParam(name = "wait", required = false) String wait,
            @RequestParam(name = "workspace", required = false) String workspace,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        // After a failed attempt the e-mail address stays in the form; the password never does.
        model.addAttribute("email", signIns.failedEmail(request, response));
        long seconds = seconds(wait);
        if (seconds > 0) {
            model.addAttribute("waitMinutes", seconds >= 90 ? (seconds + 59) / 60 : 0);
            model.addAttribute("waitSeconds", seconds);
        }
        if (workspace != null && workspace.matches("[a-z0-9-]{1,63}")) {
            model.addAttribute("workspace", workspace);
        }
        return "account/login";
    }

    @GetMapping("/login/workspace")
    String chooseWorkspace(HttpServletRequest request, Model model, Authentication signedIn) {
        if (signedIn != null && signedIn.getPrincipal() instanceof SignedInAccount) {
            return "redirect:/"; // chosen already (the browser's Back button)
        }
        var choices = signIns.choices(request);
        if (choices.isEmpty()) {
            return "redirect:/login?choiceExpired";
        }
        model.addAttribute("choices", choices);
        return "account/choose-workspace";
    }

    @PostMapping("/login/workspace")
    String chosen(
            @RequestParam(name = "tenant", required = false) String tenant,
            HttpServletRequest request,
            HttpServletResponse response) {
        UUID tenantId;
        try {
            tenantId = UUID.fromString(tenant == null ? "" : tenant.strip());
        } catch (IllegalArgumentException notAWorkspace) {
            return "redirect:/login/workspace";
        }
        return signIns.choose(request, response, tenantId) ? "redirect:/" : "redirect:/login?choiceExpired";
    }

    private static long seconds(String wait) {
        if (wait == null || !wait.matches("\\d{1,6}")) {
            return 0;
        }
        return Math.min(Long.parseLong(wait), 24 * 3600);
    }
}
