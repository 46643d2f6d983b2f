package dev.keyguard.demo.browser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Another site, on a second Jetty: 127.0.0.1 on another port, so another origin but the same site
 * as the demo, and a browser sends the demo's session cookie (even {@code SameSite=Lax}) with the
 * requests its page makes to the demo. Its page, at {@code /}, rides on that cookie: on load a
 * script POSTs to the admin API with {@code fetch} ({@code no-cors}: it cannot read the answers,
 * and needs none) to create a key and to rotate the key {@code rotate} names, then marks the body
 * {@code data-attack-sent}; and a form ({@code #attack-form}, submitted by {@code #attack-submit})
 * POSTs a key's JSON as {@code text/plain}, so the browser shows the demo's answer.
 */
public final class AttackerSite implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private AttackerSite(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @param api the demo's admin API, e.g. {@code http://127.0.0.1:8080/api/v1/api-keys}
     * @param rotate the id of a key to try to rotate
     */
    public static AttackerSite start(URI api, String rotate) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        String page = page(api.toString(), rotate);
        server.setHandler(
                new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        response.getHeaders()
                                .put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                        response.write(
                                true,
                                BufferUtil.toBuffer(page.getBytes(StandardCharsets.UTF_8)),
                                callback);
                        return true;
                    }
                });
        server.start();
        return new AttackerSite(server, connector);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** This site's origin, as a browser sends it in {@code Origin}. */
    public String origin() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    private static String page(String api, String rotate) {
        return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Win a prize</title></head>
        <body>
        <h1>You have won a prize</h1>
        <form id="attack-form" method="post" action="{{api}}" enctype="text/plain">
        <input type="hidden" name='{"name":"Attacker form","x":"' value='"}'>
        <button id="attack-submit" type="submit">Claim it</button>
        </form>
        <script>
        const sent = [
          fetch('{{api}}', {method: 'POST', mode: 'no-cors', credentials: 'include',
              headers: {'Content-Type': 'text/plain'},
              body: '{"name":"Attacker fetch"}'}),
          fetch('{{api}}/{{rotate}}/rotate', {method: 'POST', mode: 'no-cors',
              credentials: 'include', headers: {'Content-Type': 'text/plain'},
              body: '{"gracePeriodSeconds":0}'}),
        ];
        Promise.allSettled(sent).then(
            () => document.body.setAttribute('data-attack-sent', 'true'));
        </script>
        </body>
        </html>
        """
                .replace("{{api}}", api)
                .replace("{{rotate}}", rotate);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The other site did not stop cleanly", e);
        }
    }
}
