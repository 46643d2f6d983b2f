package dev.keyguard.admin.internal.resource;

import dev.keyguard.ApiKeyService;
import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.Person;
import dev.keyguard.RotatedApiKey;
import dev.keyguard.Scopes;
import dev.keyguard.admin.internal.error.AdminException;
import dev.keyguard.admin.internal.error.ApiError;
import dev.keyguard.admin.internal.json.Envelope;
import dev.keyguard.admin.internal.json.JsonBody;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * {@code /api/v1/api-keys}: list, create, revoke and rotate the caller's organisation's keys, read
 * a key's requests per day ({@code /{id}/usage}) and the organisation's audit trail ({@code
 * /events}). The caller is the {@link KeyguardPrincipal} the Keyguard filter put on the request;
 * every operation is scoped to its organisation and recorded in the key-event log with the caller
 * as the actor. Errors are thrown and answered by the {@link
 * dev.keyguard.admin.internal.error.ErrorMappers}; this class sets no error status itself.
 *
 * <p>Registered from {@code KeyguardAdminFeature}, one instance serves all requests and the
 * {@code @Context} fields are the runtime's per-request proxies; named by {@code
 * KeyguardAdminApplication}, the runtime makes one per request with the public no-argument
 * constructor. Public only because JAX-RS runtimes instantiate and call it reflectively.
 */
@Path(ApiKeysResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class ApiKeysResource {

    /** The resource's path, relative to the JAX-RS application's root. */
    public static final String PATH = "api/v1/api-keys";

    /**
     * The service from the ServletContext; one source for all the instances the runtime makes, so
     * that its warning about a missing Keyguard is said once.
     */
    private static final ServiceSource FROM_SERVLET_CONTEXT = ServiceSource.fromServletContext();

    private final ServiceSource services;
    @Context private SecurityContext security;
    @Context private ServletContext servletContext;
    @Context private UriInfo uriInfo;

    /** For the runtime: the service is the Keyguard the filter publishes in the ServletContext. */
    public ApiKeysResource() {
        this(FROM_SERVLET_CONTEXT);
    }

    public ApiKeysResource(ServiceSource services) {
        this.services = services;
    }

    /** All non-revoked keys of the caller's organisation, newest first. */
    @GET
    public Response list() {
        Caller caller = callerOrThrow();
        return Response.ok(
                        Envelope.data(
                                service().list(caller).stream().map(KeyViews.Listed::of).toList()))
                .build();
    }

    /** One key of the caller's organisation, as the list shows it. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Caller caller = callerOrThrow();
        return Response.ok(Envelope.data(KeyViews.Listed.of(service().get(caller, id)))).build();
    }

    /** A new key for the caller's organisation, created by the caller's user. */
    @POST
    public Response create(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, JsonBody body) {
        Caller caller = callerOrThrow();
        CreatedApiKey created =
                service().create(caller, RequestBodies.createKey(contentType, body));
        return secretResponse(created.key().id(), KeyViews.Created.of(created));
    }

    /** Revokes a key of the caller's organisation; the caller's own key included. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        Caller caller = callerOrThrow();
        service().revoke(caller, id);
        return Response.ok(Envelope.ok()).build();
    }

    /** Replaces a key with a new one; the old one keeps working for the grace period. */
    @POST
    @Path("{id}/rotate")
    public Response rotate(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            JsonBody body) {
        Caller caller = callerOrThrow();
        RotatedApiKey rotated =
                service().rotate(caller, id, RequestBodies.rotation(contentType, body));
        return secretResponse(rotated.replacement().key().id(), KeyViews.Rotated.of(rotated));
    }

    /**
     * The audit trail of the caller's organisation, newest first, a page at a time. A literal
     * segment, so it never reaches {@code {id}}: no key id can be {@code events} (ids are {@code
     * key_} and base64url).
     */
    @GET
    @Path("events")
    public Response events(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Caller caller = callerOrThrow();
        return Response.ok(
                        Envelope.data(
                                EventViews.Page.of(
                                        service()
                                                .events(
                                                        caller,
                                                        cursor,
                                                        RequestBodies.pageLimit(limit)))))
                .build();
    }

    /**
     * The requests made with a key of the caller's organisation per UTC day, the last {@code days}
     * days (30 when absent), oldest first and ending today, days without requests as 0.
     */
    @GET
    @Path("{id}/usage")
    public Response usage(@PathParam("id") String id, @QueryParam("days") String days) {
        Caller caller = callerOrThrow();
        ApiKeyService service = service();
        return Response.ok(
                        Envelope.data(
                                UsageView.of(
                                        service.usage(
                                                caller,
                                                id,
                                                RequestBodies.usageDays(
                                                        days, service.maxUsageDays())))))
                .build();
    }

    /** 201 with the new key's Location; never cached, since the body holds a secret. */
    private Response secretResponse(String newKeyId, Object view) {
        URI location = uriInfo.getBaseUriBuilder().path(PATH).path(newKeyId).build();
        return Response.created(location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(Envelope.data(view))
                .build();
    }

    /**
     * The caller: a key, which must hold {@value Scopes#KEYS_MANAGE} (checked before the body is
     * read, so a key without it learns nothing from validation errors), or a person logged in to
     * the host app, whom the filter let in with the dashboard's proof for a change.
     */
    private Caller callerOrThrow() {
        if (security != null && security.getUserPrincipal() instanceof KeyguardPrincipal key) {
            if (!key.hasScope(Scopes.KEYS_MANAGE)) {
                throw KeyguardException.insufficientScope(Scopes.KEYS_MANAGE);
            }
            return Caller.of(key);
        }
        if (security != null && security.getUserPrincipal() instanceof Person person) {
            return Caller.person(person); // let in by the filter, on the admin API's paths only
        }
        throw new AdminException(ApiError.UNAUTHORIZED);
    }

    private ApiKeyService service() {
        return services.service(servletContext);
    }
}
