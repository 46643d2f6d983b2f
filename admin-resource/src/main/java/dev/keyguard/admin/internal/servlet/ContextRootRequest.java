package dev.keyguard.admin.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request shown to a JAX-RS runtime as if its servlet were mapped to {@code /*}: the servlet path
 * is empty and the path info is the whole path within the web app. Jersey takes the application's
 * root from the servlet path, so under {@code /api/v1/api-keys/*} it would look for the resource at
 * {@code /api/v1/api-keys/api/v1/api-keys}; RESTEasy reads neither (its root is the context path
 * plus its mapping prefix, which {@link JaxRsRuntime} sets empty).
 */
public final class ContextRootRequest extends HttpServletRequestWrapper {

    private final String pathInfo;

    public ContextRootRequest(HttpServletRequest request) {
        super(request);
        String info = request.getPathInfo();
        this.pathInfo = request.getServletPath() + (info == null ? "" : info);
    }

    @Override
    public String getServletPath() {
        return "";
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }
}
