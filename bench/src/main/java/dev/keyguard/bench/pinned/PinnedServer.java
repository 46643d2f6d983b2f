package dev.keyguard.bench.pinned;

import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyFilter;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.Person;
import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.bench.http.NaiveDatabaseFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Issue 18's server: one embedded Jetty 12 on 127.0.0.1, in one process, with the same trivial
 * servlet ({@link TrivialServlet}) under a context per guard, so that every guard runs on the same
 * JIT, heap and threads:
 *
 * <ul>
 *   <li>{@code /none/}: no filter;
 *   <li>{@code /minimal/}: {@link MinimalFilter}, the least an authenticating filter costs;
 *   <li>{@code /floor/}: {@link HashFloorFilter}, the minimal filter plus hashing the key, the
 *       floor under any filter that keeps keys only as their SHA-256;
 *   <li>{@code /keyguard/}: Keyguard's filter on PostgreSQL, every request a cache hit;
 *   <li>{@code /people/}: the same with a person resolver configured (a host with the dashboard),
 *       whose people paths this path is not on;
 *   <li>{@code /nometrics/}: Keyguard with {@code keyguard.metrics=false} (the others count every
 *       outcome for Micrometer's global registry);
 *   <li>{@code /naive/}: SHA-256 and a SELECT per request ({@link NaiveDatabaseFilter}).
 * </ul>
 *
 * Prints {@code READY port=<port> key=<key>} when it serves (the key is a bench key of organisation
 * {@value #ORGANISATION}, revoked on the next start), and stops when its standard input closes. Run
 * by {@link PinnedRun}, which pins it to a core.
 */
public final class PinnedServer {

    static final String ORGANISATION = "bench-pinned";

    /**
     * The system property that adds a {@link CpuMeter} to every guard and serves {@code /stats/}.
     */
    static final String METER_PROPERTY = "keyguard.bench.pinned.meter";

    private static final Map<String, CpuMeter> METERS = new ConcurrentHashMap<>();

    /**
     * What the meter's two clock reads cost, as {@code <nanoseconds> <requests>}; measured once.
     */
    private static final String METER_COST =
            Boolean.getBoolean(METER_PROPERTY) ? CpuMeter.selfCost() : "";

    static final List<String> PATHS =
            List.of("none", "minimal", "floor", "keyguard", "people", "nometrics", "naive");

    public static void main(String[] args) throws Exception {
        KeyguardConfig.Builder config =
                KeyguardConfig.builder()
                        .jdbc(BenchDatabase.url(), BenchDatabase.user(), BenchDatabase.password())
                        .poolSize(4);
        Keyguard keyguard = Keyguard.start(config.build());
        Keyguard withoutMetrics = Keyguard.start(config.metrics(false).build());
        Keyguard withPeople =
                Keyguard.start(
                        config.metrics(true).people(request -> Optional.<Person>empty()).build());
        String key = mintKey(keyguard);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        if (Boolean.getBoolean(METER_PROPERTY)) {
            contexts.addHandler(statistics());
        }
        contexts.addHandler(context("none", null, Map.of()));
        contexts.addHandler(context("minimal", new MinimalFilter(), Map.of()));
        contexts.addHandler(context("floor", new HashFloorFilter(key), Map.of()));
        contexts.addHandler(context("keyguard", new ApiKeyFilter(keyguard), Map.of()));
        contexts.addHandler(context("people", new ApiKeyFilter(withPeople), Map.of()));
        contexts.addHandler(context("nometrics", new ApiKeyFilter(withoutMetrics), Map.of()));
        contexts.addHandler(
                context(
                        "naive",
                        new NaiveDatabaseFilter(),
                        Map.of(
                                "jdbc-url", BenchDatabase.url(),
                                "jdbc-user", BenchDatabase.user(),
                                "jdbc-password", BenchDatabase.password(),
                                "pool-size", "4")));
        server.setHandler(contexts);
        server.start();
        System.out.println("READY port=" + connector.getLocalPort() + " key=" + key);
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // Until the driver closes our input.
            }
        } finally {
            server.stop();
            withPeople.close();
            withoutMetrics.close();
            keyguard.close();
        }
    }

    private static ServletContextHandler context(
            String name, Filter filter, Map<String, String> initParams) {
        ServletContextHandler context = new ServletContextHandler("/" + name);
        context.addServlet(TrivialServlet.class, "/*");
        if (Boolean.getBoolean(METER_PROPERTY)) {
            CpuMeter meter = new CpuMeter();
            METERS.put(name, meter);
            context.addFilter(new FilterHolder(meter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        if (filter != null) {
            FilterHolder holder = new FilterHolder(filter);
            initParams.forEach(holder::setInitParameter);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return context;
    }

    /**
     * {@code /stats/}: a line {@code <guard> <nanoseconds> <requests>} per {@link CpuMeter}, reset
     * with {@code ?reset=true}.
     */
    private static ServletContextHandler statistics() {
        ServletContextHandler context = new ServletContextHandler("/stats");
        context.addServlet(
                new ServletHolder(
                        new HttpServlet() {
                            private static final long serialVersionUID = 1L;

                            @Override
                            protected void doGet(
                                    HttpServletRequest request, HttpServletResponse response)
                                    throws IOException {
                                boolean reset = "true".equals(request.getParameter("reset"));
                                StringBuilder out = new StringBuilder();
                                out.append("meter ").append(METER_COST).append('\n');
                                METERS.forEach(
                                        (name, meter) ->
                                                out.append(name)
                                                        .append(' ')
                                                        .append(meter.read(reset))
                                                        .append('\n'));
                                response.setContentType("text/plain");
                                response.getWriter().write(out.toString());
                            }
                        }),
                "/*");
        return context;
    }

    /** A fresh key of the bench organisation; the ones a previous run left are revoked first. */
    private static String mintKey(Keyguard keyguard) {
        for (ApiKey left : keyguard.service().list(ORGANISATION)) {
            keyguard.service().revoke(ORGANISATION, left.id());
        }
        return keyguard.service()
                .create(
                        new KeyOwner(
                                ORGANISATION,
                                new KeyUser("bench@example.com", "Bench", "Run", null)),
                        "pinned",
                        null)
                .rawKey();
    }
}
