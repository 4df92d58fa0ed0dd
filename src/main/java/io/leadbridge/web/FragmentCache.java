package io.leadbridge.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.convert.ConversionService;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContext;
import org.springframework.web.servlet.view.AbstractTemplateView;
import org.thymeleaf.context.WebExpressionContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.context.webmvc.SpringWebMvcThymeleafRequestContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The HTML of a template's row fragment, rendered once per row and language and kept (issue 21): a page of many rows
 * writes the kept HTML of each instead of rendering the same expressions again on every request. Thymeleaf's cost is
 * per expression and element, and a page's rows were most of it (the queue's 25 rows, 55 % of its CPU samples).
 *
 * <p>A row is keyed by its <em>view record</em> — the value the fragment writes, every text in it formatted and every
 * link built already (e.g. {@code handoff.web.QueueRow}) — with the language, the template and the fragment. So the
 * same key can only render the same HTML: a row that changes (a new time left, another version, another name) is
 * another key, and the old entry ages out. The fragment must read nothing but its row and messages (no request, no
 * person, no time): that is what makes the key complete. The one part of a row that is the request's own is the CSRF
 * token in its forms' hidden field; it is cut out of what is kept, and the request's own token is put back in each
 * time. Nothing kept names a person's token, session or workspace beyond what the row itself shows.
 *
 * <p>Bounded: at most {@value #KEPT_CHARACTERS} characters of HTML (about that many bytes, as the rows are mostly
 * Latin-1), each entry forgotten {@link #KEPT_FOR} after its last use. Each instance keeps its own; nothing in it must
 * survive a restart or be seen by another instance (it is a function of its key).
 */
@Component
public class FragmentCache {

    /** The HTML kept, in characters (a queue row is about 2,000). */
    static final long KEPT_CHARACTERS = 8_000_000;

    static final Duration KEPT_FOR = Duration.ofMinutes(10);

    private final SpringTemplateEngine templates;
    private final ApplicationContext application;
    private final Cache<Key, Html> rows = Caffeine.newBuilder()
            .maximumWeight(KEPT_CHARACTERS)
            .weigher((Key key, Html html) -> html.length())
            .expireAfterAccess(KEPT_FOR)
            .build();

    FragmentCache(SpringTemplateEngine templates, ApplicationContext application) {
        this.templates = templates;
        this.application = application;
    }

    /** What a row's HTML depends on. */
    private record Key(
            String template, String fragment, Locale locale, String contextPath, boolean token, Object row) {}

    /** A row's HTML, in the parts around the places its CSRF token goes. */
    private record Html(String[] parts) {

        int length() {
            int length = 64;
            for (String part : parts) {
                length += part.length();
            }
            return length;
        }

        void writeTo(StringBuilder html, String token) {
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    html.append(token);
                }
                html.append(parts[i]);
            }
        }
    }

    /**
     * The HTML of {@code fragment} of {@code template} for each of {@code rows}, one after the other, in the current
     * request's language: the fragment rendered with {@code variable} a list of the one row (a fragment that iterates
     * over {@code variable}, as {@code <tr th:fragment="row" th:each="item : ${rows}">}).
     */
    public String rows(
            String template,
            String fragment,
            String variable,
            List<?> rows,
            HttpServletRequest request,
            HttpServletResponse response) {
        return rows(template, fragment, variable, rows, row -> true, request, response);
    }

    /**
     * The same, keeping only the rows {@code keep} accepts: the others are rendered on every request (a row whose
     * fragment reads more than the row itself, as a label another module names).
     */
    public <T> String rows(
            String template,
            String fragment,
            String variable,
            List<T> rows,
            Predicate<? super T> keep,
            HttpServletRequest request,
            HttpServletResponse response) {
        Locale locale = LocaleContextHolder.getLocale();
        String token = token(request);
        StringBuilder html = new StringBuilder(rows.size() * 2_500);
        WebExpressionContext context = null; // made once per page, when a row is rendered
        for (T row : rows) {
            Key key = new Key(template, fragment, locale, request.getContextPath(), !token.isEmpty(), row);
            if (!keep.test(row)) {
                context = context != null ? context : context(locale, request, response);
                html.append(render(key, variable, context));
                continue;
            }
            Html kept = this.rows.getIfPresent(key);
            if (kept == null) {
                context = context != null ? context : context(locale, request, response);
                String rendered = render(key, variable, context);
                kept = new Html(token.isEmpty() ? new String[] {rendered} : rendered.split(Pattern.quote(token), -1));
                this.rows.put(key, kept);
            }
            kept.writeTo(html, token);
        }
        return html.toString();
    }

    private String render(Key key, String variable, WebExpressionContext context) {
        context.setVariable(variable, List.of(key.row()));
        return templates.process(key.template(), Set.of(key.fragment()), context);
    }

    /**
     * The context ThymeleafView gives a page, so a fragment renders here exactly as it does inside the page (its forms'
     * CSRF fields included, through Spring's RequestDataValueProcessor).
     */
    private WebExpressionContext context(Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> variables = new HashMap<>();
        RequestContext requestContext = new RequestContext(request, response, request.getServletContext(), variables);
        variables.put(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, requestContext);
        variables.put(AbstractTemplateView.SPRING_MACRO_REQUEST_CONTEXT_ATTRIBUTE, requestContext);
        variables.put(
                SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT,
                new SpringWebMvcThymeleafRequestContext(requestContext, request));
        variables.put(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(
                        application, (ConversionService) request.getAttribute(ConversionService.class.getName())));
        return new WebExpressionContext(
                templates.getConfiguration(),
                JakartaServletWebApplication.buildApplication(request.getServletContext())
                        .buildExchange(request, response),
                locale,
                variables);
    }

    /** The request's CSRF token as its forms carry it (masked once per request), or nothing when it has none. */
    private static String token(HttpServletRequest request) {
        Object token = request.getAttribute(CsrfToken.class.getName());
        return token instanceof CsrfToken csrf && csrf.getToken() != null ? csrf.getToken() : "";
    }

    /** How many rows are kept (for tests). */
    long kept() {
        rows.cleanUp();
        return rows.estimatedSize();
    }
}
