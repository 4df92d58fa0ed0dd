package io.leadbridge.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for every test: a Testcontainers container where Docker runs, the local server otherwise. Either way
 * the test's user is the owner ({@code spring.flyway.user}), and the pool logs in as the application's own role, as
 * configured in application.yaml, so row-level security binds the tests' queries as it binds production's.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

    /** The container's server authenticates with passwords; the owner sets this one on the application's role. */
    static final String CONTAINER_APPLICATION_PASSWORD = "leadbridge-test";

    @Bean
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    // Properties rather than @ServiceConnection: a service connection would make the container's superuser the
    // pool's user, and row-level security would not bind the tests.
    @Bean
    @Conditional(DockerAvailable.class)
    static DynamicPropertyRegistrar containerPostgres(PostgreSQLContainer postgres) {
        return registry -> {
            registry.add("spring.datasource.url", postgres::getJdbcUrl);
            registry.add("spring.datasource.password", () -> CONTAINER_APPLICATION_PASSWORD);
            registry.add("spring.flyway.user", postgres::getUsername);
            registry.add("spring.flyway.password", postgres::getPassword);
        };
    }

    @Bean
    @Conditional(DockerUnavailable.class)
    static DynamicPropertyRegistrar localPostgres() {
        return registry -> {
            registry.add("spring.datasource.url", TestDatabase::freshDatabaseUrl);
            registry.add("spring.flyway.user", TestDatabase::username);
            registry.add("spring.flyway.password", TestDatabase::password);
        };
    }

    static class DockerAvailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.dockerAvailable();
        }
    }

    static class DockerUnavailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !TestDatabase.dockerAvailable();
        }
    }
}
