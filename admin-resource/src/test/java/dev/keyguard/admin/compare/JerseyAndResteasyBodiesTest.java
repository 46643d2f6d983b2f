package dev.keyguard.admin.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.admin.testing.Recordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jersey and RESTEasy give byte-identical bodies, statuses and Content-Types for every exchange of
 * the contract suite, and so does Jersey with {@code KeyguardAdminApplication} (the recordings
 * {@code jersey-application}) instead of {@code KeyguardAdminFeature} (the recordings {@code
 * jersey}). Runs after the runtime runs (see the POM), which recorded their exchanges with ids and
 * keys replaced by placeholders; nothing else differs between two runs. Only this build's
 * recordings are compared ({@link Recordings#RUN_PROPERTY}): without them it fails rather than read
 * what an earlier build left.
 */
class JerseyAndResteasyBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"resteasy", "jersey-application", "jersey-servlet", "resteasy-servlet"})
    void everyExchangeOfTheContractIsByteIdenticalToJerseysWithTheFeature(String runtime)
            throws IOException {
        String run = Recordings.run();
        assertThat(run)
                .as(
                        "the system property %s, which names this build's recordings; run this"
                                + " comparison through Maven (mvn -pl admin-resource -am verify),"
                                + " after the jersey and resteasy executions of the same build",
                        Recordings.RUN_PROPERTY)
                .isNotNull();
        Path jersey = Recordings.recorded(Recordings.ROOT, run, "jersey");
        Path other = Recordings.recorded(Recordings.ROOT, run, runtime);
        List<String> tests = names(jersey);

        assertThat(tests).as("recorded contract tests").hasSizeGreaterThan(20);
        assertThat(names(other)).isEqualTo(tests);
        for (String test : tests) {
            byte[] expected = Files.readAllBytes(jersey.resolve(test));
            byte[] actual = Files.readAllBytes(other.resolve(test));
            assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8))
                    .as(test)
                    .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(actual).as(test).isEqualTo(expected);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
