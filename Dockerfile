# Build: the Maven wrapper inside a JDK image; the tests run in CI, not here.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true package && cp target/leadbridge-*.jar /leadbridge.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 leadbridge
COPY --from=build /leadbridge.jar /app/leadbridge.jar
USER leadbridge
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
# Out of memory, the JVM exits (for whatever runs the container to restart it) instead of staying up unable to answer.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/leadbridge.jar"]
