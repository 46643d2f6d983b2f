package dev.keyguard.internal.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyguard's embedded H2 file database, private to the operating-system user the JVM runs as.
 *
 * <p>Its files hold every key's hash, and whoever can open them can add a key row or, through H2's
 * SQL, run code in the process that serves them. So:
 *
 * <ul>
 *   <li>The data directory is created {@code rwx------}; an existing one that another user owns, or
 *       that its group or others may read, write or enter, is refused at start, naming it. The
 *       files in it are set {@code rw-------} (H2 creates them under the process's umask; the
 *       directory kept others out meanwhile).
 *   <li>No server: the database is opened in this process only (no {@code AUTO_SERVER}, so no TCP
 *       port that another local user could reach). A second process on the same directory is
 *       refused with a message that says so.
 *   <li>The database user has a random password, kept in {@value #PASSWORD_FILE} in the directory
 *       ({@code rw-------}). A database made by an earlier Keyguard, with no password, gets one on
 *       its first start here.
 *   <li>No trace file: H2 would write the text of failed statements into it.
 * </ul>
 *
 * On a file system without POSIX permissions (Windows), the directory keeps the access rights it
 * inherits; docs/filter.md says where to put it.
 */
public final class EmbeddedDatabase {

    static final String DATABASE_NAME = "keyguard";
    static final String PASSWORD_FILE = "keyguard.password";
    static final String USER = "SA";

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS =
            EnumSet.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private EmbeddedDatabase() {}

    /**
     * Makes or checks the data directory, then opens a pool on the database in it; the caller
     * closes the pool.
     *
     * <p>{@code WRITE_DELAY=0}: H2 keeps no redo log and by default writes committed changes to the
     * file up to 500 ms later, so a process killed in that window lost revocations the client had
     * been told of, and a revoked key worked again after the restart. With no delay each commit is
     * in the file (the operating system's cache) before the client hears of it.
     *
     * <p>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 would close the database in a JVM shutdown hook of its
     * own, which can run before the container's, losing the last {@code lastUsedAt} flush; the
     * pool's close ({@link dev.keyguard.Keyguard#close()}) closes it instead.
     *
     * @throws IllegalStateException naming the directory, if others may use it, it cannot be made,
     *     another process has the database open, or the database refuses the password
     */
    public static HikariDataSource open(Path dataDir, int poolSize) {
        Path directory = dataDir.toAbsolutePath().normalize();
        String url =
                "jdbc:h2:file:"
                        + directory.resolve(DATABASE_NAME)
                        + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        String password;
        try {
            makePrivate(directory);
            password = password(directory.resolve(PASSWORD_FILE));
            adoptPassword(url, password, directory);
            tightenFiles(directory);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keyguard could not prepare its data directory " + directory + ": " + e, e);
        }
        LOG.info("Keyguard is using its embedded H2 database in {}", directory);
        return DataSources.pooled(url, USER, password, poolSize);
    }

    /**
     * Creates the directory for its owner alone, or checks that an existing one is: owned by this
     * process's user, and closed to its group and to others.
     */
    static void makePrivate(Path directory) throws IOException {
        if (directory.getParent() == null) {
            throw new IllegalStateException(
                    "Keyguard's data directory cannot be "
                            + directory
                            + ": give it one of its own");
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(directory.getParent(), PosixFileAttributeView.class);
        boolean posix = view != null;
        if (!Files.exists(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                if (posix) {
                    Files.createDirectory(
                            directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                    // The umask can only take permissions away; set them exactly all the same.
                    Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
                } else {
                    Files.createDirectory(directory);
                }
            } catch (FileAlreadyExistsException raced) {
                // Made by another process meanwhile: checked below like any existing directory.
            }
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(
                    "Keyguard's data directory " + directory + " is not a directory");
        }
        if (!posix) {
            return;
        }
        UserPrincipal owner = Files.getOwner(directory);
        UserPrincipal self = processUser(directory);
        if (!owner.equals(self)) {
            throw new IllegalStateException(
                    "Keyguard's data directory "
                            + directory
                            + " belongs to "
                            + owner.getName()
                            + ", not to "
                            + self.getName()
                            + " who runs Keyguard: its owner could read every key's hash and mint"
                            + " keys. Give Keyguard a directory of its own.");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        if (!Collections.disjoint(permissions, OTHERS)) {
            throw new IllegalStateException(
                    "Keyguard's data directory "
                            + directory
                            + " is open to other users ("
                            + PosixFilePermissions.toString(permissions)
                            + "): whoever can read it has every key's hash, whoever can write it"
                            + " can mint keys. Close it with: chmod 700 "
                            + directory);
        }
    }

    /**
     * The user this process runs as: the owner of a file it makes. Unlike {@code user.name}, this
     * holds where the user has no name (a container's numeric user).
     */
    private static UserPrincipal processUser(Path directory) throws IOException {
        Path probe = Files.createTempFile(directory, ".owner", ".tmp");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** The password in the file, made (random, 32 bytes as hex) if there is none. */
    static String password(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path fresh = Files.createTempFile(file.getParent(), ".password", ".tmp");
            try {
                restrict(fresh);
                Files.writeString(fresh, HexFormat.of().formatHex(secret) + "\n");
                Files.move(fresh, file);
            } catch (FileAlreadyExistsException raced) {
                // Another process wrote it first: use that one.
            } finally {
                Files.deleteIfExists(fresh);
            }
        }
        String password;
        try {
            password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("Keyguard's password file " + file + " vanished", e);
        }
        if (password.isEmpty()) {
            throw new IllegalStateException(
                    "Keyguard's password file " + file + " is empty: restore it from a backup");
        }
        return password;
    }

    /**
     * Opens the database once with the password. A database of an earlier Keyguard has none: it
     * gets this one.
     */
    private static void adoptPassword(String url, String password, Path directory) {
        try {
            connect(url, password).close();
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw refusal(e, directory);
            }
        }
        try (Connection legacy = connect(url, "");
                Statement statement = legacy.createStatement()) {
            // The password is hex (see password()), so it is safe in the statement's text.
            statement.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            LOG.info("Keyguard gave its embedded database in {} a password", directory);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException(
                        "Keyguard's embedded database in "
                                + directory
                                + " does not take the password in "
                                + directory.resolve(PASSWORD_FILE)
                                + ": was the file replaced? Restore it from a backup",
                        e);
            }
            throw refusal(e, directory);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return new org.h2.Driver().connect(url, properties);
    }

    private static IllegalStateException refusal(SQLException e, Path directory) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new IllegalStateException(
                    "Keyguard's embedded database in "
                            + directory
                            + " is open in another process, and is never shared with one: stop"
                            + " that process, or give this one a database server (JDBC URL or"
                            + " JNDI DataSource)",
                    e);
        }
        return new IllegalStateException(
                "Keyguard could not open its embedded database in "
                        + directory
                        + ": "
                        + e.getMessage(),
                e);
    }

    /** Sets every regular file in the directory to {@code rw-------}. */
    private static void tightenFiles(Path directory) throws IOException {
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file);
                }
            }
        }
    }

    private static void restrict(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
    }
}
