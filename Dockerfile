# Build the jar with the project's own Maven build, then run it on a JRE as an unprivileged user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml spotbugs-exclude.xml ./
COPY src ./src
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# Fonts for the generated PDFs: DejaVu (Latin, Greek, Cyrillic) and Droid Sans Fallback (CJK).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /var/lib/semptify semptify && mkdir -p /var/lib/semptify && chown semptify /var/lib/semptify
COPY --from=build /src/target/semptify.jar /opt/semptify/semptify.jar
USER semptify
ENV SEMPTIFY_DATA_ROOT=/var/lib/semptify SEMPTIFY_HOST=0.0.0.0 SECURITY_MODE=enforced
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", "/opt/semptify/semptify.jar", "serve"]
