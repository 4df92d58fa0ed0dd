package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PublicBaseUrlTests {

    private static String redirectedTo(PublicBaseUrl base, String location) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/leads");
        request.addHeader("Host", "evil.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        base.absoluteRedirects().getFilter().doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.sendRedirect(location);
            }
        }));
        return response.getRedirectedUrl();
    }

    @Test
    void withAnAddressConfiguredRedirectsToPathsGoThere() throws Exception {
        PublicBaseUrl base = new PublicBaseUrl(" https://leadbridge.example.com/ ");

        assertThat(base.value()).hasValue("https://leadbridge.example.com");
        assertThat(base.absoluteRedirects().isEnabled()).isTrue();
        assertThat(redirectedTo(base, "/login")).isEqualTo("https://leadbridge.example.com/login");
        assertThat(redirectedTo(base, "/leads?continue")).isEqualTo("https://leadbridge.example.com/leads?continue");
        assertThat(redirectedTo(base, "https://elsewhere.example/x")).isEqualTo("https://elsewhere.example/x");
    }

    @Test
    void anAddressWithAPathKeepsIt() throws Exception {
        PublicBaseUrl base = new PublicBaseUrl("https://tools.example.com/leadbridge");

        assertThat(redirectedTo(base, "/login")).isEqualTo("https://tools.example.com/leadbridge/login");
    }

    @Test
    void withoutOneRedirectsStayRelative() throws Exception {
        PublicBaseUrl base = new PublicBaseUrl("");

        assertThat(base.value()).isEmpty();
        assertThat(base.resolve("/login")).isEqualTo("/login");
        assertThat(base.absoluteRedirects().isEnabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"leadbridge.example.com", "ftp://leadbridge.example.com", "https://", "https://x.example?a=1"})
    void somethingElseThanAnHttpAddressIsRefusedAtStartUp(String configured) {
        assertThatThrownBy(() -> new PublicBaseUrl(configured))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leadbridge.public-base-url");
    }
}
