package dev.partnerconsent.standin;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.partnerconsent.standin.tls.StandInTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the webhooks alerts go to (a Teams workflow, a Slack incoming webhook): an HTTPS server with the
 * stand-in certificate that records each body posted to a path and answers as that path is told — 200, an error
 * status, or never (it holds the request until {@link #close}).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** How a path answers. */
    public enum Answer { OK, FAIL, HANG }

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new HashMap<>();
    private final Map<String, List<String>> bodies = new HashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private WebhookReceiver(HttpsServer server) {
        this.server = server;
    }

    public static WebhookReceiver start(StandInTls tls) {
        return start(tls, 0);
    }

    /** @param port a fixed port (the app is told the URLs before it starts), or 0 for any */
    public static WebhookReceiver start(StandInTls tls, int port) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of {@code path} (e.g. {@code /teams}), answering as told. */
    public synchronized URI url(String path, Answer answer) {
        answers.put(path, answer);
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public synchronized void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            bodies.computeIfAbsent(path, p -> new ArrayList<>()).add(body);
            answer = answers.getOrDefault(path, Answer.OK);
            notifyAll();
        }
        if (answer == Answer.HANG) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(answer == Answer.FAIL ? 500 : 200, -1);
        exchange.close();
    }

    /** The bodies posted to {@code path} so far. */
    public synchronized List<String> bodies(String path) {
        return List.copyOf(bodies.getOrDefault(path, List.of()));
    }

    /** Waits until {@code path} got at least {@code n} posts or {@code timeout} passed; the bodies either way. */
    public synchronized List<String> await(String path, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (bodies.getOrDefault(path, List.of()).size() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return bodies(path);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
