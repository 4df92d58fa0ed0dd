package io.leadbridge.tenant;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Wires tenancy into the persistence stack.
 *
 * <p>The pool's connections switch to the {@code leadbridge_app} role as they open ({@code
 * spring.datasource.hikari.connection-init-sql}), so every application query is subject to row-level security. Flyway
 * gets connections of its own, as the configured (owning) user, and creates the database first if it is missing.
 */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(JdbcConnectionDetails database) {
        return configuration -> {
            LocalDatabase.ensureExists(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            configuration.dataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
        };
    }

    @Bean
    static BeanPostProcessor tenantScopedJpaDialect() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                    factory.setJpaDialect(new TenantScopedJpaDialect());
                }
                return bean;
            }
        };
    }
}
