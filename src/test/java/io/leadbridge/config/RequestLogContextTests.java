package io.leadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A line logged while a request is handled, written as production writes it with {@code
 * LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} (Boot's encoder for that format), is JSON holding the request's id and the
 * signed-in person's workspace; after the request neither is left on the thread.
 */
@IntegrationTest
class RequestLogContextTests {

    /**
     * MockMvc's DispatcherServlet, which logs every request it dispatches at DEBUG: a line of the request's own, as any
     * controller's would be.
     */
    static final String DISPATCHER = "org.springframework.test.web.servlet.TestDispatcherServlet";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Test
    void aLineLoggedDuringARequestNamesTheRequestAndTheWorkspaceInJson() throws Exception {
        TestWorkspace workspace = workspaces.create();

        List<String> lines = loggedAsEcsDuring(() -> mvc.perform(get("/notifications")
                        .header("X-Request-Id", "edge-1234")
                        .with(user(workspace.marketer())))
                .andExpect(header().string("X-Request-Id", "edge-1234")));

        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{")
                        .contains("\"requestId\":\"edge-1234\"")
                        .contains("\"workspaceId\":\"" + workspace.tenantId() + "\""));
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
        assertThat(MDC.get(RequestLogContext.WORKSPACE_ID)).isNull();
    }

    @Test
    void aRequestWithoutASaneIdGetsOneOfItsOwn() throws Exception {
        List<String> lines = loggedAsEcsDuring(() -> mvc.perform(get("/login").header("X-Request-Id", "a b\u0007c")));

        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .containsPattern("\"requestId\":\"[0-9a-f-]{36}\"")
                        .doesNotContain("workspaceId"));
    }

    interface Request {
        void run() throws Exception;
    }

    private static List<String> loggedAsEcsDuring(Request request) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger dispatcher = context.getLogger(DISPATCHER);
        Level level = dispatcher.getLevel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        dispatcher.addAppender(appender);
        dispatcher.setLevel(Level.DEBUG);
        try {
            request.run();
        } finally {
            dispatcher.setLevel(level);
            dispatcher.detachAppender(appender);
            appender.stop();
        }
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isBlank())
                .toList();
    }
}
