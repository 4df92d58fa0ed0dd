package io.leadbridge;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The application. Scheduling is enabled here, once for every module's jobs (the SLA watch, the stage-count fold, the
 * imports' recovery, housekeeping), on Boot's task scheduler ({@code spring.task.scheduling.*}).
 */
@SpringBootApplication
@EnableScheduling
public class LeadBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeadBridgeApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
