package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * Every input of every route Spring knows — each request parameter, each field of a form object, each property of
 * the API's JSON, each header a handler reads — gets a NUL byte, a megabyte and a string of control characters, one
 * input at a time, as the person the route is for (issue 15, finding 6). Nothing may answer 5xx, and afterwards no text
 * column of the workspace holds a control character. Driven from the handler mappings like {@link RouteAccessTests},
 * so a new form or parameter is covered without anyone remembering.
 */
@IntegrationTest
class HostileInputTests {

    /** Each long enough for any minimum length a field asks, so the hostile part is what decides. */
    static final Map<String, String> HOSTILE = Map.of(
            "a NUL byte",
            "A sentence long enough for any field's minimum\u0000with a NUL byte inside it.",
            "a megabyte",
            "x".repeat(1 << 20),
            "control characters",
            "A sentence long enough for any field's minimum \u0007\u001b[31mred\u001b[0m\u007f\u0085\u0008 with controls.");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestHandoffs given;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    CriteriaManagement criteria;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    ObjectMapper json;

    @Autowired
    StoredTextRefusals refusals;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The ids each kind of route is tried with: things in the state the route acts on. */
    record Fixture(
            TestWorkspace workspace,
            LeadView fresh,
            LeadView awaiting,
            LeadView rejected,
            long dispute,
            long criteriaVersion,
            long funnelVersion,
            long notification,
            UUID apiKey,
            String key) {}

    private <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    private Fixture fixture() {
        TestWorkspace workspace = workspaces.create();
        LeadView fresh = leads.create(workspace.marketer());
        LeadView awaiting = given.handedOff(workspace);
        LeadView rejected = given.rejected(workspace);
        LeadView disputed = given.rejected(workspace);
        long dispute = in(
                        workspace,
                        () -> disputes.dispute(
                                disputed.id(),
                                null,
                                "They signed a letter of intent yesterday; the project starts now.",
                                workspace.marketer()))
                .id();
        long criteriaVersion = in(
                        workspace,
                        () -> criteria.propose(Criteria.defaults(), "Hostile input fixture", workspace.marketer()))
                .agreement()
                .id();
        long funnelVersion = in(
                        workspace,
                        () -> funnel.propose(Funnel.defaults(), "Hostile input fixture", workspace.marketer()))
                .agreement()
                .id();
        // The rejections told the marketer who handed the leads off: a notification of theirs (after the commit).
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        long notification = owner.jdbc()
                .sql("select max(id) from notification where recipient_id = ?")
                .param(workspace.marketer().accountId())
                .query(Long.class)
                .single();
        var created = apiKeys.create(workspace, "Hostile");
        return new Fixture(
                workspace,
                fresh,
                awaiting,
                rejected,
                dispute,
                criteriaVersion,
                funnelVersion,
                notification,
                created.id(),
                created.value());
    }

    /** The path of a route, with the ids of things in the state it acts on. */
    private static String path(String pattern, Fixture f) {
        String id;
        if (pattern.startsWith("/leads/import/")) {
            id = "1";
        } else if (pattern.matches("/leads/\\{id}/(accept|reject|reassign|return)")
                || pattern.startsWith("/sales/queue/")) {
            id = Long.toString(f.awaiting().id());
        } else if (pattern.equals("/leads/{id}/dispute")) {
            id = Long.toString(f.rejected().id());
        } else if (pattern.startsWith("/leads/") || pattern.startsWith("/api/v1/leads/")) {
            id = Long.toString(f.fresh().id());
        } else if (pattern.startsWith("/disputes/")) {
            id = Long.toString(f.dispute());
        } else if (pattern.startsWith("/criteria/")) {
            id = Long.toString(f.criteriaVersion());
        } else if (pattern.startsWith("/funnel/")) {
            id = Long.toString(f.funnelVersion());
        } else if (pattern.startsWith("/admin/users/")) {
            id = Long.toString(f.workspace().marketer().accountId());
        } else if (pattern.startsWith("/admin/api-keys/")) {
            id = f.apiKey().toString();
        } else if (pattern.startsWith("/notifications/")) {
            id = Long.toString(f.notification());
        } else {
            id = "1";
        }
        return pattern.replace("{id}", id).replace("{code}", "NO_BUDGET");
    }

    /** Who sends the route's requests: the person it is for (the rep approves the marketer's proposals). */
    private static SignedInAccount persona(String route, Fixture f) {
        RouteAccessTests.Access access = RouteAccessTests.RULES.get(route);
        if (access == null || access.anonymous() || access.apiKey()) {
            return null;
        }
        if (route.matches("POST /(criteria|funnel)/versions/\\{id}/(approve|decline)")) {
            return f.workspace().salesRep();
        }
        if (route.startsWith("POST /disputes/") || route.equals("POST /leads/{id}/return")) {
            return f.workspace().liaison();
        }
        if (access.role().isPresent()) {
            return f.workspace().as(access.role().get());
        }
        if (!access.roles().isEmpty()) {
            return f.workspace().as(access.roles().contains(Role.MARKETER) ? Role.MARKETER : Role.SALES_REP);
        }
        return f.workspace().marketer();
    }

    /** An input of a route: where it goes (parameter, header, JSON property, file) and its name. */
    record Input(String kind, String name) {}

    private List<Input> inputs(HandlerMethod handler) {
        Set<Input> inputs = new LinkedHashSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            Class<?> type = parameter.getParameterType();
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (MultipartFile.class.isAssignableFrom(type)) {
                inputs.add(new Input("file", param != null && !param.name().isEmpty() ? param.name() : "file"));
            } else if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
                inputs.add(new Input("param", name));
            } else if (header != null) {
                inputs.add(new Input("header", !header.name().isEmpty() ? header.name() : header.value()));
            } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                for (String property : properties(type)) {
                    inputs.add(new Input("json", property));
                }
            } else if (isForm(type)) {
                for (String property : properties(type)) {
                    inputs.add(new Input("param", property));
                }
            }
        }
        return new ArrayList<>(inputs);
    }

    private static boolean isForm(Class<?> type) {
        return type.getPackageName().startsWith("io.leadbridge") && !type.isEnum() && !type.isInterface();
    }

    /** The inputs a form object or JSON body binds: its record components or its properties with setters. */
    private static List<String> properties(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
            return names;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null) {
                names.add(property.getName());
            }
        }
        return names;
    }

    private AbstractMockHttpServletRequestBuilder<?> hostileRequest(
            HttpMethod method, String path, Input input, String value, Fixture f) throws Exception {
        AbstractMockHttpServletRequestBuilder<?> request;
        switch (input.kind()) {
            case "file" ->
                request = multipart(path)
                        .file(new MockMultipartFile(
                                input.name(),
                                value + ".csv",
                                "text/csv",
                                ("email,companyName\n" + value + ",Acme\n").getBytes()));
            case "json" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("email", "hostile-" + UUID.randomUUID() + "@test.example");
                body.put("companyName", "Hostile Input GmbH");
                body.put(input.name(), value);
                Object document = input.name().equals("leads") ? Map.of("leads", List.of(body)) : body;
                if (path.endsWith("/batch") && !input.name().equals("leads")) {
                    document = Map.of("leads", List.of(body));
                }
                request = request(method, path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(document));
            }
            case "header" -> request = request(method, path).header(input.name(), value);
            default -> request = request(method, path).param(input.name(), value);
        }
        if (path.startsWith("/api/")) {
            request.header("Authorization", "Bearer " + f.key());
            if (method == HttpMethod.POST && !input.kind().equals("json")) {
                request.contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"h-" + UUID.randomUUID() + "@test.example\", \"companyName\": \"H\"}");
            }
        }
        return request.with(csrf());
    }

    @Test
    void noInputOfAnyRouteAnswers5xxAndNoControlCharacterIsStored() throws Exception {
        Fixture f = fixture();
        Map<String, String> failures = new TreeMap<>();
        int requests = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            List<Input> inputs = inputs(mapping.getValue());
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (pattern.startsWith("/v3/")
                        || pattern.startsWith("/swagger")
                        || pattern.equals("/activity/stream")) {
                    continue; // springdoc's own endpoints; the stream is an endless response
                }
                for (RequestMethod requestMethod : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String route = requestMethod.name() + " " + pattern;
                    String key = RouteAccessTests.RULES.containsKey(route) ? route : "ANY " + pattern;
                    SignedInAccount persona = persona(key, f);
                    String path = path(pattern, f);
                    for (Input input : inputs) {
                        for (Map.Entry<String, String> hostile : HOSTILE.entrySet()) {
                            AbstractMockHttpServletRequestBuilder<?> request = hostileRequest(
                                    HttpMethod.valueOf(requestMethod.name()), path, input, hostile.getValue(), f);
                            if (persona != null) {
                                request.with(user(persona));
                            }
                            String label = route + " " + input + " with " + hostile.getKey();
                            long refusedBefore = refusals.count();
                            int status;
                            try {
                                status = mvc.perform(request)
                                        .andReturn()
                                        .getResponse()
                                        .getStatus();
                            } catch (Exception e) {
                                status = 599;
                                failures.put(label, e.toString());
                            }
                            requests++;
                            if (status >= 500) {
                                failures.putIfAbsent(label, "answered " + status);
                            }
                            if (refusals.count() > refusedBefore) {
                                failures.putIfAbsent(label, "reached the database unchecked (the database refused it)");
                            }
                        }
                    }
                }
            }
        }
        assertThat(requests).as("hostile requests sent").isGreaterThan(300);
        assertThat(failures).isEmpty();
        assertThat(controlCharactersStored(f.workspace())).isEmpty();
    }

    /** The text columns of the workspace's rows that hold a control character other than tab and line breaks. */
    private Collection<String> controlCharactersStored(TestWorkspace workspace) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = owner.jdbc().sql("""
                        select c.table_name, c.column_name, c.data_type from information_schema.columns c
                        where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb')
                          and exists (select 1 from information_schema.columns t where t.table_schema = 'public'
                                      and t.table_name = c.table_name and t.column_name = 'tenant_id')
                        """).query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            // Raw control characters in text; in jsonb's text form those below U+0020 are written as escapes.
            String pattern = "jsonb".equals(column.get("data_type"))
                    ? "'\\\\u00(0[0-8bcef]|1[0-9a-f])|[\\x7f\\u0080-\\u009f]'"
                    : "'[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\u0080-\\u009f]'";
            long rows = owner.count(
                    "select count(*) from " + table + " where tenant_id = ? and " + name + "::text ~ " + pattern,
                    workspace.tenantId());
            if (rows > 0) {
                found.add(table + "." + name + ": " + rows + " rows");
            }
        }
        return found;
    }
}
