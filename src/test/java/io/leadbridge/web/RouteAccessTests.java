package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.leadbridge.account.Role;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route × every role. The table below is the rule book: a route the application serves but the table does not
 * name fails this test, so no route ships without a decision about who may reach it.
 */
@IntegrationTest
class RouteAccessTests {

    /** Who may reach a route: anyone, any signed-in person, or the people holding one role. */
    record Access(boolean anonymous, Optional<Role> role, boolean apiKey, Set<Role> roles) {
        static final Access ANYONE = new Access(true, Optional.empty(), false, Set.of());
        static final Access SIGNED_IN = new Access(false, Optional.empty(), false, Set.of());
        /** The two teams: marketers and sales reps. */
        static final Access TEAMS = new Access(false, Optional.empty(), false, Set.of(Role.MARKETER, Role.SALES_REP));
        /** The teams and the liaison, who mediates. */
        static final Access CRITERIA_READERS =
                new Access(false, Optional.empty(), false, Set.of(Role.MARKETER, Role.SALES_REP, Role.LIAISON));
        /** Marketing, or the liaison who mediates (e.g. reassigning a handoff). */
        static final Access MARKETING_OR_LIAISON =
                new Access(false, Optional.empty(), false, Set.of(Role.MARKETER, Role.LIAISON));
        /** Only with an API key: no person, whatever their role, gets in with a session. */
        static final Access API = new Access(false, Optional.empty(), true, Set.of());

        static Access only(Role role) {
            return new Access(false, Optional.of(role), false, Set.of());
        }

        boolean allows(Optional<Role> persona) {
            if (apiKey) {
                return false;
            }
            if (persona.isEmpty()) {
                return anonymous;
            }
            if (!roles.isEmpty()) {
                return roles.contains(persona.get());
            }
            return role.isEmpty() || role.equals(persona);
        }
    }

    static final Map<String, Access> RULES = Map.ofEntries(
            Map.entry("GET /login", Access.ANYONE),
            Map.entry("GET /login/workspace", Access.ANYONE),
            Map.entry("POST /login/workspace", Access.ANYONE),
            Map.entry("GET /signup", Access.ANYONE),
            Map.entry("POST /signup", Access.ANYONE),
            Map.entry("ANY /error", Access.ANYONE),
            Map.entry("GET /", Access.SIGNED_IN),
            Map.entry("GET /marketing", Access.only(Role.MARKETER)),
            Map.entry("GET /sales", Access.only(Role.SALES_REP)),
            Map.entry("GET /liaison", Access.only(Role.LIAISON)),
            Map.entry("POST /liaison/evidence", Access.only(Role.LIAISON)),
            Map.entry("GET /leads", Access.SIGNED_IN),
            Map.entry("GET /leads/new", Access.only(Role.MARKETER)),
            Map.entry("POST /leads", Access.only(Role.MARKETER)),
            Map.entry("GET /leads/{id}", Access.SIGNED_IN),
            Map.entry("GET /leads/{id}/edit", Access.only(Role.MARKETER)),
            Map.entry("GET /leads/export", Access.only(Role.MARKETER)),
            Map.entry("GET /leads/import", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/import", Access.only(Role.MARKETER)),
            Map.entry("GET /leads/import/{id}", Access.only(Role.MARKETER)),
            Map.entry("GET /leads/import/{id}/progress", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/import/{id}/mapping", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/import/{id}/confirm", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/{id}", Access.only(Role.MARKETER)),
            Map.entry("GET /criteria", Access.CRITERIA_READERS),
            Map.entry("GET /criteria/reevaluation", Access.CRITERIA_READERS),
            Map.entry("GET /criteria/propose", Access.TEAMS),
            Map.entry("POST /criteria/proposals", Access.TEAMS),
            Map.entry("POST /criteria/drafts/{id}/discard", Access.TEAMS),
            Map.entry("GET /criteria/versions/{id}", Access.CRITERIA_READERS),
            Map.entry("POST /criteria/versions/{id}/approve", Access.TEAMS),
            Map.entry("POST /criteria/versions/{id}/decline", Access.TEAMS),
            Map.entry("POST /criteria/versions/{id}/withdraw", Access.TEAMS),
            Map.entry("POST /criteria/versions/{id}/comments", Access.CRITERIA_READERS),
            Map.entry("GET /funnel", Access.CRITERIA_READERS),
            Map.entry("GET /funnel/propose", Access.TEAMS),
            Map.entry("POST /funnel/proposals", Access.TEAMS),
            Map.entry("GET /funnel/versions/{id}", Access.CRITERIA_READERS),
            Map.entry("POST /funnel/versions/{id}/approve", Access.TEAMS),
            Map.entry("POST /funnel/versions/{id}/decline", Access.TEAMS),
            Map.entry("POST /funnel/versions/{id}/withdraw", Access.TEAMS),
            Map.entry("POST /funnel/versions/{id}/comments", Access.CRITERIA_READERS),
            Map.entry("GET /leads/{id}/handoff", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/{id}/handoff", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/{id}/accept", Access.only(Role.SALES_REP)),
            Map.entry("POST /leads/{id}/reject", Access.only(Role.SALES_REP)),
            Map.entry("POST /leads/{id}/reassign", Access.MARKETING_OR_LIAISON),
            Map.entry("POST /leads/{id}/stage", Access.CRITERIA_READERS),
            Map.entry("POST /leads/{id}/dispute", Access.only(Role.MARKETER)),
            Map.entry("POST /leads/{id}/comments", Access.CRITERIA_READERS),
            Map.entry("GET /goals", Access.SIGNED_IN),
            Map.entry("GET /activity", Access.SIGNED_IN),
            Map.entry("GET /activity/stream", Access.SIGNED_IN),
            Map.entry("POST /goals", Access.only(Role.ADMIN)),
            Map.entry("POST /leads/{id}/return", Access.only(Role.LIAISON)),
            Map.entry("GET /disputes/{id}", Access.CRITERIA_READERS),
            Map.entry("POST /disputes/{id}/decision", Access.only(Role.LIAISON)),
            Map.entry("GET /sales/queue", Access.only(Role.SALES_REP)),
            Map.entry("GET /sales/queue/{id}/reject", Access.only(Role.SALES_REP)),
            Map.entry("POST /sales/queue/{id}/undo", Access.only(Role.SALES_REP)),
            Map.entry("POST /sales/away", Access.only(Role.SALES_REP)),
            Map.entry("GET /admin/settings", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/settings", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/settings/holidays", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/settings/holidays/delete", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/rejection-reasons", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/rejection-reasons", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/rejection-reasons/{code}", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/rejection-reasons/{code}/move", Access.only(Role.ADMIN)),
            Map.entry("GET /notifications", Access.SIGNED_IN),
            // E-mail (issue 19): a person's own settings; the mails' one-click unsubscribe works without a session
            // (a bad token answers 400, which is no refusal); the admin's list of mails.
            Map.entry("GET /account/notifications", Access.SIGNED_IN),
            Map.entry("POST /account/notifications", Access.SIGNED_IN),
            Map.entry("GET /mail/unsubscribe", Access.ANYONE),
            Map.entry("POST /mail/unsubscribe", Access.ANYONE),
            Map.entry("GET /admin/deliveries", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/deliveries/webhooks", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/deliveries/{id}/resend", Access.only(Role.ADMIN)),
            Map.entry("POST /notifications/{id}/read", Access.SIGNED_IN),
            Map.entry("POST /notifications/read-all", Access.SIGNED_IN),
            Map.entry("GET /admin/users", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/users/new", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/users", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/users/{id}", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/users/{id}/roles", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/users/{id}/deactivate", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/users/{id}/reactivate", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/api-keys", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/api-keys", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/api-keys/created", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/api-keys/{id}/revoke", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/webhooks", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/webhooks/{id}", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/webhooks/{id}/secret", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/rotate", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/events", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/disable", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/privacy", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/privacy/export", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/privacy/summary", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/privacy/erase", Access.only(Role.ADMIN)),
            Map.entry("GET /admin/privacy/tombstones/{id}", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/privacy/retention", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/enable", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/test", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/{id}/delete", Access.only(Role.ADMIN)),
            Map.entry("POST /admin/webhooks/deliveries/{id}/resend", Access.only(Role.ADMIN)),
            // The intake API has its own chain: an API key, never a person's session (ApiKeyTests covers it).
            Map.entry("POST /api/v1/leads", Access.API),
            Map.entry("POST /api/v1/leads/batch", Access.API),
            Map.entry("GET /api/v1/leads/{id}", Access.API),
            // springdoc's OpenAPI document and UI: public, like any published API description.
            Map.entry("GET /v3/api-docs", Access.ANYONE),
            Map.entry("GET /v3/api-docs.yaml", Access.ANYONE),
            Map.entry("GET /v3/api-docs/swagger-config", Access.ANYONE),
            Map.entry("GET /swagger-ui.html", Access.ANYONE),
            // Health and its probes on the public port (config.web.HealthProbes): anyone, the status only.
            Map.entry("GET /actuator/health", Access.ANYONE),
            Map.entry("GET /actuator/health/liveness", Access.ANYONE),
            Map.entry("GET /actuator/health/readiness", Access.ANYONE));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                }
                methods.forEach(method -> routes.add(method + " " + pattern));
            }
        }
        return routes;
    }

    @Test
    void everyServedRouteHasARuleAndEveryRuleARoute() {
        assertThat(servedRoutes())
                .as("routes without an access rule in RouteAccessTests.RULES")
                .isSubsetOf(RULES.keySet());
        assertThat(RULES.keySet()).as("rules for routes that no longer exist").isSubsetOf(servedRoutes());
    }

    @Test
    void eachRoleReachesExactlyTheRoutesItMay() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String someoneId = Long.toString(workspace.marketer().accountId());
        List<Optional<Role>> personas = new ArrayList<>();
        personas.add(Optional.empty());
        for (Role role : Role.values()) {
            personas.add(Optional.of(role));
        }

        Map<String, String> wrong = new TreeMap<>();
        for (String route : new TreeSet<>(RULES.keySet())) {
            String[] parts = route.split(" ", 2);
            HttpMethod method = parts[0].equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(parts[0]);
            String path = parts[1].replace("{id}", someoneId).replace("{code}", "NO_BUDGET");
            for (Optional<Role> persona : personas) {
                MockHttpServletRequestBuilder request = request(method, path).with(csrf());
                persona.ifPresent(role -> request.with(user(workspace.as(role))));
                MockHttpServletResponse response =
                        mvc.perform(request).andReturn().getResponse();
                boolean denied = RULES.get(route).apiKey()
                        ? response.getStatus() == 401
                        : persona.isEmpty()
                                ? response.getStatus() == 302
                                        && String.valueOf(response.getRedirectedUrl())
                                                .endsWith("/login")
                                : response.getStatus() == 403;
                boolean expectedAllowed = RULES.get(route).allows(persona);
                if (denied == expectedAllowed) {
                    wrong.put(
                            route + " as " + persona.map(Role::name).orElse("anonymous"),
                            (expectedAllowed ? "expected allowed" : "expected denied") + ", got " + response.getStatus()
                                    + " " + response.getRedirectedUrl());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
