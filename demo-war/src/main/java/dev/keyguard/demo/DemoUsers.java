package dev.keyguard.demo;

import dev.keyguard.KeyUser;
import dev.keyguard.Person;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The legacy app's own organisations and users, which Keyguard never manages: two organisations,
 * {@code acme} and {@code globex}, with two users each, seeded on first start.
 */
public final class DemoUsers {

    private static final String[][] SEED = {
        {"acme", "Alice", "Smith", "alice@acme.example"},
        {"acme", "Arjun", "Patel", "arjun@acme.example"},
        {"globex", "Bob", "Jones", "bob@globex.example"},
        {"globex", "Gina", "Ruiz", "gina@globex.example"},
    };

    private final DataSource dataSource;

    /**
     * A user as seeded, without asking the database: what {@code create-key} sends to a running
     * demo (whose database is the seed's; the demo changes no user), which only one process may
     * open.
     *
     * @param email the user's email, or {@code null} for the organisation's first user (by email)
     * @throws IllegalArgumentException saying that the organisation, or the user, is unknown
     */
    static KeyUser seeded(String organisationId, String email) {
        List<String> organisations = new ArrayList<>();
        KeyUser found = null;
        for (String[] user : SEED) {
            if (!organisations.contains(user[0])) {
                organisations.add(user[0]);
            }
            if (user[0].equals(organisationId)
                    && (email == null
                            ? found == null || user[3].compareTo(found.email()) < 0
                            : user[3].equals(email))) {
                found = new KeyUser(user[3], user[1], user[2], user[3]);
            }
        }
        if (!organisations.contains(organisationId)) {
            throw new IllegalArgumentException(unknownOrganisation(organisationId, organisations));
        }
        if (found == null) {
            throw new IllegalArgumentException("No user '" + email + "' in " + organisationId);
        }
        return found;
    }

    /**
     * The seeded user with this email, as the person the dashboard shows (the demo's login checks
     * the password; this says who it was).
     */
    public static Optional<Person> person(String email) {
        for (String[] user : SEED) {
            if (user[3].equals(email)) {
                return Optional.of(new Person(user[0], user[3], user[1], user[2], user[3]));
            }
        }
        return Optional.empty();
    }

    /** The seeded users' emails, in the seed's order. */
    public static List<String> emails() {
        return java.util.Arrays.stream(SEED).map(user -> user[3]).toList();
    }

    /** The organisation of a seeded user's email. */
    public static String organisationOf(String email) {
        return person(email).map(Person::organisationId).orElse(null);
    }

    static String unknownOrganisation(String organisationId, List<String> organisations) {
        return "Unknown organisation '"
                + organisationId
                + "': the demo has "
                + String.join(" and ", organisations.stream().sorted().toList());
    }

    public DemoUsers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the demo table and its users unless they exist; safe to call on every start. */
    public void seedIfEmpty() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS demo_user (email VARCHAR(320) PRIMARY KEY,"
                            + " organisation_id VARCHAR(255) NOT NULL, first_name VARCHAR(255),"
                            + " last_name VARCHAR(255))");
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM demo_user")) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            try (PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO demo_user (organisation_id, first_name, last_name, email)"
                                    + " VALUES (?, ?, ?, ?)")) {
                for (String[] user : SEED) {
                    for (int i = 0; i < user.length; i++) {
                        insert.setString(i + 1, user[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The organisations that have users, sorted. */
    public List<String> organisations() throws SQLException {
        List<String> organisations = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery(
                                "SELECT DISTINCT organisation_id FROM demo_user"
                                        + " ORDER BY organisation_id")) {
            while (rows.next()) {
                organisations.add(rows.getString(1));
            }
        }
        return organisations;
    }

    /**
     * The user of the organisation with this email, or its first user (by email) when {@code email}
     * is {@code null}.
     */
    public Optional<KeyUser> find(String organisationId, String email) throws SQLException {
        String sql =
                "SELECT email, first_name, last_name FROM demo_user WHERE organisation_id = ?"
                        + (email == null ? "" : " AND email = ?")
                        + " ORDER BY email";
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, organisationId);
            if (email != null) {
                query.setString(2, email);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String userEmail = rows.getString(1);
                return Optional.of(
                        new KeyUser(userEmail, rows.getString(2), rows.getString(3), userEmail));
            }
        }
    }
}
