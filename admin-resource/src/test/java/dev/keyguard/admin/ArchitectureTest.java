package dev.keyguard.admin;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
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
    void theApiHandsOutOnlyApiJdkServletAndJaxRsTypes() {
        assertThat(PublicApi.leaks(CLASSES, Set.of("java.", "jakarta.servlet.", "jakarta.ws.rs.")))
                .as("public members whose types a host could not depend on")
                .isEmpty();
    }

    /** The root package ({@code admin}) is a part too, so a root-internal cycle fails. */
    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(
                        new SliceAssignment() {
                            @Override
                            public SliceIdentifier getIdentifierOf(JavaClass type) {
                                String name = type.getPackageName();
                                return name.startsWith("dev.keyguard.admin")
                                        ? SliceIdentifier.of(name)
                                        : SliceIdentifier.ignore();
                            }

                            @Override
                            public String getDescription() {
                                return "the packages of dev.keyguard.admin, its root included";
                            }
                        })
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
