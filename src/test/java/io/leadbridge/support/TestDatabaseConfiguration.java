package io.leadbridge.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Real PostgreSQL for every test: a Testcontainers container where Docker runs, the local server otherwise. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    @Bean
    @Conditional(DockerUnavailable.class)
    static DynamicPropertyRegistrar localPostgres() {
        return registry -> {
            registry.add("spring.datasource.url", TestDatabase::freshDatabaseUrl);
            registry.add("spring.datasource.username", TestDatabase::username);
            registry.add("spring.datasource.password", TestDatabase::password);
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
