package dev.keyguard.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API as docs/api.md lists it, and as the compiled classes have it: the architecture
 * tests of each module compare the two, so a type cannot become public API without the page saying
 * so, nor stay on the page after it stopped being API.
 */
public final class PublicApi {

    /**
     * A fully qualified type name in backticks, e.g. {@code `dev.keyguard.KeyguardConfig.Builder`}.
     */
    private static final Pattern TYPE =
            Pattern.compile("`(dev\\.keyguard(?:\\.[a-z]+)*(?:\\.[A-Z]\\w*)+)`");

    private PublicApi() {}

    /** The page every module's architecture test reads: docs/api.md at the repository's root. */
    public static Path page() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("docs/api.md");
            if (Files.exists(page) && Files.exists(dir.resolve("filter"))) {
                return page;
            }
        }
        throw new IllegalStateException(
                "docs/api.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The types the page lists whose package is one of {@code packages}. */
    public static Set<String> documented(Set<String> packages) throws IOException {
        Matcher matcher = TYPE.matcher(Files.readString(page()));
        Set<String> types = new TreeSet<>();
        while (matcher.find()) {
            String type = matcher.group(1);
            if (packages.contains(packageOf(type))) {
                types.add(type);
            }
        }
        return types;
    }

    /**
     * The types a host can use: public, and every enclosing type public too; named as in source
     * ({@code Outer.Inner}), outside every {@code internal} package.
     */
    public static Set<String> compiled(JavaClasses classes) {
        return classes.stream()
                .filter(PublicApi::isApi)
                .map(c -> c.getName().replace('$', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static boolean isApi(JavaClass type) {
        if (isInternal(type) || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** In a package named {@code internal} or below one. */
    public static boolean isInternal(JavaClass type) {
        return List.of(type.getPackageName().split("\\.")).contains("internal");
    }

    /**
     * Every public or protected member, supertype and field type of the API that is neither API
     * itself nor from a package in {@code allowed} (e.g. {@code java.}, {@code jakarta.servlet.}):
     * an internal type, a package-private one, or a library's type a host would then depend on.
     */
    public static List<String> leaks(JavaClasses classes, Set<String> allowed) {
        List<String> leaks = new ArrayList<>();
        classes.stream()
                .filter(PublicApi::isApi)
                .forEach(
                        type -> {
                            Stream.concat(
                                            type.getRawSuperclass().stream(),
                                            type.getRawInterfaces().stream())
                                    .filter(t -> !isAllowed(t, allowed))
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
                                            .filter(t -> !isAllowed(t, allowed))
                                            .forEach(
                                                    t ->
                                                            leaks.add(
                                                                    member.getFullName()
                                                                            + " uses "
                                                                            + t.getName()));
                                }
                            }
                            for (JavaField field : type.getFields()) {
                                if (isVisible(field.getModifiers())) {
                                    field.getType().getAllInvolvedRawTypes().stream()
                                            .filter(t -> !isAllowed(t, allowed))
                                            .forEach(
                                                    t ->
                                                            leaks.add(
                                                                    field.getFullName()
                                                                            + " is a "
                                                                            + t.getName()));
                                }
                            }
                        });
        return leaks;
    }

    private static boolean isAllowed(JavaClass type, Set<String> allowed) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.isPrimitive()
                || allowed.stream().anyMatch(prefix -> base.getName().startsWith(prefix))
                || (base.getPackageName().startsWith("dev.keyguard") && isApi(base));
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC)
                || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static String packageOf(String type) {
        Matcher upper = Pattern.compile("\\.[A-Z]").matcher(type);
        return upper.find() ? type.substring(0, upper.start()) : type;
    }
}
