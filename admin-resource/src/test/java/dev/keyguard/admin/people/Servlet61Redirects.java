package dev.keyguard.admin.people;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * A test-class-path shim for embedded Tomcat 11: its response implements Servlet 6.1, where {@code
 * sendRedirect(String)} is the interface's default method calling {@code sendRedirect(location,
 * 302, true)}, but these tests compile and run against the 6.0 API jar, where it is abstract (an
 * {@code AbstractMethodError}). A real Tomcat 11 web app sees Tomcat's own 6.1 API; this does what
 * its default method does.
 */
public final class Servlet61Redirects implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        chain.doFilter(
                request,
                new HttpServletResponseWrapper(http) {
                    @Override
                    public void sendRedirect(String location) throws IOException {
                        try {
                            http.getClass()
                                    .getMethod(
                                            "sendRedirect", String.class, int.class, boolean.class)
                                    .invoke(http, location, SC_FOUND, true);
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof IOException io) {
                                throw io;
                            }
                            throw new IllegalStateException(e.getCause());
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
    }
}
