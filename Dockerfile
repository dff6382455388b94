# Builds the application jar with the Maven wrapper, then runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
COPY db db
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# runs as an unprivileged user; ./data (the embedded database, when no external one is set) is its own
RUN useradd --system --uid 10001 --home-dir /app tokenyield && mkdir -p /app/data && chown -R tokenyield /app
WORKDIR /app
COPY --from=build /src/target/token-yield-*.jar app.jar
USER 10001
EXPOSE 8080
# ready = database reachable and queue worker taking runs (docs/operations.md); no curl needed
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3'
# exec form: java is PID 1 and gets SIGTERM itself (graceful shutdown)
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
