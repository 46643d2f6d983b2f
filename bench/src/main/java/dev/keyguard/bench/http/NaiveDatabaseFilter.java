package dev.keyguard.bench.http;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;

/**
 * The alternative the benchmark compares Keyguard with: a hand-written API-key filter as many apps
 * have one. It hashes the presented key and asks the database on every request ({@code SELECT ...
 * WHERE key_hash = ?} over a HikariCP pool of the same size as Keyguard's), with no cache, no
 * throttling and no write-behind (it does not record last use at all, which only flatters it).
 * Init-params: {@code jdbc-url}, {@code jdbc-user}, {@code jdbc-password}, {@code pool-size}.
 */
public final class NaiveDatabaseFilter implements Filter {

    private static final String QUERY =
            "SELECT id, organisation_id, created_by_user_id,"
                    + " expires_at, revoked_at FROM keyguard_api_key WHERE key_hash = ?";
    private HikariDataSource pool;

    @Override
    public void init(FilterConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("naive-filter");
        hikari.setJdbcUrl(config.getInitParameter("jdbc-url"));
        hikari.setUsername(config.getInitParameter("jdbc-user"));
        hikari.setPassword(config.getInitParameter("jdbc-password"));
        hikari.setMaximumPoolSize(Integer.parseInt(config.getInitParameter("pool-size")));
        pool = new HikariDataSource(hikari);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            refuse(response);
            return;
        }
        KeyguardPrincipal principal;
        try {
            principal = lookUp(sha256(header.substring(7).trim()));
        } catch (SQLException e) {
            response.sendError(503);
            return;
        }
        if (principal == null) {
            refuse(response);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return principal;
                    }
                },
                response);
    }

    private KeyguardPrincipal lookUp(String hash) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getTimestamp(5) != null) {
                    return null;
                }
                Timestamp expiresAt = row.getTimestamp(4);
                if (expiresAt != null && expiresAt.getTime() <= System.currentTimeMillis()) {
                    return null;
                }
                return new KeyguardPrincipal(
                        row.getString(1),
                        new KeyOwner(
                                row.getString(2), new KeyUser(row.getString(3), null, null, null)));
            }
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setContentType("application/json");
        response.getWriter().write("{\"success\":false,\"error\":{\"code\":\"unauthorized\"}}");
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
