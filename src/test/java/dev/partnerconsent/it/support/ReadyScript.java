package dev.partnerconsent.it.support;

import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code docker/ready.sh} (the images' HEALTHCHECK) against a port here; its exit code. */
public final class ReadyScript {
    private ReadyScript() {
    }

    public static int run(int port, String path) throws Exception {
        Process p = new ProcessBuilder("bash", Path.of("").toAbsolutePath().resolve("docker/ready.sh").toString(), Integer.toString(port), path)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(Duration.ofSeconds(20).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
