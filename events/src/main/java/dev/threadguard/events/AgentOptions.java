package dev.threadguard.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's options, {@code key=value} separated by commas, parsed strictly: an unknown key, a
 * malformed pair or a bad value is an error that names it. The same table documents the options for
 * the agent ({@code help}) and the launcher.
 */
public final class AgentOptions {

    /** One row of the option table. */
    public static final class Option {
        public final String key;
        public final String values;
        public final String defaultValue;
        public final String description;

        Option(String key, String values, String defaultValue, String description) {
            this.key = key;
            this.values = values;
            this.defaultValue = defaultValue;
            this.description = description;
        }
    }

    public static final long MIN_PERIOD_MILLIS = 10;
    public static final long MAX_PERIOD_MILLIS = 3_600_000;

    public static final List<Option> TABLE = Collections.unmodifiableList(List.of(
        new Option("file", "PATH", "threadguard-%p.jfr",
            "where the agent's own recording is written at exit; %p is replaced by the process id"),
        new Option("period", "DURATION", "1s",
            "how often pools and process threads are sampled: 10ms to 1h, e.g. 250ms, 1s, 2m"),
        new Option("stacks", "on|off", "on",
            "record stack traces (creation, shutdown, failed starts) with threadguard events"),
        new Option("recording", "auto|always|never", "auto",
            "start the agent's own recording: auto = unless the JVM starts one with -XX:StartFlightRecording"),
        new Option("log", "quiet|info", "quiet",
            "info prints one line on stderr when the agent starts and where the recording went"),
        new Option("prometheus", "[HOST:]PORT", "",
            "serve Prometheus metrics of pools and threads at http://HOST:PORT/metrics; loopback unless HOST is given, port 0 picks a free one (logged)"),
        new Option("warn", "stderr|meters|none", "none",
            "run threadguard's rules in this JVM over its recording as it is written: stderr prints one line when a finding begins and one when it clears, and both publish the findings as the meter threadguard.findings (prometheus=, the binder)"),
        new Option("help", "", "",
            "print this table and run the application without the agent")));

    public final String file;
    public final long periodMillis;
    public final boolean stacks;
    public final String recording;
    public final boolean logInfo;
    public final boolean help;
    /** Where the Prometheus endpoint binds: null = no endpoint; "" = loopback. */
    public final String prometheusHost;
    /** -1 when no endpoint is asked for; 0 = any free port. */
    public final int prometheusPort;
    /** warn=stderr: live findings printed on stderr. */
    public final boolean warnStderr;
    /** warn=stderr or warn=meters: the rules run in this JVM (their jar is loaded only then). */
    public final boolean liveFindings;

    private AgentOptions(Map<String, String> values) {
        this.file = values.getOrDefault("file", "threadguard-%p.jfr");
        this.periodMillis = parseDuration(values.getOrDefault("period", "1s"));
        this.stacks = onOff("stacks", values.getOrDefault("stacks", "on"));
        this.recording = oneOf("recording", values.getOrDefault("recording", "auto"), "auto", "always", "never");
        this.logInfo = oneOf("log", values.getOrDefault("log", "quiet"), "quiet", "info").equals("info");
        this.help = values.containsKey("help");
        String warn = oneOf("warn", values.getOrDefault("warn", "none"), "stderr", "meters", "none");
        this.warnStderr = warn.equals("stderr");
        this.liveFindings = !warn.equals("none");
        String prometheus = values.get("prometheus");
        if (prometheus == null) {
            this.prometheusHost = null;
            this.prometheusPort = -1;
        } else {
            int colon = prometheus.lastIndexOf(':');
            String host = colon < 0 ? "" : prometheus.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            this.prometheusHost = host;
            this.prometheusPort = port(prometheus.substring(colon + 1), prometheus);
        }
    }

    private static int port(String digits, String whole) {
        long p = asciiNumber(digits, 65535);
        if (p >= 0) {
            return (int) p;
        }
        throw new IllegalArgumentException("option 'prometheus' needs [HOST:]PORT with a port from 0 to 65535, was '" + whole + "'");
    }

    public static AgentOptions defaults() {
        return new AgentOptions(Map.of());
    }

    /**
     * The number in {@code digits} (ASCII 0-9 only: no sign, no other script's digits) if it is at most
     * {@code max}; -1 otherwise, overflow included.
     */
    static long asciiNumber(String digits, long max) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    private static boolean isAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** A control or line-separator character would split the one line an error prints. */
    private static void rejectControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the option text has a control character (U+%04X) at position %d", (int) c, i + 1));
            }
        }
    }

    /** Parses {@code key=value,key=value}; null or blank gives the defaults. */
    public static AgentOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null) {
            rejectControlCharacters(text);
        }
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",", -1)) {
                String item = pair.trim();
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("empty option in '" + text + "'");
                }
                int eq = item.indexOf('=');
                String key = eq < 0 ? item : item.substring(0, eq).trim();
                if (find(key) == null) {
                    throw new IllegalArgumentException("unknown option '" + key + "' (known: " + keys() + ")");
                }
                if (eq < 0 && !key.equals("help")) {
                    throw new IllegalArgumentException("option '" + key + "' needs a value: " + key + "=" + find(key).values);
                }
                String value = eq < 0 ? "" : item.substring(eq + 1).trim();
                if (values.containsKey(key)) {
                    throw new IllegalArgumentException("option '" + key + "' given twice");
                }
                if (!key.equals("help") && value.isEmpty()) {
                    throw new IllegalArgumentException("option '" + key + "' has an empty value");
                }
                values.put(key, value);
            }
        }
        return new AgentOptions(values);
    }

    /** The recording file with %p replaced by the process id. */
    public String file(long pid) {
        return file.replace("%p", Long.toString(pid));
    }

    /** Parses 10ms, 1s, 2m, 1h, or a bare number of milliseconds (ASCII digits, no sign, no overflow). */
    public static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor;
        String digits;
        if (t.endsWith("ms")) {
            factor = 1; digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1000; digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60_000; digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factor = 3_600_000; digits = t.substring(0, t.length() - 1);
        } else {
            factor = 1; digits = t;
        }
        digits = digits.trim();
        long n = asciiNumber(digits, Long.MAX_VALUE / factor);
        if (n < 0 && isAsciiDigits(digits)) {
            throw new IllegalArgumentException("option 'period' must be between 10ms and 1h, was '" + text + "'");
        }
        if (n < 0) {
            throw new IllegalArgumentException("option 'period' is not a duration: '" + text + "' (e.g. 250ms, 1s)");
        }
        long value = n * factor;
        if (value < MIN_PERIOD_MILLIS || value > MAX_PERIOD_MILLIS) {
            throw new IllegalArgumentException("option 'period' must be between 10ms and 1h, was '" + text + "'");
        }
        return value;
    }

    private static boolean onOff(String key, String value) {
        return oneOf(key, value, "on", "off").equals("on");
    }

    private static String oneOf(String key, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("option '" + key + "' must be " + String.join("|", allowed) + ", was '" + value + "'");
    }

    private static Option find(String key) {
        for (Option o : TABLE) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        return null;
    }

    private static String keys() {
        List<String> keys = new ArrayList<>();
        for (Option o : TABLE) {
            keys.add(o.key);
        }
        return String.join(", ", keys);
    }

    /** The option table as text, for {@code help} and the launcher. */
    public static String table() {
        StringBuilder sb = new StringBuilder("threadguard agent options (-javaagent:threadguard.jar=key=value,...):\n");
        for (Option o : TABLE) {
            String head = o.values.isEmpty() ? o.key : o.key + "=" + o.values;
            sb.append(String.format(Locale.ROOT, "  %-28s %s%s%n", head, o.description,
                o.defaultValue.isEmpty() ? "" : " (default " + o.defaultValue + ")"));
        }
        return sb.toString();
    }

    /** Prints the options back in the form they are parsed from. */
    @Override
    public String toString() {
        return "file=" + file + ",period=" + periodMillis + "ms,stacks=" + (stacks ? "on" : "off")
            + ",recording=" + recording + ",log=" + (logInfo ? "info" : "quiet")
            + (prometheusPort < 0 ? "" : ",prometheus=" + (prometheusHost.contains(":") ? "[" + prometheusHost + "]" : prometheusHost)
                + (prometheusHost.isEmpty() ? "" : ":") + prometheusPort)
            + (warnStderr ? ",warn=stderr" : liveFindings ? ",warn=meters" : "");
    }
}
