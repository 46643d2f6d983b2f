package dev.keyguard.transformed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The javax jars as the Eclipse Transformer made them (run after {@code package}): not one
 * reference to a Jakarta Servlet or JAX-RS class left in a class file (names, descriptors,
 * signatures, annotations, string constants), in a file name or in a service file; every field and
 * method they use on a javax Servlet or JAX-RS class exists in Servlet 4.0 and JAX-RS 2.1 (the
 * provided API jars on this class path), so no {@code NoSuchMethodError} waits in a Java EE 8 host;
 * and {@code jakarta.persistence}, which Keyguard's Hibernate needs, is left as it was.
 */
class TransformedJarsTest {

    /** The packages a Java EE 8 host names differently, as the class file spells them. */
    private static final List<String> JAKARTA_WEB =
            List.of("jakarta/servlet", "jakarta.servlet", "jakarta/ws/rs", "jakarta.ws.rs");

    private static final Predicate<String> JAVAX_WEB =
            owner -> owner.startsWith("javax/servlet/") || owner.startsWith("javax/ws/rs/");

    static Stream<Path> jars() {
        String admin = System.getProperty("keyguard.javax.admin-jar");
        assertThat(admin).as("system property keyguard.javax.admin-jar").isNotNull();
        URL filterClass =
                TransformedJarsTest.class
                        .getClassLoader()
                        .getResource("dev/keyguard/Keyguard.class");
        assertThat(filterClass).as("keyguard-filter-javax on the test class path").isNotNull();
        String url = filterClass.toString();
        Path filter = Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/"))));
        assertThat(filter.getFileName().toString()).startsWith("keyguard-filter-javax-");
        return Stream.of(filter, Path.of(admin));
    }

    @ParameterizedTest
    @MethodSource("jars")
    void noJakartaServletOrJaxRsReferenceIsLeft(Path jar) throws IOException {
        Map<String, List<String>> leftOver = new TreeMap<>();
        int javaxReferences = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (mentionsJakartaWeb(name)) {
                    leftOver.computeIfAbsent(name, n -> new ArrayList<>()).add("its name");
                }
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                if (name.endsWith(".class")) {
                    ClassFile classFile = ClassFile.read(bytes);
                    for (String constant : classFile.utf8()) {
                        if (mentionsJakartaWeb(constant)) {
                            leftOver.computeIfAbsent(name, n -> new ArrayList<>()).add(constant);
                        }
                        if (constant.contains("javax/servlet/")
                                || constant.contains("javax/ws/rs/")) {
                            javaxReferences++;
                        }
                    }
                } else if (name.startsWith("META-INF/services/")) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (mentionsJakartaWeb(text)) {
                        leftOver.computeIfAbsent(name, n -> new ArrayList<>()).add(text.strip());
                    }
                }
            }
        }
        assertThat(leftOver).as("Jakarta Servlet/JAX-RS references in %s", jar).isEmpty();
        assertThat(javaxReferences).as("javax references in %s", jar).isPositive();
    }

    @ParameterizedTest
    @MethodSource("jars")
    void everyServletAndJaxRsMemberUsedExistsInJavaEe8(Path jar) throws IOException {
        ClassLoader apis = TransformedJarsTest.class.getClassLoader();
        TreeSet<String> missing = new TreeSet<>();
        int checked = 0;
        for (ClassFile classFile : classFiles(jar)) {
            for (ClassFile.MemberRef ref : classFile.memberRefs()) {
                if (JAVAX_WEB.test(ref.owner())) {
                    checked++;
                    if (!exists(ref, apis)) {
                        missing.add(ref.toString());
                    }
                }
            }
        }
        assertThat(missing)
                .as("members missing from javax.servlet-api 4.0 / javax.ws.rs-api 2.1")
                .isEmpty();
        assertThat(checked).as("javax members used by %s", jar).isPositive();
    }

    @Test
    void jakartaPersistenceIsLeftForHibernate() throws IOException {
        Path filter = jars().findFirst().orElseThrow();
        assertThat(
                        classFiles(filter).stream()
                                .flatMap(c -> c.utf8().stream())
                                .filter(s -> s.contains("jakarta/persistence/Entity")))
                .isNotEmpty();
        assertThat(
                        classFiles(filter).stream()
                                .flatMap(c -> c.utf8().stream())
                                .filter(s -> s.contains("javax/persistence")))
                .isEmpty();
    }

    @Test
    void theMemberCheckTellsServlet4FromServlet6() {
        ClassLoader apis = TransformedJarsTest.class.getClassLoader();
        assertThat(
                        exists(
                                new ClassFile.MemberRef(
                                        "javax/servlet/http/HttpServletRequest",
                                        "getHeader",
                                        "(Ljava/lang/String;)Ljava/lang/String;",
                                        true),
                                apis))
                .isTrue();
        // Servlet 6.0 only: a jar that called it would fail on Tomcat 9 with NoSuchMethodError.
        assertThat(
                        exists(
                                new ClassFile.MemberRef(
                                        "javax/servlet/http/HttpServletRequest",
                                        "getRequestId",
                                        "()Ljava/lang/String;",
                                        true),
                                apis))
                .isFalse();
    }

    private static boolean mentionsJakartaWeb(String text) {
        return JAKARTA_WEB.stream().anyMatch(text::contains);
    }

    private static List<ClassFile> classFiles(Path jar) throws IOException {
        List<ClassFile> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    classes.add(ClassFile.read(file.getInputStream(entry).readAllBytes()));
                }
            }
        }
        return classes;
    }

    /** Looks the member up as the JVM resolves it: the class, its superclasses, its interfaces. */
    private static boolean exists(ClassFile.MemberRef ref, ClassLoader loader) {
        Class<?> owner;
        try {
            owner = Class.forName(ref.owner().replace('/', '.'), false, loader);
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (ref.name().equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                String descriptor =
                        MethodType.methodType(void.class, constructor.getParameterTypes())
                                .toMethodDescriptorString();
                if (descriptor.equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        return hierarchy(owner).anyMatch(type -> declares(type, ref));
    }

    private static Stream<Class<?>> hierarchy(Class<?> type) {
        if (type == null) {
            return Stream.empty();
        }
        return Stream.concat(
                Stream.of(type),
                Stream.concat(
                        hierarchy(type.getSuperclass()),
                        Stream.of(type.getInterfaces()).flatMap(TransformedJarsTest::hierarchy)));
    }

    private static boolean declares(Class<?> type, ClassFile.MemberRef ref) {
        if (!ref.method()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(ref.name())
                        && field.getType().descriptorString().equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(ref.name())
                    && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                            .toMethodDescriptorString()
                            .equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }
}
