package io.leadbridge.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tomcat's own answers — for a request it refuses before the application sees it, such as headers over its size limit
 * (a 10 KB {@code Idempotency-Key}) — are an RFC 9457 problem under {@code /api/}, like every other API answer, and a
 * plain page elsewhere; never Tomcat's HTML report with its version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The raw URI: a request refused while its headers were read was never decoded or mapped.
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (status < 400 || response.isCommitted() || uri == null || !uri.startsWith("/api/")) {
            super.report(request, response, throwable);
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + (status == 400 ? "Bad Request" : "Error")
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the answer was already under way
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 ->
                "The request could not be read: its headers are larger than the server accepts (8 KB in all)"
                        + " or malformed.";
            case 413 -> "The request is larger than the server accepts.";
            default -> "The server could not answer this request.";
        };
    }

    /** Puts this valve in the place of the one Spring Boot installs (so it runs after Boot's customizer). */
    @Configuration(proxyBeanMethods = false)
    static class Installation {
        @Bean
        Replacement problemErrorReports() {
            return new Replacement();
        }
    }

    static class Replacement implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                // Tomcat finds the valve for requests it refuses before the pipeline by this class name.
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                var pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
