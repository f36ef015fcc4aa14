package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ReadyScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docker cannot run here, so the images under {@code docker/} are checked statically after {@code mvn package}:
 * every file they copy exists and is in the build context, base images are the versions the build tests, they run
 * as a non-root user, probe {@code /health/ready}, and carry no setting (so no secret) of their own.
 */
class DockerfilesIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    static List<String> withKeyword(List<String> instructions, String keyword) {
        return instructions.stream().filter(i -> i.toUpperCase(Locale.ROOT).startsWith(keyword + " ")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara-micro", "wildfly"})
    void everyCopiedPathExistsAfterPackageAndIsInTheBuildContext(String image) throws Exception {
        Path dockerfile = ROOT.resolve("docker").resolve(image).resolve("Dockerfile");
        List<String> copies = withKeyword(instructions(dockerfile), "COPY");
        assertFalse(copies.isEmpty(), dockerfile + " copies nothing");
        List<String> context = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        for (String copy : copies) {
            List<String> args = new ArrayList<>(Arrays.asList(copy.split("\\s+")));
            args.remove(0);
            args.removeIf(a -> a.startsWith("--"));
            for (String source : args.subList(0, args.size() - 1)) {
                assertTrue(Files.isRegularFile(ROOT.resolve(source)), dockerfile + ": " + source + " does not exist after mvn package");
                assertTrue(context.contains("!" + source), source + " is not let into the build context by .dockerignore");
            }
        }
    }

    @Test
    void baseImagesAreTheVersionsTheBuildTests() throws Exception {
        Map<String, String> expected = Map.of(
                "payara-micro", "payara/micro:" + System.getProperty("it.payara.micro.version") + "-jdk17",
                "wildfly", "quay.io/wildfly/wildfly:" + System.getProperty("it.wildfly.version") + "-jdk17");
        for (var e : expected.entrySet()) {
            List<String> from = withKeyword(instructions(ROOT.resolve("docker").resolve(e.getKey()).resolve("Dockerfile")), "FROM");
            assertEquals(List.of("FROM " + e.getValue()), from, e.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara-micro", "wildfly"})
    void nonRootHealthCheckedAndNoSettingsBakedIn(String image) throws Exception {
        Path dockerfile = ROOT.resolve("docker").resolve(image).resolve("Dockerfile");
        List<String> instructions = instructions(dockerfile);
        List<String> users = withKeyword(instructions, "USER");
        assertFalse(users.isEmpty(), "no USER in " + dockerfile);
        String user = users.get(users.size() - 1).substring(5).strip();
        assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:"), "runs as root: " + user);
        List<String> health = withKeyword(instructions, "HEALTHCHECK");
        assertEquals(1, health.size(), dockerfile + " has one HEALTHCHECK");
        assertTrue(health.get(0).contains("ready.sh") && health.get(0).contains("/health/ready"), health.get(0));
        for (String i : instructions) {
            String upper = i.toUpperCase(Locale.ROOT);
            assertFalse(upper.contains("PARTNERCONSENT"), "settings come from the environment at run time: " + i);
            if (upper.startsWith("ENV ") || upper.startsWith("ARG ")) {
                assertFalse(upper.matches(".*(SECRET|PASSWORD|KEY).*"), "no secret in the image: " + i);
            }
        }
    }

    @Test
    void readyScriptFailsWhenNothingAnswers() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(1, ReadyScript.run(closed, "/health/ready"));
    }
}
