package dev.partnerconsent.settings;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's production guide and docker/README.md name only settings that exist, and the README's settings tables
 * (the production guide's, and the one of operating consents) name every setting there is.
 */
class ProductionGuideTest {

    private static final Pattern KEY = Pattern.compile("partnerconsent\\.[a-z][a-z0-9.-]*[a-z0-9]");
    private static final Pattern ENV = Pattern.compile("PARTNERCONSENT_[A-Z0-9_]*[A-Z0-9]");
    /** File names of the guide's commands, not settings. */
    private static final Set<String> FILES = Set.of("pem", "crt", "key", "p12", "pfx", "env");

    static Set<String> settingKeys() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Field f : SettingsReader.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String value = (String) f.get(null);
                if (value.startsWith(SettingsReader.PREFIX) && value.length() > SettingsReader.PREFIX.length()) {
                    keys.add(value);
                }
            }
        }
        return keys;
    }

    static String guide() throws Exception {
        return section("## Production guide");
    }

    /** A top-level section of README.md, from its heading to the next. */
    static String section(String heading) throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n" + heading);
        assertTrue(start >= 0, "README.md has a '" + heading + "' section");
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    void everySettingNamedExists() throws Exception {
        Set<String> keys = settingKeys();
        Set<String> envs = new TreeSet<>();
        keys.forEach(k -> envs.add(envName(k)));
        Set<String> unknown = new TreeSet<>();
        for (String text : new String[]{guide(), Files.readString(Path.of("docker/README.md"), StandardCharsets.UTF_8)}) {
            Matcher k = KEY.matcher(text);
            while (k.find()) {
                String name = k.group();
                if (!keys.contains(name) && !FILES.contains(name.substring(name.lastIndexOf('.') + 1))) {
                    unknown.add(name);
                }
            }
            Matcher e = ENV.matcher(text);
            while (e.find()) {
                if (!envs.contains(e.group())) {
                    unknown.add(e.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, "named in the guide but not read by SettingsReader");
    }

    @Test
    void theGuidesTableNamesEverySetting() throws Exception {
        // the consent flow's settings in the production guide, keep-alive's and the operators' where they are operated
        String guide = guide() + section("## Operating consents");
        Set<String> missing = new TreeSet<>();
        for (String key : settingKeys()) {
            String shortForm = "`." + key.substring(key.lastIndexOf('.') + 1) + "`";
            if (!guide.contains("`" + key + "`") && !(key.startsWith(SettingsReader.PREFIX + "keyvault.") && guide.contains(shortForm))) {
                missing.add(key);
            }
        }
        assertEquals(Set.of(), missing, "settings the production guide does not document");
    }
}
