package io.leadbridge.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The parts of the page layout's navigation that are the same for everyone with the same roles and language: the
 * menu's items and the language switch ({@code layout/menu.html}), rendered once for each roles, language and context
 * path and kept. The layout ({@code layout/main.html}) writes them as they are and renders around them what is the
 * person's own on every request: the queue's count (between the menu's two parts), the bell, the person's name and
 * workspace, the sign-out form with its CSRF token.
 *
 * <p>The items were about 40 expressions (a role check, a link and a message each) on every page. The key holds only
 * the person's roles ({@code ROLE_…} authorities), the language and the context path, nothing a person typed or is
 * called: the cache has at most a few dozen useful entries, and a client that sends made-up languages only turns over
 * a bounded cache.
 */
@Component("navigationMenu")
public class NavigationMenu {

    /** Enough for every set of the four roles in a few languages and context paths. */
    static final int KEPT = 256;

    private final ITemplateEngine templates;
    private final Cache<Key, Menu> menus = Caffeine.newBuilder()
            .maximumSize(KEPT)
            .expireAfterAccess(Duration.ofHours(12))
            .build();

    NavigationMenu(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** What the menu depends on. */
    record Key(List<String> roles, Locale locale, String contextPath) {}

    /**
     * The menu's items before the queue's (which has a count of its own), whether the queue's item shows, the items
     * after it, and the language switch: HTML, as {@code layout/menu.html} renders it.
     */
    public record Menu(String beforeQueue, boolean queue, String afterQueue, String languages) {}

    /** The menu for the signed-in person (or the visitor) of the current request, in {@code locale}. */
    public Menu menu(Locale locale) {
        ServletRequestAttributes attributes =
                (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        HttpServletResponse response = attributes.getResponse();
        Key key = new Key(roles(), locale, request.getContextPath());
        return menus.get(key, k -> render(k, request, response));
    }

    private static List<String> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return List.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .distinct()
                .sorted()
                .toList();
    }

    private Menu render(Key key, HttpServletRequest request, HttpServletResponse response) {
        WebContext context = new WebContext(
                JakartaServletWebApplication.buildApplication(request.getServletContext())
                        .buildExchange(request, response),
                key.locale(),
                Map.of("roles", key.roles()));
        return new Menu(
                templates.process("layout/menu", Set.of("before-queue"), context),
                key.roles().contains("ROLE_SALES_REP"),
                templates.process("layout/menu", Set.of("after-queue"), context),
                templates.process("layout/menu", Set.of("languages"), context));
    }

    /** How many menus are kept (for tests). */
    long kept() {
        menus.cleanUp();
        return menus.estimatedSize();
    }
}
