package dev.partnerconsent.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer without sticky sessions, on 127.0.0.1: each request goes to the next node in turn, with the
 * {@code X-Forwarded-*} headers a TLS-terminating proxy adds. It records which node answered which request. Given an
 * SSL context it terminates TLS itself (https to the browser, plain http to the nodes), as in production.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host", "expect",
            // refused by the JDK client as request headers
            "date", "from", "via", "warning");

    /** One forwarded request: which node served it. */
    public record Hop(String node, String method, String path, int status) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<String> nodeNames;
    private final List<String> nodeUrls;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Hop> hops = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public RoundRobinProxy(int port, List<String> nodeNames, List<String> nodeUrls) throws IOException {
        this(port, nodeNames, nodeUrls, null);
    }

    /** With {@code tls} non-null: terminates https on {@code port}. */
    public RoundRobinProxy(int port, List<String> nodeNames, List<String> nodeUrls, javax.net.ssl.SSLContext tls) throws IOException {
        this.nodeNames = List.copyOf(nodeNames);
        this.nodeUrls = List.copyOf(nodeUrls);
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress("127.0.0.1", port), 16);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    public String url() {
        return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort();
    }

    /** The node the next request goes to (0-based), to script which node answers which step. */
    public void nextGoesTo(int node) {
        next.set(node);
    }

    public List<Hop> hops() {
        return List.copyOf(hops);
    }

    public void clearHops() {
        hops.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        int node = Math.floorMod(next.getAndIncrement(), nodeUrls.size());
        try (exchange) {
            URI target = URI.create(nodeUrls.get(node) + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(90))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            request.header("X-Forwarded-Proto", server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http");
            request.header("X-Forwarded-Host", exchange.getRequestHeaders().getFirst("Host"));
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (IOException e) {
                hops.add(new Hop(nodeNames.get(node), exchange.getRequestMethod(), exchange.getRequestURI().getPath(), 502));
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            // one request per connection: the JDK server's keep-alive now and then reset a reused TLS connection
            // (client: "header parser received no bytes"), which is this harness's flaw, not the app's
            exchange.getResponseHeaders().set("Connection", "close");
            hops.add(new Hop(nodeNames.get(node), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    response.statusCode()));
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
