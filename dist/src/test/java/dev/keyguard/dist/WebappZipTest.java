package dev.keyguard.dist;

import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built keyguard-VERSION-webapp.zip against Maven's runtime closure of the dist module's
 * dependencies (target/runtime-closure.txt, written by dependency:list in the same build): every
 * jar of the closure is in it once, in its folder, and nothing else is; and its jars alone start
 * Keyguard.
 */
class WebappZipTest {

    /** One line of dependency:list: group:artifact:jar[:classifier]:version:scope. */
    private static final Pattern LISTED =
            Pattern.compile(
                    "^\\s+([\\w.\\-]+):([\\w.\\-]+):jar:(?:([\\w.\\-]+):)?([\\w.\\-]+):(compile|runtime)\\b");

    private static final String VERSION = System.getProperty("keyguard.dist.version");
    private static final String BASE = "keyguard-" + VERSION + "/";

    private static List<Jar> closure;
    private static List<String> entries;

    record Jar(String group, String artifact, String classifier, String version) {
        String fileName() {
            return artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        }

        String folder() {
            if (group.equals("dev.keyguard")) {
                return "keyguard";
            }
            if (List.of("h2", "postgresql", "mariadb-java-client").contains(artifact)) {
                return "jdbc";
            }
            if (group.equals("jakarta.ws.rs")
                    || group.startsWith("org.glassfish.jersey")
                    || group.startsWith("org.glassfish.hk2")
                    || List.of("javassist", "jakarta.annotation-api", "jakarta.validation-api")
                            .contains(artifact)) {
                return "jaxrs";
            }
            return artifact.equals("slf4j-jdk14") ? "logging" : "lib";
        }
    }

    @BeforeAll
    static void read() throws IOException {
        closure = new ArrayList<>();
        for (String line :
                Files.readAllLines(Path.of(System.getProperty("keyguard.dist.closure")))) {
            Matcher m = LISTED.matcher(line);
            if (m.find()) {
                closure.add(new Jar(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        try (ZipFile zip = zip()) {
            entries = zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static ZipFile zip() throws IOException {
        return new ZipFile(System.getProperty("keyguard.dist.zip"));
    }

    @Test
    void theClosureWasRead() {
        // Guards the tests below against a listing format they no longer parse.
        assertThat(closure)
                .extracting(Jar::artifact)
                .contains("keyguard-filter", "keyguard-admin-resource", "hibernate-core");
    }

    @Test
    void everyJarOfTheRuntimeClosureIsInItsFolderAndNothingElse() {
        List<String> expected =
                closure.stream().map(jar -> BASE + jar.folder() + "/" + jar.fileName()).toList();

        assertThat(entries.stream().filter(name -> name.endsWith(".jar")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void noServletApiIsInItAndTheJaxRsApiOnlyBesideJersey() {
        assertThat(entries)
                .noneMatch(name -> name.contains("jakarta.servlet"))
                .noneMatch(name -> name.contains("servlet-api"))
                .filteredOn(name -> name.contains("jakarta.ws.rs"))
                .singleElement()
                .matches(name -> name.startsWith(BASE + "jaxrs/"));
    }

    @Test
    void noArtifactIsThereTwice() {
        Map<String, List<Jar>> byArtifact =
                closure.stream().collect(groupingBy(jar -> jar.group() + ":" + jar.artifact()));
        assertThat(byArtifact).allSatisfy((artifact, jars) -> assertThat(jars).hasSize(1));

        List<String> jarNames =
                entries.stream()
                        .filter(name -> name.endsWith(".jar"))
                        .map(name -> name.substring(name.lastIndexOf('/') + 1))
                        .toList();
        assertThat(jarNames).doesNotHaveDuplicates();
    }

    @Test
    void theReadmeSaysWhatEachFolderIsForWithTheVersionFilledIn() throws IOException {
        String readme;
        try (ZipFile zip = zip();
                InputStream in = zip.getInputStream(zip.getEntry(BASE + "README.txt"))) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(readme)
                .startsWith("Keyguard " + VERSION + ":")
                .doesNotContain("${")
                .contains("keyguard/", "lib/", "jaxrs/", "jdbc/", "logging/", "WEB-INF/lib")
                .contains("Hibernate ORM", "Jackson", "SLF4J", "Caffeine", "Flyway", "HikariCP");
        // Every artifact of lib/ is named in the README's list of groups.
        assertThat(closure.stream().filter(jar -> jar.folder().equals("lib")))
                .allSatisfy(jar -> assertThat(readme).contains(readmeName(jar.artifact())));
    }

    /** How the README names an artifact: a family by its common prefix. */
    private static String readmeName(String artifact) {
        for (String family : List.of("jaxb-", "flyway-")) {
            if (artifact.startsWith(family)) {
                return family;
            }
        }
        return artifact;
    }

    @Test
    void everyEntryHasTheBuildsFixedTimestamp() throws IOException {
        // project.build.outputTimestamp: two builds of one commit give the same zip.
        Instant fixed = Instant.parse(System.getProperty("keyguard.dist.outputTimestamp"));
        try (ZipFile zip = zip()) {
            assertThat(zip.stream().map(ZipEntry::getLastModifiedTime).map(FileTime::toInstant))
                    .isNotEmpty()
                    .allMatch(fixed::equals);
        }
    }

    @Test
    void itsJarsAloneStartKeyguardOnTheEmbeddedDatabase(@TempDir Path dir) throws Exception {
        List<URL> urls = new ArrayList<>();
        try (ZipFile zip = zip()) {
            for (String name : entries) {
                String folder = name.substring(BASE.length(), name.lastIndexOf('/') + 1);
                boolean wanted =
                        name.endsWith(".jar")
                                && (folder.equals("keyguard/")
                                        || folder.equals("lib/")
                                        || folder.equals("logging/")
                                        || name.contains("/jdbc/h2-"));
                if (wanted) {
                    Path jar = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
                    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                    }
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Only the zip's jars over the JDK: a missing one fails the start with
        // NoClassDefFoundError.
        try (URLClassLoader webapp =
                new URLClassLoader(
                        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(webapp);
            Class<?> configType = webapp.loadClass("dev.keyguard.KeyguardConfig");
            Object builder = configType.getMethod("builder").invoke(null);
            Method dataDir = builder.getClass().getMethod("dataDir", Path.class);
            Object config =
                    builder.getClass()
                            .getMethod("build")
                            .invoke(dataDir.invoke(builder, dir.resolve("data")));
            Class<?> keyguardType = webapp.loadClass("dev.keyguard.Keyguard");
            try (AutoCloseable keyguard =
                    (AutoCloseable)
                            keyguardType.getMethod("start", configType).invoke(null, config)) {
                Object service = keyguardType.getMethod("service").invoke(keyguard);
                Object keys =
                        service.getClass().getMethod("list", String.class).invoke(service, "acme");
                Object verified =
                        keyguardType
                                .getMethod("verify", String.class)
                                .invoke(keyguard, "kg_live_unknown");

                assertThat(keys).isEqualTo(Collections.emptyList());
                assertThat(verified).isEqualTo(Optional.empty());
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
