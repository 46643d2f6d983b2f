package dev.keyguard.spi;

import dev.keyguard.Person;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The ready {@link PersonResolver} for the container's own login (FORM or BASIC, with Tomcat's
 * {@code tomcat-users.xml}, a Jetty {@code LoginService}, a WildFly security domain, ...): the
 * person is {@code request.getUserPrincipal()}, looked up by its name in a mapping the host gives.
 * A logged-in user the mapping does not name is nobody: the mapping is also the list of who may
 * manage keys. Thread-safe and immutable.
 *
 * <p>As a properties file ({@code keyguard.people.mapping}), one line per login name: the
 * organisation, then optionally first name, last name and email, separated by commas:
 *
 * <pre>
 * alice = acme, Alice, Smith, alice@acme.example
 * bob   = globex
 * </pre>
 */
public final class ContainerLogin implements PersonResolver {

    private final Function<String, Optional<Person>> directory;

    private ContainerLogin(Function<String, Optional<Person>> directory) {
        this.directory = directory;
    }

    /**
     * @param directory from the container's login name to the person, or empty for one who may not
     *     manage keys; called once per request, so it should answer from memory
     */
    public static ContainerLogin of(Function<String, Optional<Person>> directory) {
        return new ContainerLogin(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * The mapping as the properties file above.
     *
     * @throws IllegalArgumentException naming the login name of an entry without an organisation or
     *     with more than four values
     */
    public static ContainerLogin fromProperties(Properties mapping) {
        Map<String, Person> people = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (String login : mapping.stringPropertyNames()) {
            List<String> values =
                    Arrays.stream(mapping.getProperty(login).split(",", -1))
                            .map(String::strip)
                            .map(v -> v.isEmpty() ? null : v)
                            .toList();
            if (login.isBlank() || values.get(0) == null || values.size() > 4) {
                bad.add("'" + login + "'");
                continue;
            }
            people.put(
                    login,
                    new Person(
                            values.get(0),
                            login,
                            values.size() > 1 ? values.get(1) : null,
                            values.size() > 2 ? values.get(2) : null,
                            values.size() > 3 ? values.get(3) : null));
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid people mapping: "
                            + String.join(", ", bad)
                            + " must map to 'organisation[, first name, last name, email]'");
        }
        Map<String, Person> fixed = Map.copyOf(people);
        return of(login -> Optional.ofNullable(fixed.get(login)));
    }

    @Override
    public Optional<Person> resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            return Optional.empty();
        }
        return directory.apply(principal.getName());
    }
}
