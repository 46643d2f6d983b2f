package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Turns the host's 403 after a refused scope into the contract's answer. When the host (a JAX-RS
 * runtime enforcing {@code @RolesAllowed}, or its own code) asked {@code isUserInRole} for a
 * declared scope the key lacks and then refuses the request with 403, by {@code sendError} (Jersey)
 * or by {@code setStatus} with a body of its own (RESTEasy: {@code text/html} "Access forbidden"),
 * the answer is 403 {@code insufficient_scope} with its challenge and JSON body, written and
 * committed at once; whatever the host writes after it is dropped, as after {@code sendError}. Any
 * other status passes untouched. The refusal is reported to the {@link Observer} (the request's
 * outcome stays valid: the key was let in).
 */
final class ScopeAwareResponse extends HttpServletResponseWrapper {

    private final AuthenticatedRequest request;
    private final FailureWriter writer;
    private final Observer observer;

    /** Whether the insufficient_scope answer was written: the host's output goes nowhere. */
    private boolean answered;

    ScopeAwareResponse(
            HttpServletResponse response,
            AuthenticatedRequest request,
            FailureWriter writer,
            Observer observer) {
        super(response);
        this.request = request;
        this.writer = writer;
        this.observer = observer;
    }

    @Override
    public void sendError(int status) throws IOException {
        if (!answered && !answeredAsInsufficientScope(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (!answered && !answeredAsInsufficientScope(status)) {
            super.sendError(status, message);
        }
    }

    @Override
    public void setStatus(int status) {
        if (answered) {
            return;
        }
        try {
            if (!answeredAsInsufficientScope(status)) {
                super.setStatus(status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return answered ? Discarded.STREAM : super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return answered ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
    }

    @Override
    public void reset() {
        if (!answered) {
            super.reset();
        }
    }

    @Override
    public void resetBuffer() {
        if (!answered) {
            super.resetBuffer();
        }
    }

    @Override
    public void setBufferSize(int size) {
        if (!answered) {
            super.setBufferSize(size);
        }
    }

    private boolean answeredAsInsufficientScope(int status) throws IOException {
        String refused = refusedScopes(status);
        if (refused == null || isCommitted()) {
            return false;
        }
        writer.writeInsufficientScope((HttpServletResponse) getResponse(), refused);
        // As after sendError: the response is complete, nothing the host writes after it counts.
        flushBuffer();
        answered = true;
        KeyguardPrincipal principal = request.principal();
        observer.scopeRefusedByHost(
                new Refusal(
                        Outcome.INSUFFICIENT_SCOPE,
                        principal.organisationId(),
                        principal.keyId(),
                        null,
                        request.getRemoteAddr(),
                        refused));
        return true;
    }

    private String refusedScopes(int status) {
        return status == HttpServletResponse.SC_FORBIDDEN ? request.refusedScopes() : null;
    }

    /** Where the host's output goes once the answer is written: nowhere, even when closed. */
    private static final class Discarded extends ServletOutputStream {

        static final Discarded STREAM = new Discarded();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
