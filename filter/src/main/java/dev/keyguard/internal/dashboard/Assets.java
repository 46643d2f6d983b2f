package dev.keyguard.internal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's files, read once from the class path ({@code dev/keyguard/dashboard/}): the page
 * template and the assets that {@code assets.list} names. Only those are ever served, so no path
 * from a request reaches the class path. Immutable.
 */
final class Assets {

    static final String FOLDER = "dev/keyguard/dashboard/";

    /** An asset's bytes, content type and entity tag. */
    record Asset(byte[] bytes, String contentType, String etag) {}

    private final String template;
    private final Map<String, Asset> assets;

    private Assets(String template, Map<String, Asset> assets) {
        this.template = template;
        this.assets = assets;
    }

    static Assets load() {
        ClassLoader loader = Assets.class.getClassLoader();
        String template = new String(read(loader, "index.html"), StandardCharsets.UTF_8);
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String line :
                new String(read(loader, "assets.list"), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            byte[] bytes = read(loader, name);
            assets.put(name, new Asset(bytes, contentType(name), etag(bytes)));
        }
        return new Assets(template, Map.copyOf(assets));
    }

    String template() {
        return template;
    }

    /** The asset of that name, or {@code null}. */
    Asset asset(String name) {
        return assets.get(name);
    }

    /** Every asset, by name. */
    Map<String, Asset> all() {
        return assets;
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("Keyguard's dashboard lacks " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        throw new IllegalStateException("Keyguard's dashboard: no content type for " + name);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
