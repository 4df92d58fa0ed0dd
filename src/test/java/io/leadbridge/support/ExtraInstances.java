package io.leadbridge.support;

import io.leadbridge.LeadBridgeApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * More instances of LeadBridge beside the tests' own, as several instances behind a load balancer would be: each a
 * whole application with a web server of its own on a free port, on the tests' database. Closed with {@link #close}.
 */
public final class ExtraInstances implements AutoCloseable {

    private final Environment tests;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** Instances on the database of the tests' application, whose environment this is. */
    public ExtraInstances(Environment tests) {
        this.tests = tests;
    }

    /** Starts one, with these settings besides the database's (e.g. {@code --leadbridge.replica.url=…}). */
    public ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + tests.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.password=" + tests.getProperty("spring.datasource.password", ""),
                "--spring.flyway.user=" + tests.getRequiredProperty("spring.flyway.user"),
                "--spring.flyway.password=" + tests.getProperty("spring.flyway.password", ""),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(settings));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(LeadBridgeApplication.class).run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    public static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
        started.clear();
    }
}
