package dev.keyguard.reliability.process;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.reliability.support.Node;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Keyguard node in a process of its own, for {@link ProcessFaultTest} to kill: Jetty, filter and
 * Admin API on a free port, printed as {@code PORT <n>} on standard output.
 *
 * <p>Arguments: {@code h2 <data-dir>} (Keyguard's embedded H2 file database, as the demo runs) or
 * {@code jdbc <url> <user> <password>}; then optionally {@code mint <organisation>}, which makes a
 * first key for that organisation and prints it as {@code ROOT <key>}.
 */
public final class NodeMain {

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        KeyguardConfig.Builder config =
                KeyguardConfig.builder()
                        .lastUsedFlushInterval(Duration.ofMillis(200))
                        .throttleMaxFailures(0);
        int next;
        if (args[0].equals("h2")) {
            config.dataDir(Path.of(args[1]));
            next = 2;
        } else {
            config.jdbc(args[1], args[2], args.length > 3 ? args[3] : "");
            next = 4;
        }
        Keyguard keyguard = Keyguard.start(config.build());
        Node node = Node.start(keyguard);
        if (args.length > next + 1 && args[next].equals("mint")) {
            String key =
                    keyguard.service()
                            .create(
                                    new KeyOwner(
                                            args[next + 1],
                                            new KeyUser(
                                                    "u-process", "Pro", "Cess", "p@example.com")),
                                    "root",
                                    null)
                            .rawKey();
            System.out.println("ROOT " + key);
        }
        System.out.println("PORT " + node.base().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
