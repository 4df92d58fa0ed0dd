package io.leadbridge.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.support.IntegrationTest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The error pages: what Tomcat's error dispatches render, and {@code /error} asked for directly. */
@IntegrationTest
class ErrorPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    /** The dispatch Tomcat makes to /error after a request failed with this status (MockMvc makes none itself). */
    private static MockHttpServletRequestBuilder errorDispatch(int status, Throwable failure) {
        return get("/error").accept(MediaType.TEXT_HTML).with(request -> {
            request.setDispatcherType(DispatcherType.ERROR);
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/leads");
            if (failure != null) {
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
            }
            return request;
        });
    }

    @Test
    void errorAskedForDirectlyIsNotFoundNotAServerError() throws Exception {
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
        mvc.perform(get("/error").accept(MediaType.APPLICATION_JSON)).andExpect(status().isNotFound());
        mvc.perform(get("/error")
                        .accept(MediaType.TEXT_HTML)
                        .with(user(workspaces.create().marketer())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aFailedRequestStillGetsThe500PageWithoutItsStackTrace() throws Exception {
        mvc.perform(errorDispatch(500, new IllegalStateException("secret detail of the failure")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(Matchers.containsString("id=\"error-500\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("secret detail"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("IllegalStateException"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("at io.leadbridge"))));
    }

    @Test
    void notFoundAndForbiddenDispatchesGetTheirPages() throws Exception {
        mvc.perform(errorDispatch(404, null))
                .andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("id=\"error-404\"")));
        mvc.perform(errorDispatch(403, null))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("id=\"error-403\"")));
    }
}
