# Build the jar with the project's own Maven build, then run it on a JRE as an unprivileged user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml spotbugs-exclude.xml ./
COPY src ./src
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# The PDF fonts (DejaVu Sans, Droid Sans Fallback) are inside the jar: no font package needed.
RUN useradd --system --home /var/lib/semptify semptify && mkdir -p /var/lib/semptify && chown semptify /var/lib/semptify
COPY --from=build /src/target/semptify.jar /opt/semptify/semptify.jar
# Application class-data sharing: a training run of the real workload records the classes it
# loads (see bin/semptify); the server maps them at start. Without the archive it starts anyway.
RUN java -Xmx512m -XX:+UseSerialGC -XX:ArchiveClassesAtExit=/opt/semptify/semptify.jsa \
      -cp /opt/semptify/semptify.jar org.semptify.app.CdsTraining || rm -f /opt/semptify/semptify.jsa
USER semptify
ENV SEMPTIFY_DATA_ROOT=/var/lib/semptify SEMPTIFY_HOST=0.0.0.0 SECURITY_MODE=enforced
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx512m", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/opt/semptify/semptify.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/opt/semptify/semptify.jar", "serve"]
