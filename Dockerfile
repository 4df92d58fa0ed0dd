# Build: the Maven wrapper inside a JDK image; the tests run in CI, not here.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true package && cp target/leadbridge-*.jar /leadbridge.jar

# Start-up: Spring AOT (the build's process-aot worked out the bean definitions and the repositories' queries into the
# jar; -Dspring.aot.enabled=true uses them: bench/results/2026-12-08-start.md, docs/adr/0033), Boot's extracted layout
# (the application's jar beside its libraries in lib/) and a class data sharing archive of the classes a start loads,
# which the JVM then maps instead of reading, verifying and parsing them from the jars
# (bench/results/2026-12-07-start.md: about a third less CPU until ready). An archive is only valid for the JVM
# that wrote it and for the same jars at the same paths, so it is made here on the runtime image's own JVM, in /app as
# the final image has it. The training run (-Dspring.context.exit=onRefresh: every bean made, then exit, nothing
# served) needs a database: the context's refresh migrates it with Flyway, and Spring Modulith's event registry asks
# it for its type. The training run starts with AOT on, as the image does (an AOT start loads other classes). A
# throwaway PostgreSQL of this stage serves it (trust on loopback, no password anywhere; "localhost",
# as LocalDatabase cannot log a numeric host yet); only /app goes on.
FROM eclipse-temurin:17-jre AS cds
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /leadbridge.jar /tmp/leadbridge.jar
RUN java -Djarmode=tools -jar /tmp/leadbridge.jar extract --destination /app && rm /tmp/leadbridge.jar
RUN set -eu; \
    pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); \
    mkdir -p /tmp/pg && chown postgres /tmp/pg; \
    su postgres -c "$pg/initdb -D /tmp/pg/data -A trust -U postgres" >/dev/null; \
    su postgres -c "$pg/pg_ctl -D /tmp/pg/data -l /tmp/pg/log -w -o '-c listen_addresses=127.0.0.1 -k /tmp/pg' start"; \
    cd /app; \
    java -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit=/app/leadbridge.jsa -Dspring.context.exit=onRefresh \
        -jar /app/leadbridge.jar \
        --spring.datasource.url=jdbc:postgresql://localhost:5432/leadbridge --server.port=0 \
        --management.server.port=0 >/tmp/training.log 2>&1 || { tail -n 40 /tmp/training.log; exit 1; }; \
    su postgres -c "$pg/pg_ctl -D /tmp/pg/data -m fast -w stop"; \
    rm -rf /tmp/pg /tmp/training.log; \
    test -s /app/leadbridge.jsa

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 leadbridge
# The same paths as in the training run (COPY keeps the jars' modification times, which the archive checks).
COPY --from=cds /app /app
WORKDIR /app
USER leadbridge
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
# Out of memory, the JVM exits (for whatever runs the container to restart it) instead of staying up unable to answer.
# Should the archive not fit (another JVM, changed jars), the JVM starts without it (-Xshare:auto, the default).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Dspring.aot.enabled=true", "-XX:SharedArchiveFile=/app/leadbridge.jsa", "-jar", "/app/leadbridge.jar"]
