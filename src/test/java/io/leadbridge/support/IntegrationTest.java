package io.leadbridge.support;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.lead.TestLeads;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application against real PostgreSQL, with MockMvc. All such tests share one context and one database;
 * each test works in a workspace of its own ({@code TestWorkspaces}), so tests never see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import({
    TestDatabaseConfiguration.class,
    OwnerDatabase.class,
    TestWorkspaces.class,
    TestLeads.class,
    TestHandoffs.class,
    TestImports.class,
    TestApiKeys.class,
    BrowserSessions.class
})
public @interface IntegrationTest {}
