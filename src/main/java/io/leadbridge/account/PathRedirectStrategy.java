package io.leadbridge.account;

import java.net.URI;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.util.UrlUtils;

/**
 * Redirects to an absolute URL by its path and query only. After sign-in the person goes back to the page they asked
 * for, which Spring Security saved as an absolute URL built from that request's {@code Host} header: whatever the client
 * sent. The path is all LeadBridge needs (leadbridge.public-base-url makes it absolute where wanted).
 */
final class PathRedirectStrategy extends DefaultRedirectStrategy {

    @Override
    protected String calculateRedirectUrl(String contextPath, String url) {
        if (!UrlUtils.isAbsoluteUrl(url)) {
            return super.calculateRedirectUrl(contextPath, url);
        }
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return contextPath + "/";
        }
    }
}
