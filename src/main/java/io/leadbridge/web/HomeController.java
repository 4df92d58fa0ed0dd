package io.leadbridge.web;

import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /} sends each person to their home. */
@Controller
class HomeController {

    /** In order of precedence: a person with several roles lands on the first that applies. */
    private static final List<String[]> HOMES = List.of(
            new String[] {"ROLE_MARKETER", "/marketing"},
            new String[] {"ROLE_SALES_REP", "/sales/queue"},
            new String[] {"ROLE_LIAISON", "/liaison"},
            new String[] {"ROLE_ADMIN", "/admin/users"});

    @GetMapping("/")
    String home(Authentication authentication) {
        List<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        for (String[] home : HOMES) {
            if (authorities.contains(home[0])) {
                return "redirect:" + home[1];
            }
        }
        throw new AccessDeniedException("A person without a role has no home");
    }
}
