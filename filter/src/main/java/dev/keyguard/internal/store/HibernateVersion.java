package dev.keyguard.internal.store;

import java.net.URL;
import java.security.CodeSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hibernate ORM versions Keyguard's store runs on, checked before anything touches the
 * database: Maven keeps a host's own hibernate-core over Keyguard's without a word, and a version
 * the store cannot run on would otherwise fail only after the schema migrations, half-way into the
 * first query or the bootstrap.
 *
 * <p>Supported: 6.6 and 7.x, each tested (docs/compatibility.md). A version string that does not
 * read as {@code major.minor...} (a repackaged Hibernate without its version) is let through: the
 * caller warns.
 */
final class HibernateVersion {

    static final String SUPPORTED = "Hibernate ORM 6.6 or 7.x";
    static final String ARTIFACT = "org.hibernate.orm:hibernate-core";

    private static final Logger LOG = LoggerFactory.getLogger(HibernateVersion.class);
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(\\..*)?");

    enum Verdict {
        SUPPORTED,
        UNSUPPORTED,
        UNKNOWN
    }

    private HibernateVersion() {}

    /**
     * Refuses a Hibernate ORM that Keyguard's store cannot run on, or none; warns when the version
     * cannot be read.
     *
     * @throws IllegalStateException naming the library, the version found and the versions
     *     supported
     */
    static void check() {
        String version = found();
        switch (of(version)) {
            case SUPPORTED -> LOG.debug("Keyguard runs on Hibernate ORM {}", version);
            case UNSUPPORTED -> throw new IllegalStateException(refusal(version, location()));
            case UNKNOWN ->
                    LOG.warn(
                            "Keyguard cannot tell which Hibernate ORM it runs on (it says \"{}\","
                                    + " loaded from {}); Keyguard needs {}",
                            version,
                            location(),
                            SUPPORTED);
        }
    }

    /**
     * @return the version of the Hibernate ORM on the class path, as it says itself
     * @throws IllegalStateException if there is none (naming what is needed)
     */
    static String found() {
        try {
            return Version.getVersionString();
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    "Keyguard needs "
                            + SUPPORTED
                            + "; found none ("
                            + ARTIFACT
                            + " is not on the class path: "
                            + e
                            + ")",
                    e);
        }
    }

    /** Where the Hibernate ORM on the class path was loaded from, for the refusal's message. */
    static String location() {
        CodeSource source = Version.class.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "unknown location" : url.toString();
    }

    static Verdict of(String version) {
        Matcher matcher = version == null ? null : MAJOR_MINOR.matcher(version.trim());
        if (matcher == null || !matcher.matches()) {
            return Verdict.UNKNOWN;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major == 7 || (major == 6 && minor == 6) ? Verdict.SUPPORTED : Verdict.UNSUPPORTED;
    }

    /** The message of the refusal of an unsupported version. */
    static String refusal(String version, String location) {
        return "Keyguard needs "
                + SUPPORTED
                + "; found "
                + version
                + " ("
                + ARTIFACT
                + ", loaded from "
                + location
                + "). Nothing was written to the database. Put a supported "
                + ARTIFACT
                + " on the class path instead (with Maven, the host's own dependency on it wins"
                + " over Keyguard's: see mvn dependency:tree -Dincludes=org.hibernate.orm).";
    }
}
