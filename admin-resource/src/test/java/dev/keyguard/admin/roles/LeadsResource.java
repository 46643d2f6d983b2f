package dev.keyguard.admin.roles;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A host's resource guarded by scope with {@code @RolesAllowed}, as a host writes it. */
@Path("leads")
@Produces(MediaType.TEXT_PLAIN)
public class LeadsResource {

    @GET
    @RolesAllowed("leads:read")
    public String list() {
        return "the leads";
    }

    @POST
    @RolesAllowed("leads:write")
    public Response create() {
        return Response.status(201).entity("created").build();
    }

    @GET
    @Path("report")
    @RolesAllowed({"leads:read", "reports:read"})
    public String report() {
        return "the report";
    }

    @GET
    @Path("open")
    @PermitAll
    public String open() {
        return "open to every key";
    }

    @GET
    @Path("closed")
    @DenyAll
    public String closed() {
        return "never";
    }
}
