package dev.keyguard.admin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings of one build are kept apart from any other's, and never compared with them. */
class RecordingsTest {

    @TempDir Path root;

    private void plant(String run, String runtime, String test) throws IOException {
        Path file = root.resolve(run).resolve(runtime).resolve(test + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "stale");
    }

    @Test
    void theFirstRecordingOfARunDeletesWhatEarlierRunsLeft() throws IOException {
        plant("20260101-000000-000", "jersey", "aTestThatNoLongerExists");
        Files.createDirectories(root.resolve("resteasy"));
        Files.writeString(root.resolve("resteasy").resolve("olderLayout.txt"), "stale");

        Recordings.write(root, "20260102-000000-000", "jersey", "listShowsKeys", "GET ...");

        assertThat(Recordings.runs(root)).containsExactly("20260102-000000-000");
        assertThat(root.resolve("20260102-000000-000/jersey/listShowsKeys.txt"))
                .hasContent("GET ...");
    }

    @Test
    void theSecondRuntimeOfARunKeepsTheFirstOnesRecordings() throws IOException {
        plant("run-a", "jersey", "listShowsKeys");

        Recordings.write(root, "run-a", "resteasy", "listShowsKeys", "GET ...");

        assertThat(root.resolve("run-a/jersey/listShowsKeys.txt")).hasContent("stale");
        assertThat(root.resolve("run-a/resteasy/listShowsKeys.txt")).hasContent("GET ...");
    }

    @Test
    void recordingsOfAnotherRunAreRefusedWithTheRunsFound() throws IOException {
        plant("run-b", "jersey", "listShowsKeys");
        plant("run-a", "resteasy", "listShowsKeys");

        assertThat(Recordings.recorded(root, "run-b", "jersey"))
                .isEqualTo(root.resolve("run-b").resolve("jersey"));
        assertThatThrownBy(() -> Recordings.recorded(root, "run-b", "resteasy"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No resteasy recordings from this build (run run-b")
                .hasMessageContaining("found only [run-a, run-b]");
    }
}
