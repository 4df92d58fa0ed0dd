package io.leadbridge.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Whether a request loads a page (and so the navigation, with its counts): a GET or HEAD of the browser's own, or the
 * error page rendered for one. Not the live stream ({@code Accept: text/event-stream}), not a form post (it redirects,
 * and the page it redirects to counts), not the end of a stream (an async dispatch).
 */
public final class PageLoads {

    private PageLoads() {}

    public static boolean isPageLoad(HttpServletRequest request) {
        DispatcherType dispatch = request.getDispatcherType();
        if (dispatch != DispatcherType.REQUEST && dispatch != DispatcherType.ERROR) {
            return false;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
    }
}
