package dev.keyguard.admin;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keyguard.testing.PublicApi;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of the admin module, as docs/api.md describes it: two public entry points, everything
 * else under {@code dev.keyguard.admin.internal} (public there only because JAX-RS runtimes call
 * resources and providers reflectively), and no cycles between its packages.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages("dev.keyguard.admin");

    @Test
    void thePublicTypesAreExactlyThoseDocsApiMdLists() throws Exception {
        assertThat(PublicApi.compiled(CLASSES))
                .as(
                        "public types outside dev.keyguard.admin.internal: list a new one in"
                            + " docs/api.md or make it package-private (or move it under internal)")
                .containsExactlyInAnyOrderElementsOf(
                        PublicApi.documented(Set.of("dev.keyguard.admin")));
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.keyguard.admin.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
