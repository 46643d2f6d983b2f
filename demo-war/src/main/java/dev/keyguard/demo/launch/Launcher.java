package dev.keyguard.demo.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Entry point of {@code java -jar keyguard-demo.war}. It sits at the root of the WAR (where
 * containers never load classes) and uses nothing but the JDK: it unpacks the WAR once into a
 * temporary directory, builds a class loader from {@code WEB-INF/launcher} (embedded Jetty, which
 * containers ignore) and {@code WEB-INF/classes}, and hands over to {@code
 * dev.keyguard.demo.DemoMain} with the unpacked directory as the webapp to serve.
 *
 * <p>Only {@code create-key}, which runs Keyguard without a server, also gets {@code WEB-INF/lib}.
 * The server must not: Jetty loads {@code jakarta.*} classes parent-first, so a JAX-RS API in the
 * launcher's class loader would split Jersey across two loaders and break it.
 */
public final class Launcher {

    static final String WEBAPP_DIR_PROPERTY = "keyguard.demo.webapp-dir";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path war =
                Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path webapp = Files.createTempDirectory("keyguard-demo-");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> delete(webapp), "keyguard-demo-cleanup"));
        unpack(war, webapp);

        List<URL> classPath = new ArrayList<>();
        classPath.add(webapp.resolve("WEB-INF/classes").toUri().toURL());
        classPath.addAll(jars(webapp.resolve("WEB-INF/launcher")));
        if (args.length > 0 && args[0].equals("create-key")) {
            classPath.addAll(jars(webapp.resolve("WEB-INF/lib")));
        }
        ClassLoader loader =
                new URLClassLoader(
                        classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        System.setProperty(WEBAPP_DIR_PROPERTY, webapp.toString());
        try {
            loader.loadClass("dev.keyguard.demo.DemoMain")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void unpack(Path war, Path target) throws IOException {
        try (JarFile jar = new JarFile(war.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Entry outside the WAR: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static List<URL> jars(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jar"))
                    .sorted()
                    .map(Launcher::url)
                    .toList();
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }
}
