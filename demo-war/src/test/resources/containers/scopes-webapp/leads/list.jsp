<%@ page contentType="text/plain" trimDirectiveWhitespaces="true" %>
principal=<%= request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName() %>;authType=<%= request.getAuthType() %>;leads:read=<%= request.isUserInRole("leads:read") %>;leads:write=<%= request.isUserInRole("leads:write") %>
