package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Keyguard as a Jakarta Authentication {@code ServerAuthModule}: the container asks it who calls
 * before it checks its own security constraints. Registered for one web app by {@link
 * ContainerAuthentication}. Thread-safe once initialised.
 *
 * <p>A request the container does not require authentication for (no auth-constraint) passes
 * untouched, key or not: the filter guards its own paths as before. On a constrained path the
 * module runs the filter's pipeline: no key, an invalid key, a blocked client, an unavailable store
 * or a key from outside its allowed addresses get the filter's answer ({@code SEND_FAILURE}, the
 * response written); a valid key becomes the caller ({@link KeyguardPrincipal}) with its scopes as
 * groups, so {@code <auth-constraint><role-name>scope</role-name>} lets exactly the keys with that
 * scope in. Nothing is kept in a session.
 */
final class KeyguardAuthModule implements ServerAuthModule {

    /** Set by the container when the request must be authenticated (Jakarta Authentication). */
    static final String IS_MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    private static final String AUTH_TYPE = "jakarta.servlet.http.authType";
    private static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";

    private final ContainerAuthentication owner;
    private volatile CallbackHandler handler;

    KeyguardAuthModule(ContainerAuthentication owner) {
        this.owner = owner;
    }

    @Override
    public void initialize(
            MessagePolicy requestPolicy,
            MessagePolicy responsePolicy,
            CallbackHandler handler,
            Map<String, Object> options) {
        this.handler = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service)
            throws AuthException {
        if (!(message.getRequestMessage() instanceof HttpServletRequest request)
                || !(message.getResponseMessage() instanceof HttpServletResponse response)) {
            throw new AuthException("Keyguard authenticates HTTP requests only");
        }
        if (!Boolean.parseBoolean(String.valueOf(message.getMap().get(IS_MANDATORY)))) {
            return AuthStatus.SUCCESS; // not constrained: no caller, the request as it came
        }
        KeyguardPrincipal principal;
        try {
            principal = owner.authenticate(request, response);
        } catch (IOException e) {
            throw failure("Keyguard could not answer the request", e);
        }
        if (principal == null) {
            return AuthStatus.SEND_FAILURE;
        }
        try {
            // One call with both: Tomcat's handler reads the groups only beside the caller.
            handler.handle(
                    new Callback[] {
                        new CallerPrincipalCallback(client, principal),
                        new GroupPrincipalCallback(client, owner.roles(principal))
                    });
        } catch (IOException | UnsupportedCallbackException e) {
            throw failure("The container did not take Keyguard's caller", e);
        }
        message.getMap().put(AUTH_TYPE, AuthenticatedRequest.AUTH_TYPE);
        message.getMap().put(REGISTER_SESSION, "false");
        return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().removeIf(p -> p instanceof KeyguardPrincipal);
        }
    }

    private static AuthException failure(String message, Exception cause) {
        AuthException failure = new AuthException(message);
        failure.initCause(cause);
        return failure;
    }
}
