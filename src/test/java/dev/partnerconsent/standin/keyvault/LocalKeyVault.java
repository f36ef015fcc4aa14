package dev.partnerconsent.standin.keyvault;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.partnerconsent.standin.tls.StandInTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTPS emulator of the Azure Key Vault secrets REST API, for the real Azure SDK {@code SecretClient}
 * (configured only with {@link #vaultUrl()}, a trust store for {@link StandInTls}, and
 * {@code disableChallengeResourceVerification()}).
 *
 * <p>It serves, on one port bound to 127.0.0.1:
 * <ul>
 *   <li>the secrets API (7.x) with Key Vault's rules, errors, soft delete and asynchronous recovery;</li>
 *   <li>Key Vault's bearer challenge on unauthenticated calls, pointing at {@link #authorityHost()};</li>
 *   <li>an Entra-shaped client-credentials endpoint for {@code ClientSecretCredential}
 *       (see {@link #authorityHost()});</li>
 *   <li>an App Service managed identity endpoint for {@code ManagedIdentityCredential}/{@code DefaultAzureCredential}
 *       (see {@link #managedIdentityEnvironment()}).</li>
 * </ul>
 * Tests steer it with {@link #faults()}, observe it with {@link #counters()} and inspect its content directly with
 * {@link #secret(String)}, {@link #names()} and {@link #snapshot()}.
 */
public final class LocalKeyVault implements AutoCloseable {

    /** How long a recovery takes unless a test says otherwise. */
    public static final Duration DEFAULT_RECOVERY_TIME = Duration.ofMillis(300);
    /** Lifetime of the tokens the vault's authority issues unless a test says otherwise. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int THREADS = 32;
    private static final String ENV_FILE = "local-keyvault.env";
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Directory directory;
    private final String managedIdentityHeader;
    private final SecretStore store;
    private final TokenService tokens;
    private final Faults faults = new Faults();
    private final RequestCounters counters = new RequestCounters();

    private LocalKeyVault(HttpsServer server, ExecutorService executor) {
        Clock clock = Clock.systemUTC();
        this.server = server;
        this.executor = executor;
        this.baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
        this.directory = new Directory(UUID.randomUUID().toString());
        this.managedIdentityHeader = UUID.randomUUID().toString();
        this.store = new SecretStore(clock);
        this.tokens = new TokenService(clock);
        VaultIdentity vault = VaultIdentity.DEFAULT;
        server.createContext("/", new Dispatcher(new SecretsApi(store, baseUrl),
                new EntraTokenEndpoint(directory, tokens, clock, baseUrl),
                new ManagedIdentityEndpoint(directory, tokens, managedIdentityHeader),
                tokens, faults, counters, vault, clock, baseUrl + "/" + directory.tenantId()));
    }

    /** Starts an emulator on 127.0.0.1:{@code port} (0 picks a free port) with a fresh, empty vault and tenant. */
    public static LocalKeyVault start(StandInTls tls, int port) {
        // The JDK server reads this once, when the JVM's first server starts; without it every answer pays ~40 ms of
        // Nagle delay. Surefire sets it in argLine; this covers other JVMs (demo, main).
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(port));
        executor.allowCoreThreadTimeOut(true);
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
            server.setExecutor(executor);
            LocalKeyVault vault = new LocalKeyVault(server, executor);
            server.start();
            return vault;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the Key Vault emulator on 127.0.0.1:" + port, e);
        }
    }

    /** The vault URL for {@code SecretClientBuilder.vaultUrl}; an IP address, matching the certificate's SAN. */
    public String vaultUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String tenantId() {
        return directory.tenantId();
    }

    /**
     * Base URL for {@code ClientSecretCredentialBuilder.authorityHost}. Use it with {@code disableInstanceDiscovery()}:
     * otherwise MSAL asks login.microsoftonline.com to validate this host and fails without ever calling it.
     */
    public String authorityHost() {
        return baseUrl;
    }

    /** Value for the {@code IDENTITY_ENDPOINT} environment variable. */
    public String managedIdentityEndpoint() {
        return baseUrl + ManagedIdentityEndpoint.PATH;
    }

    /** Value for the {@code IDENTITY_HEADER} environment variable; checked in the {@code X-IDENTITY-HEADER} header. */
    public String managedIdentityHeader() {
        return managedIdentityHeader;
    }

    /**
     * The environment a separate JVM needs for managed identity. MSAL reads these with {@code System.getenv} (not
     * azure-core's {@code Configuration}), so they must be real environment variables of that process.
     */
    public Map<String, String> managedIdentityEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IDENTITY_ENDPOINT", managedIdentityEndpoint());
        env.put("IDENTITY_HEADER", managedIdentityHeader);
        return env;
    }

    /** The system-assigned managed identity whose tokens the managed identity endpoint hands out. */
    public Principal managedIdentity() {
        return directory.managedIdentity();
    }

    /** Registers an application for the client-credentials endpoint (again with a new secret to rotate it). */
    public Principal registerClient(String clientId, String secret) {
        return directory.registerClient(clientId, secret);
    }

    public Faults faults() {
        return faults;
    }

    public RequestCounters counters() {
        return counters;
    }

    /** A secret by name (case-insensitive), whatever its state, with all its versions. */
    public Optional<StoredSecret> secret(String name) {
        return store.secret(name);
    }

    /** Names of the secrets that are not deleted, as first spelled, sorted case-insensitively. */
    public List<String> names() {
        return store.names();
    }

    public VaultSnapshot snapshot() {
        return store.snapshot();
    }

    /** Adds a version directly (no HTTP, no faults, not counted), with Key Vault's rules; for test set-up. */
    public SecretVersion seed(String name, String value) {
        return store.set(name, new SecretStore.SetRequest(value, null, Map.of(), true, null, null)).version();
    }

    /**
     * Adds a version directly as if it had been written at {@code created}, with a content type and tags (no HTTP, not
     * counted); for seeding many consents of different ages.
     */
    public SecretVersion seed(String name, String value, String contentType, Map<String, String> tags, Instant created) {
        return store.set(name, new SecretStore.SetRequest(value, contentType, tags, true, null, null), created).version();
    }

    /** Forgets every secret, deleted ones included. */
    public void clear() {
        store.clear();
    }

    /**
     * How long a recovery takes: for {@code invisibleFor} reads of the name answer 404 (the SDK's recover poller keeps
     * polling) and sets 409 {@code ObjectIsBeingRecovered}; default {@link #DEFAULT_RECOVERY_TIME}.
     */
    public LocalKeyVault recoveryTime(Duration invisibleFor) {
        return recoveryTime(invisibleFor, Duration.ZERO);
    }

    /**
     * As {@link #recoveryTime(Duration)}, and sets, updates and deletes keep answering 409 for {@code writesLagBy}
     * after reads succeed, as Azure sometimes does (a set straight after the recover poller completed can fail).
     */
    public LocalKeyVault recoveryTime(Duration invisibleFor, Duration writesLagBy) {
        store.recoveryTime(invisibleFor, writesLagBy);
        return this;
    }

    /** Lifetime of tokens issued from now on; default {@link #DEFAULT_TOKEN_LIFETIME}. */
    public LocalKeyVault tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
        return this;
    }

    /** Expires every token issued so far: vault calls with them get 401 {@code TokenExpired}. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Manual use and demos: {@code LocalKeyVault <port> [<stand-in dir>] [<clientId>=<secret>…]}. Writes
     * {@value #ENV_FILE} (KEY=VALUE lines: vault URL, tenant, managed identity variables, trust store options) into
     * the stand-in dir and runs until killed.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalKeyVault <port> [<stand-in dir>] [<clientId>=<secret>...]");
            System.exit(2);
        }
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("standin.dir", "target/standin"));
        StandInTls tls = StandInTls.ensure(dir);
        LocalKeyVault vault = start(tls, Integer.parseInt(args[0]));
        for (int i = 2; i < args.length; i++) {
            String[] client = args[i].split("=", 2);
            vault.registerClient(client[0], client[1]);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARTNERCONSENT_KEYVAULT_URL", vault.vaultUrl());
        env.put("PARTNERCONSENT_KEYVAULT_TENANT_ID", vault.tenantId());
        env.put("PARTNERCONSENT_KEYVAULT_VERIFY_CHALLENGE_RESOURCE", "false");
        env.put("LOCAL_KEYVAULT_AUTHORITY_HOST", vault.authorityHost());
        env.putAll(vault.managedIdentityEnvironment());
        env.put("LOCAL_KEYVAULT_JAVA_OPTIONS", String.join(" ", tls.trustStoreJvmOptions()));
        StringBuilder text = new StringBuilder();
        env.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dir.resolve(ENV_FILE);
        Path temp = dir.resolve(ENV_FILE + "." + UUID.randomUUID());
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.print(text);
        System.out.println("Key Vault emulator listening on " + vault.vaultUrl() + " (settings in " + file + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vault.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static ThreadFactory daemonThreads(int port) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "local-keyvault-" + port + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
