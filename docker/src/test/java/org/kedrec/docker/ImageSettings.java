package org.kedrec.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the settings the image sets: the {@code ENV} and {@code RUN printf ... >> neo4j.conf} instructions of the
 * Dockerfile and the {@code environment:} block of compose.yaml, and turns the image's {@code NEO4J_<setting>}
 * variables into Neo4j setting names the way the official image's entrypoint does.
 */
final class ImageSettings {
    /** Variables the official image's entrypoint reads itself: they are not Neo4j settings. */
    static final Set<String> IMAGE_VARIABLES = Set.of("NEO4J_AUTH", "NEO4J_PLUGINS", "NEO4J_ACCEPT_LICENSE_AGREEMENT",
            "NEO4J_DEBUG", "NEO4J_EDITION", "NEO4J_HOME");

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"]*)\"|(\\S+))");
    private static final Pattern CONF_LINE = Pattern.compile("'([a-z][a-z0-9_.]*=[^']*)'");
    private static final Pattern COMPOSE_ENV = Pattern.compile("^\\s+([A-Za-z_][A-Za-z0-9_]*):\\s*\"?([^\"]*)\"?\\s*$");

    private ImageSettings() {
    }

    /** {@code NEO4J_dbms_usage__report_enabled} is {@code dbms.usage_report.enabled}. */
    static String settingName(String variable) {
        if (!variable.startsWith("NEO4J_")) {
            throw new IllegalArgumentException("Not a Neo4j image setting variable: " + variable);
        }
        return variable.substring("NEO4J_".length()).replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(dockerfile)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
                continue;
            }
            boolean continues = stripped.endsWith("\\");
            current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
            if (!continues) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** Every {@code ENV} variable of the Dockerfile, in order. */
    static Map<String, String> dockerfileEnv(Path dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : instructions(dockerfile)) {
            if (instruction.startsWith("ENV ")) {
                Matcher m = ENV_PAIR.matcher(instruction.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        return env;
    }

    /** The {@code key=value} lines a {@code RUN printf} appends to neo4j.conf. */
    static List<String> confLines(Path dockerfile) {
        List<String> lines = new ArrayList<>();
        for (String instruction : instructions(dockerfile)) {
            if (instruction.startsWith("RUN ") && instruction.contains("conf/neo4j.conf")) {
                Matcher m = CONF_LINE.matcher(instruction);
                while (m.find()) {
                    lines.add(m.group(1));
                }
            }
        }
        return lines;
    }

    /** The {@code environment:} entries of compose.yaml's services, e.g. {@code NEO4J_AUTH -> neo4j/${...}}. */
    static Map<String, String> composeEnv(Path compose) {
        Map<String, String> env = new LinkedHashMap<>();
        boolean inEnvironment = false;
        int indent = -1;
        for (String line : read(compose)) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (line.strip().equals("environment:")) {
                inEnvironment = true;
                indent = lineIndent;
                continue;
            }
            if (inEnvironment && lineIndent <= indent) {
                inEnvironment = false;
            }
            Matcher m = COMPOSE_ENV.matcher(line);
            if (inEnvironment && m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    /** The Neo4j settings among the variables, by setting name. */
    static Map<String, String> neo4jSettings(Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("NEO4J_") && !IMAGE_VARIABLES.contains(name)) {
                settings.put(settingName(name), value);
            }
        });
        return settings;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
