package dev.keyguard.internal.web;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.spi.ContainerLogin;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The {@link PersonResolver} a configuration names: given in code, a mapping file, or a class. */
public final class People {

    private People() {}

    /**
     * @return the resolver, or {@code null} when people are not configured
     * @throws IllegalStateException naming the setting and saying what is wrong (a missing or bad
     *     mapping, a class that cannot be made)
     */
    public static PersonResolver resolver(KeyguardConfig config, ServletContext context) {
        if (config.people() != null) {
            return config.people();
        }
        if (config.peopleMapping() != null) {
            String location = config.peopleMapping();
            try {
                return ContainerLogin.fromProperties(mapping(location, context));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "Keyguard: "
                                + KeyguardConfig.PEOPLE_MAPPING.name()
                                + " ("
                                + location
                                + "): "
                                + e.getMessage(),
                        e);
            }
        }
        if (config.peopleResolver() != null) {
            return made(config.peopleResolver(), context);
        }
        return null;
    }

    private static Properties mapping(String location, ServletContext context) {
        String setting = KeyguardConfig.PEOPLE_MAPPING.name();
        try (InputStream in = open(location, context)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Keyguard: "
                                + setting
                                + " names "
                                + location
                                + ", which the web app has not");
            }
            Properties mapping = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                mapping.load(reader);
            }
            return mapping;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keyguard: " + setting + " could not be read from " + location + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Keyguard: " + setting + " (" + location + "): " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location, ServletContext context) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(URI.create(location)));
        }
        if (context == null) {
            throw new IllegalStateException(
                    "Keyguard: "
                            + KeyguardConfig.PEOPLE_MAPPING.name()
                            + " names a path in the web app, but there is no servlet context;"
                            + " use a file: URL");
        }
        return context.getResourceAsStream(location);
    }

    private static PersonResolver made(String className, ServletContext context) {
        String setting = KeyguardConfig.PEOPLE_RESOLVER.name();
        ClassLoader loader = context != null ? context.getClassLoader() : null;
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!PersonResolver.class.isAssignableFrom(type)) {
                throw new IllegalStateException(
                        "Keyguard: "
                                + setting
                                + " names "
                                + className
                                + ", which does not implement "
                                + PersonResolver.class.getName());
            }
            return (PersonResolver) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "Keyguard: " + setting + " names " + className + ", which the web app has not",
                    e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(
                    "Keyguard: "
                            + setting
                            + " names "
                            + className
                            + ", which has no public no-argument constructor",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "Keyguard: "
                            + setting
                            + " names "
                            + className
                            + ", whose constructor failed: "
                            + e.getCause(),
                    e.getCause());
        }
    }
}
