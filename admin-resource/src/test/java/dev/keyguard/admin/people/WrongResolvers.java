package dev.keyguard.admin.people;

import dev.keyguard.Person;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Classes {@code keyguard.people.resolver} may wrongly name. */
public final class WrongResolvers {

    private WrongResolvers() {}

    /** A resolver Keyguard cannot make: its only constructor takes an argument. */
    public static final class WithoutNoArgConstructor implements PersonResolver {
        private final String organisation;

        public WithoutNoArgConstructor(String organisation) {
            this.organisation = organisation;
        }

        @Override
        public Optional<Person> resolve(HttpServletRequest request) {
            return Optional.of(Person.of(organisation, "x"));
        }
    }

    /** Not a resolver at all. */
    public static final class NotAResolver {}
}
