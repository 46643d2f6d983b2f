package dev.keyguard.demo.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A host's own WAR for WildFly, made from the demo WAR: the same app and Keyguard jars, but no
 * Jersey and no JAX-RS API (WildFly's RESTEasy serves the admin API), no embedded Jetty, and the
 * {@code web.xml} and {@code jboss-deployment-structure.xml} of docs/deploy.md for that case.
 */
final class HostWar {

    private static final List<String> DROPPED =
            List.of(
                    "WEB-INF/lib/jersey-",
                    "WEB-INF/lib/hk2-",
                    "WEB-INF/lib/aopalliance-repackaged-",
                    "WEB-INF/lib/osgi-resource-locator-",
                    "WEB-INF/lib/jakarta.ws.rs-api-",
                    "WEB-INF/launcher/",
                    "dev/keyguard/demo/launch/");
    private static final Map<String, String> REPLACED =
            Map.of(
                    "WEB-INF/web.xml", "resteasy/web.xml",
                    "WEB-INF/jboss-deployment-structure.xml",
                            "resteasy/jboss-deployment-structure.xml");

    private HostWar() {}

    static void write(Path demoWar, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(demoWar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (DROPPED.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                if (REPLACED.containsKey(name)) {
                    try (InputStream replacement = resource(REPLACED.get(name))) {
                        replacement.transferTo(out);
                    }
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream = HostWar.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IOException("No test resource " + name);
        }
        return stream;
    }
}
