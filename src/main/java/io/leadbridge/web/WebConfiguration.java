package io.leadbridge.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.view.RedirectView;

/** Language: English or German, chosen with {@code ?lang=}, remembered in a cookie, Accept-Language by default. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("LEADBRIDGE_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            Locale requested = request.getLocale();
            return requested != null && requested.getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH;
        });
        return resolver;
    }

    /**
     * Links in pages are not run through the static-resource resolvers. With a WebJars locator on the classpath Spring
     * Boot registers a {@link ResourceUrlEncodingFilter}, which asks the resolvers about every link a template builds
     * — for a page link that is no resource, a class-path look-up in the application's jar each time (under a lock,
     * uncached). A lead list with 25 rows spent most of its time there (measured: 6 pages a second at 16 concurrent
     * requests). The layout links WebJars without a version, which the resource handler resolves when they are
     * requested, so nothing needs rewriting.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterRegistration() {
        // Spring Boot registers its own filter only when none is registered: this one, registered but not enabled.
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    /**
     * htmx's special views of the htmx-spring-boot library ({@code refresh:htmx}: the {@code HX-Refresh} header, so htmx
     * loads the whole page again; {@code redirect:htmx:…}). The library registers this resolver only beside a {@link
     * org.springframework.web.servlet.View} bean, which would be Spring Boot's whitelabel error page; ours is off ({@code
     * server.error.whitelabel.enabled: false}). Ordered as the library orders it: before Thymeleaf's, which would take
     * any view name for a template.
     */
    @Bean
    HtmxViewResolver htmxViewResolver() {
        HtmxViewResolver resolver = new HtmxViewResolver();
        resolver.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLanguagesOnly(interceptor));
        registry.addInterceptor(new ErrorPathIsNoPage()).addPathPatterns("/error");
        registry.addInterceptor(new RefusedFormsAnswer422());
    }

    /**
     * A form sent with mistakes is shown again with each error at its field, and answered {@code 422 Unprocessable
     * Content}, not {@code 200}: the browser shows the page either way, but a client, a proxy's log, a monitoring
     * check and htmx (whose response handling in the layout swaps a 422 in like a 200) can tell a refused post from a
     * saved one. A post whose page carries a binding result with errors is such a post; a status the handler set
     * itself (a 409 for a change someone else made first) stays.
     */
    private static final class RefusedFormsAnswer422 implements HandlerInterceptor {
        @Override
        public void postHandle(
                HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
            if (page == null
                    || response.getStatus() != HttpServletResponse.SC_OK
                    || "GET".equals(request.getMethod())
                    || "HEAD".equals(request.getMethod())
                    || page.getView() instanceof RedirectView
                    || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
                return;
            }
            for (Object value : page.getModel().values()) {
                if (value instanceof BindingResult result && result.hasErrors()) {
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                    return;
                }
            }
        }
    }

    /**
     * {@code /error} renders the errors Tomcat dispatches to it. Asked for directly there is no error to show, and
     * Spring Boot would answer 500 for want of a status: it is not found, like any path that is no page.
     */
    private static final class ErrorPathIsNoPage implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws IOException {
            if (request.getDispatcherType() == DispatcherType.REQUEST) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return false;
            }
            return true;
        }
    }

    /** Only the languages the bundles are complete for may be chosen. */
    private static final class SupportedLanguagesOnly implements HandlerInterceptor {
        private final LocaleChangeInterceptor delegate;

        SupportedLanguagesOnly(LocaleChangeInterceptor delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws ServletException {
            String lang = request.getParameter("lang");
            if (lang != null && SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(lang))) {
                return delegate.preHandle(request, response, handler);
            }
            return true;
        }
    }
}
