package dev.partnerconsent.bench;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the baseline WAR from {@code src/test/baseline} (Java sources and web resources) with the JDK's compiler,
 * against the benchmark's own class path (which has the Jakarta EE API): kept out of the test sources so that
 * {@code mvn verify} never compiles or scans it.
 */
final class BaselineWar {

    private BaselineWar() {
    }

    static Path build(Path sources, Path work) {
        try {
            Path classes = work.resolve("classes");
            deleteTree(classes);
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                    "-classpath", System.getProperty("java.class.path"), "-proc:none"));
            try (Stream<Path> s = Files.walk(sources.resolve("java"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null || javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the baseline WAR did not compile (a JDK, not a JRE, is needed)");
            }
            Path war = work.resolve("baseline.war");
            try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
                add(zip, sources.resolve("webapp"), "");
                add(zip, classes, "WEB-INF/classes/");
            }
            return war;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ZipOutputStream zip, Path root, String prefix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
