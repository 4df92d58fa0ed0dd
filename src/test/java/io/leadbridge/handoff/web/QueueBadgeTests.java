package io.leadbridge.handoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.RepQueue.Waiting;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The queue's count in the navigation is read when a rep loads a page, not for the live stream every page opens, nor
 * for a form post (it redirects to a page that counts).
 */
@IntegrationTest
class QueueBadgeTests {

    @Autowired
    QueueBadge badge;

    @Autowired
    TestWorkspaces workspaces;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPageLoadCountsTheStreamAndAPostDoNot() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sam = workspace.salesRep();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(sam, null, sam.getAuthorities()));
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sales");
            page.addHeader("Accept", "text/html");
            // Read when the page renders it: a new workspace's rep has nothing waiting.
            assertThat(badge.waiting(page).getValue()).isEqualTo(new Waiting(0, 0));

            MockHttpServletRequest stream = new MockHttpServletRequest("GET", "/activity/stream");
            stream.addHeader("Accept", "text/event-stream");
            assertThat(badge.waiting(stream)).isNull();

            MockHttpServletRequest post = new MockHttpServletRequest("POST", "/sales/away");
            assertThat(badge.waiting(post)).isNull();
        });
    }
}
