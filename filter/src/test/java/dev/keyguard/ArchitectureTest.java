package dev.keyguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.keyguard.spi.ContainerLogin;
import dev.keyguard.spi.PersonResolver;
import dev.keyguard.testing.PublicApi;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of the filter module, as docs/api.md describes it: what is public API, that the API
 * never hands out an internal type, that the parts depend on each other without cycles, and that
 * only the web layer (the filter, the dashboard, their internal packages) knows servlets.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages("dev.keyguard");

    /** The types of {@code dev.keyguard} that internals may use: values, no behaviour to wire. */
    static final Set<String> MODEL =
            Set.of(
                    "Actor",
                    "ApiKey",
                    "Caller",
                    "CreatedApiKey",
                    "IpAllowlist",
                    "KeyEvent",
                    "KeyEventPage",
                    "KeyOwner",
                    "KeyUsage",
                    "KeyUser",
                    "KeyguardException",
                    "KeyguardHealth",
                    "KeyguardPrincipal",
                    "NewKey",
                    "Person",
                    "RotatedApiKey",
                    "Rotation",
                    "Scopes",
                    "UsageDay");

    /** The configuration: read by internals, and reading nothing but the key format. */
    static final Set<String> CONFIG = Set.of("KeyguardConfig", "Setting", "ConfigValues");

    /** What wires the internals together and what a host starts: above everything else. */
    static final Set<String> ENTRY_POINTS =
            Set.of(
                    "Keyguard",
                    "ApiKeyFilter",
                    "KeyguardDashboardServlet",
                    "KeyguardInitializer",
                    "ApiKeyService",
                    "EventCursor");

    @Test
    void thePublicTypesAreExactlyThoseDocsApiMdLists() throws Exception {
        Set<String> documented =
                PublicApi.documented(
                        Set.of("dev.keyguard", "dev.keyguard.spi", "dev.keyguard.micrometer"));

        assertThat(PublicApi.compiled(CLASSES))
                .as(
                        "public types outside dev.keyguard.internal: list a new one in docs/api.md"
                                + " or make it package-private (or move it under internal)")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void theApiHandsOutOnlyApiJdkAndServletTypes() {
        assertThat(
                        PublicApi.leaks(CLASSES, Set.of("java.", "javax.sql.", "jakarta.servlet."))
                                .stream()
                                .filter(leak -> !isMicrometerBinderUsingMicrometer(leak)))
                .as("public members whose types a host could not depend on")
                .isEmpty();
    }

    /** {@code dev.keyguard.micrometer} is for hosts that have Micrometer: it may hand it out. */
    private static boolean isMicrometerBinderUsingMicrometer(String leak) {
        return leak.startsWith("dev.keyguard.micrometer.")
                && leak.matches(".* (uses|extends|is a) io\\.micrometer\\.\\S+$");
    }

    /**
     * Micrometer is optional: only the binder a host calls and the internal meters name its types,
     * and {@code MetricsSupport}, which Keyguard loads either way, does not.
     */
    @Test
    void onlyTheMetersKnowMicrometer() {
        noClasses()
                .that(
                        DescribedPredicate.describe(
                                "outside the meters",
                                (JavaClass c) ->
                                        !c.getPackageName().equals("dev.keyguard.micrometer")
                                                && (!c.getPackageName()
                                                                .equals(
                                                                        "dev.keyguard.internal"
                                                                                + ".metrics")
                                                        || c.getSimpleName()
                                                                .equals("MetricsSupport"))))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.micrometer..")
                .check(CLASSES);
    }

    @Test
    void everyClassOfTheRootPackageHasItsPart() {
        assertThat(
                        CLASSES.stream()
                                .filter(c -> c.getPackageName().equals("dev.keyguard"))
                                .map(c -> topLevel(c).getSimpleName())
                                .filter(
                                        name ->
                                                !MODEL.contains(name)
                                                        && !CONFIG.contains(name)
                                                        && !ENTRY_POINTS.contains(name))
                                .distinct()
                                .toList())
                .as("classes of dev.keyguard in none of MODEL, CONFIG, ENTRY_POINTS: say which")
                .isEmpty();
    }

    @Test
    void thePartsDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(PARTS).should().beFreeOfCycles().check(CLASSES);
    }

    /** The SPI that finds the person behind a request: it is about requests. */
    static final Set<String> PEOPLE_SPI =
            Set.of(PersonResolver.class.getName(), ContainerLogin.class.getName());

    @Test
    void onlyTheFilterAndTheWebLayerKnowServlets() {
        noClasses()
                .that(
                        DescribedPredicate.describe(
                                "outside the web layer",
                                (JavaClass c) ->
                                        !c.getPackageName().equals("dev.keyguard.internal.web")
                                                && !c.getPackageName()
                                                        .equals("dev.keyguard.internal.dashboard")
                                                && !PEOPLE_SPI.contains(c.getName())
                                                && !c.getName()
                                                        .equals(
                                                                KeyguardDashboardServlet.class
                                                                        .getName())
                                                && !c.getName()
                                                        .startsWith(ApiKeyFilter.class.getName())
                                                && !c.getName()
                                                        .equals(
                                                                KeyguardInitializer.class
                                                                        .getName())))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.servlet..")
                .check(CLASSES);
    }

    /**
     * One part per package, but {@code dev.keyguard} in three: its model (values every layer uses),
     * its configuration, and its entry points (Keyguard, the filter, the service), which wire the
     * internals together. The package graph with that one split has no cycle.
     */
    static final SliceAssignment PARTS =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass type) {
                    String name = type.getPackageName();
                    if (!name.startsWith("dev.keyguard")) {
                        return SliceIdentifier.ignore();
                    }
                    if (!name.equals("dev.keyguard")) {
                        return SliceIdentifier.of(name.substring("dev.keyguard.".length()));
                    }
                    String simple = topLevel(type).getSimpleName();
                    return SliceIdentifier.of(
                            MODEL.contains(simple)
                                    ? "model"
                                    : CONFIG.contains(simple)
                                            ? "config"
                                            : ENTRY_POINTS.contains(simple)
                                                    ? "entry points"
                                                    : "unclassified " + simple);
                }

                @Override
                public String getDescription() {
                    return "the packages of dev.keyguard, its root split into model, config and"
                            + " entry points";
                }
            };

    private static JavaClass topLevel(JavaClass type) {
        JavaClass top = type;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
