package dev.keyguard.internal.web;

import dev.keyguard.Person;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person logged in to the host app, let in without a key on the admin API's paths only (the
 * contract's "People, not only programs"): asked of the host's {@link PersonResolver} when the
 * request carries no Bearer key, and, for a change, only with the dashboard page's proof ({@link
 * CsrfCheck}). Down the chain the request's principal is the {@link Person}. Thread-safe.
 */
final class PersonAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(PersonAuthentication.class);

    private final PersonResolver resolver;
    private final PassThrough paths;
    private final CsrfCheck csrf;
    private final Observer observer;

    PersonAuthentication(
            PersonResolver resolver, List<String> paths, List<String> origins, Observer observer) {
        this.resolver = resolver;
        this.observer = observer;
        this.paths = new PassThrough(false, paths);
        this.csrf = new CsrfCheck(origins);
    }

    /**
     * Whether a person may stand in for a key here: a people path, as the container normalised it
     * and as the client sent it (so that no JAX-RS runtime routing on the raw path reaches a host's
     * resource with the person), and no Bearer key sent.
     */
    boolean applies(HttpServletRequest request) {
        return paths.matches(request) && BearerCredential.extract(request) == null;
    }

    /**
     * @return {@code true} if it answered the request: let the person in, or refused a change
     *     without proof (403 {@code csrf_failed}) or failed to ask the resolver (503); {@code
     *     false} when nobody is logged in, for the key's 401
     */
    boolean handle(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            FailureWriter writer)
            throws IOException, ServletException {
        Optional<Person> found;
        try {
            found = resolver.resolve(request);
        } catch (RuntimeException e) {
            // Not the message: a container's may quote the session id (Jetty's "Response
            // committed <id>"), a host's its user's details.
            LOG.warn("Keyguard: the PersonResolver failed: {}", Failures.describe(e));
            writer.write(response, Failure.UNAVAILABLE, 0);
            return true;
        }
        if (found == null || found.isEmpty()) {
            return false;
        }
        Person person = found.get();
        if (!CsrfCheck.isSafe(request.getMethod()) && !csrf.passes(request, person)) {
            LOG.info(
                    "Keyguard refused a {} by {} of {} without the dashboard's proof (csrf_failed)",
                    request.getMethod(),
                    person.userId(),
                    person.organisationId());
            observer.outcome(Outcome.CSRF_FAILED);
            observer.refused(
                    new Refusal(
                            Outcome.CSRF_FAILED,
                            person.organisationId(),
                            null,
                            null,
                            request.getRemoteAddr(),
                            request.getMethod() + " by " + person.userId()));
            writer.write(response, Failure.CSRF_FAILED, 0);
            return true;
        }
        request.setAttribute(Person.REQUEST_ATTRIBUTE, person);
        chain.doFilter(new PersonRequest(request, person), response);
        return true;
    }

    /** The request as the admin API sees it: its principal is the person. */
    private static final class PersonRequest extends HttpServletRequestWrapper {
        private final Person person;

        PersonRequest(HttpServletRequest request, Person person) {
            super(request);
            this.person = person;
        }

        @Override
        public Principal getUserPrincipal() {
            return person;
        }

        @Override
        public String getRemoteUser() {
            return person.userId();
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }
    }
}
