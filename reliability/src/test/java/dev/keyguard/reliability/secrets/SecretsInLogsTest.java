package dev.keyguard.reliability.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Http;
import dev.keyguard.reliability.support.Http.Answer;
import dev.keyguard.reliability.support.Json;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.LoggedText;
import dev.keyguard.testing.ProxiedDatabase;
import dev.keyguard.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Everything every library logs at DEBUG (Keyguard, Hibernate, HikariCP, Flyway, Jetty, Jersey, the
 * JDBC drivers; java.util.logging bridged in) during a full run of the contract, errors and a
 * database outage included, and a forced unique violation on the key's hash: no line, argument,
 * exception message or stack trace holds a raw key or a full SHA-256 hash. And no response holds a
 * raw key but the create and rotate bodies, which carry {@code Cache-Control: no-store}.
 */
class SecretsInLogsTest {

    private static final String KEYS = "api/v1/api-keys";

    /** Jetty's HTTP parser, which at DEBUG logs every request header as it reads it. */
    static final String CONTAINER_WIRE_LOG = "org.eclipse.jetty.http.HttpParser";

    private static final Pattern HEX64 =
            Pattern.compile("(?i)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

    private final Capture capture = new Capture();
    private final Set<String> rawKeys = new LinkedHashSet<>();
    private ProxiedDatabase database;
    private Keyguard keyguard;
    private Node node;
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.FINEST);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        // Every logger at DEBUG, whatever logback-test.xml says for some of them.
        context.getLoggerList()
                .forEach(
                        logger -> {
                            if (logger.getLevel() != null) {
                                logger.setLevel(Level.DEBUG);
                            }
                        });
        root.setLevel(Level.DEBUG);
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (keyguard != null) {
            keyguard.close();
        }
        if (database != null) {
            database.close();
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture);
        root.setLevel(rootLevel);
        context.getLoggerList()
                .forEach(
                        logger -> {
                            if (logger != root && logger.getLevel() == Level.DEBUG) {
                                logger.setLevel(Level.WARN);
                            }
                        });
        context.getLogger("dev.keyguard").setLevel(Level.INFO);
        SLF4JBridgeHandler.uninstall();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void noLogLineHoldsARawKeyOrAFullHash(String name) throws Exception {
        database = ProxiedDatabase.start(name);
        keyguard =
                Keyguard.start(
                        database.config().lastUsedFlushInterval(Duration.ofMillis(200)).build());
        node = Node.start(keyguard);
        Http http = new Http(node.base());
        List<Answer> answers = new ArrayList<>();
        String org = "org-secrets-" + UUID.randomUUID();
        String root = remember(keyguard.service().create(owner(org), "root", null).rawKey());

        // The contract, happy paths and errors.
        JsonNode created =
                created(
                        record(
                                answers,
                                http.post(
                                        KEYS,
                                        root,
                                        "{\"name\":\"deploy\",\"expiresAt\":\"2099-01-01\"}")));
        String key = remember(created.get("key").asText());
        record(answers, http.get(Node.WHOAMI, key));
        record(answers, http.get(KEYS, key));
        JsonNode rotated =
                created(
                        record(
                                answers,
                                http.post(
                                        KEYS + "/" + created.get("id").asText() + "/rotate",
                                        key,
                                        // A key that expires rotates itself no later than it.
                                        "{\"gracePeriodSeconds\":0,\"expiresAt\":\"2099-01-01\"}")));
        String newKey = remember(rotated.get("key").asText());
        record(answers, http.get(Node.WHOAMI, key));
        record(answers, http.get(Node.WHOAMI, newKey));
        String unknown = remember(TestKeys.unminted());
        record(answers, http.get(Node.WHOAMI, remember(TestKeys.badChecksum())));
        record(answers, http.get(Node.WHOAMI, unknown));
        record(answers, http.get(Node.WHOAMI, remember("ll_" + hex64().toUpperCase())));
        record(answers, http.get(Node.WHOAMI, newKey + "x"));
        record(answers, http.post(KEYS, root, "{\"name\":"));
        record(answers, http.send("POST", KEYS, root, "[]"));
        record(answers, http.post(KEYS, root, "{\"name\":\"" + "n".repeat(101) + "\"}"));
        for (int i = 0; i < 10; i++) {
            Answer more = record(answers, http.post(KEYS, root, "{\"name\":\"fill " + i + "\"}"));
            if (more.status() == 201) {
                remember(Json.parse(more.body()).get("data").get("key").asText());
            }
        }
        record(answers, http.delete(KEYS + "/" + rotated.get("id").asText(), root));
        record(answers, http.delete(KEYS + "/" + rotated.get("id").asText(), root));
        record(answers, http.get(Node.WHOAMI, newKey));
        Thread.sleep(500); // a lastUsedAt flush

        // An outage: 503s, a failed flush, HikariCP and the driver complaining.
        database.proxy().cut();
        String unknownDuringOutage = remember(TestKeys.unminted());
        List<java.util.concurrent.CompletableFuture<Answer>> outage =
                List.of(
                        java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> http.get(Node.WHOAMI, unknownDuringOutage)),
                        java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> http.get(Node.WHOAMI, root)),
                        java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> http.post(KEYS, root, "{}")));
        outage.forEach(answer -> record(answers, answer.join()));
        database.proxy().restore();
        awaitService(http, root);

        // The known suspect: a unique violation on key_hash, whose database message (PostgreSQL's
        // detail, MariaDB's "Duplicate entry") quotes the hash.
        ApiKey clash =
                new ApiKey(
                        "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                        "clash",
                        "ll_0000000000",
                        owner(org),
                        Instant.now(),
                        null,
                        null);
        String existingHash = KeyHash.sha256Hex(root);
        assertThatThrownBy(
                        () ->
                                KeyguardInternals.of(keyguard)
                                        .store()
                                        .insertWithinLimit(
                                                new StoredKey(clash, existingHash, null, null),
                                                100,
                                                Instant.now(),
                                                dev.keyguard.Actor.operator()))
                .isInstanceOf(dev.keyguard.KeyguardException.class);

        node.close();
        node = null;
        keyguard.close();
        keyguard = null;

        List<String> leaks = new ArrayList<>();
        int wireLog = 0;
        Set<String> secrets = new LinkedHashSet<>();
        for (String raw : rawKeys) {
            secrets.add(raw);
            secrets.add(raw.toLowerCase());
            secrets.add(KeyHash.sha256Hex(raw));
            secrets.add(raw.substring(3)); // the 64 hex without the prefix
        }
        for (String line : capture.lines) {
            if (line.startsWith(CONTAINER_WIRE_LOG + " ")) {
                // Jetty's parser logs each request header as it reads it, Authorization too:
                // the container's, documented in docs/filter.md (keep it above DEBUG).
                wireLog++;
                continue;
            }
            for (String secret : secrets) {
                if (line.toLowerCase().contains(secret.toLowerCase())) {
                    leaks.add(secret.substring(0, 8) + "... in: " + abbreviate(line));
                }
            }
            Matcher hex = HEX64.matcher(line);
            while (hex.find()) {
                leaks.add("a 64-hex value in: " + abbreviate(line));
            }
        }
        Figures.record(
                "SecretsInLogsTest/" + name,
                "log lines captured: "
                        + capture.lines.size()
                        + ", raw keys and hashes looked for: "
                        + secrets.size()
                        + ", leaks: "
                        + leaks.size()
                        + " (lines of Jetty's HttpParser, which logs request headers, left out: "
                        + wireLog
                        + ")");
        assertThat(wireLog)
                .as("the capture saw Jetty's DEBUG lines, Authorization headers and all")
                .isPositive();
        assertThat(capture.lines)
                .as("the capture saw Hibernate's DEBUG lines")
                .anyMatch(line -> line.startsWith("org.hibernate"));
        // The security log, with a line for each kind of event the run caused.
        for (String event :
                List.of(
                        "key.created",
                        "key.rotated",
                        "key.revoked",
                        "key.refused outcome=checksum",
                        "key.refused outcome=unknown",
                        "key.refused outcome=malformed",
                        "key.refused outcome=revoked")) {
            assertThat(capture.lines)
                    .as("the capture saw the security log's " + event)
                    .anyMatch(line -> line.startsWith("keyguard.security event=" + event + " "));
        }
        assertThat(leaks).isEmpty();

        for (Answer answer : answers) {
            boolean secretBody = answer.status() == 201;
            for (String raw : rawKeys) {
                if (!secretBody) {
                    assertThat(answer.body())
                            .as("only create and rotate bodies hold a key")
                            .doesNotContain(raw);
                }
            }
            if (secretBody) {
                assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            }
        }
    }

    private static void awaitService(Http http, String root) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (http.get(KEYS, root).status() != 200) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String remember(String raw) {
        rawKeys.add(raw);
        return raw;
    }

    private static Answer record(List<Answer> answers, Answer answer) {
        answers.add(answer);
        return answer;
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        return Json.parse(answer.body()).get("data");
    }

    private static KeyOwner owner(String org) {
        return new KeyOwner(org, new KeyUser("u-secrets", "Sec", "Ret", "sec@example.com"));
    }

    private static String hex64() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static String abbreviate(String line) {
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    /** Keeps every event as text ({@link LoggedText}). */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(LoggedText.of(event));
        }
    }
}
