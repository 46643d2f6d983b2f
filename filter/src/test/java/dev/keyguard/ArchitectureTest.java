package dev.keyguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.keyguard.testing.PublicApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the filter module, as docs/api.md describes it: what is public API, that the API
 * never hands out an internal type, that the parts depend on each other without cycles, and that
 * only the web layer knows servlets.
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
                    "CreatedApiKey",
                    "KeyEvent",
                    "KeyEventPage",
                    "KeyOwner",
                    "KeyUser",
                    "KeyguardException",
                    "KeyguardPrincipal",
                    "RotatedApiKey");

    /** The configuration: read by internals, and reading nothing but the key format. */
    static final Set<String> CONFIG = Set.of("KeyguardConfig", "Setting", "ConfigValues");

    @Test
    void thePublicTypesAreExactlyThoseDocsApiMdLists() throws Exception {
        Set<String> documented = PublicApi.documented(Set.of("dev.keyguard", "dev.keyguard.spi"));

        assertThat(PublicApi.compiled(CLASSES))
                .as(
                        "public types outside dev.keyguard.internal: list a new one in docs/api.md"
                                + " or make it package-private (or move it under internal)")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void theApiNeverHandsOutAnInternalType() {
        List<String> leaks = new ArrayList<>();
        CLASSES.stream()
                .filter(PublicApi::isApi)
                .forEach(
                        type -> {
                            Stream.concat(
                                            Stream.of(type.getRawSuperclass().orElse(null)),
                                            type.getRawInterfaces().stream())
                                    .filter(t -> t != null && isInternal(t))
                                    .forEach(
                                            t ->
                                                    leaks.add(
                                                            type.getName()
                                                                    + " extends "
                                                                    + t.getName()));
                            for (JavaCodeUnit member : type.getCodeUnits()) {
                                if (isVisible(member.getModifiers())) {
                                    List<JavaType> involved =
                                            new ArrayList<>(member.getParameterTypes());
                                    involved.add(member.getReturnType());
                                    involved.stream()
                                            .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                                            .filter(ArchitectureTest::isInternal)
                                            .forEach(
                                                    t ->
                                                            leaks.add(
                                                                    member.getFullName()
                                                                            + " uses "
                                                                            + t.getName()));
                                }
                            }
                            for (JavaField field : type.getFields()) {
                                if (isVisible(field.getModifiers())
                                        && field.getType().getAllInvolvedRawTypes().stream()
                                                .anyMatch(ArchitectureTest::isInternal)) {
                                    leaks.add(field.getFullName());
                                }
                            }
                        });

        assertThat(leaks).as("public members whose types are internal").isEmpty();
    }

    @Test
    void thePartsDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(PARTS).should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheFilterAndTheWebLayerKnowServlets() {
        noClasses()
                .that(
                        DescribedPredicate.describe(
                                "outside the web layer",
                                (JavaClass c) ->
                                        !c.getPackageName().equals("dev.keyguard.internal.web")
                                                && !c.getName()
                                                        .startsWith(ApiKeyFilter.class.getName())))
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
                                    : CONFIG.contains(simple) ? "config" : "entry points");
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

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith("dev.keyguard.internal");
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC)
                || modifiers.contains(JavaModifier.PROTECTED);
    }
}
