package io.leadbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, with the demo workspace seeded, against real PostgreSQL: for tests that
 * drive a real browser ({@link Browser}) through it, or talk HTTP to its real server ({@link RawHttp}). Only
 * {@code 127.0.0.1} is a trusted proxy here, so a test can also connect as a client that is none. A test that signs
 * in makes a workspace of its own with {@link Workspaces}; the demo workspace is there to be looked at, never changed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.remoteip.internal-proxies=" + RawHttp.PROXY + "/32")
@ActiveProfiles("demo")
@Import({TestDatabaseConfiguration.class, Workspaces.class})
public @interface BrowserTest {}
