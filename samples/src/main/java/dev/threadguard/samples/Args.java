package dev.threadguard.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few command-line options every sample takes: {@code --fixed}, {@code --name value} or
 * {@code --name=value}, and {@code --help}. Unknown options are an error (exit 2), like the launcher.
 */
public final class Args {
    private final String sample;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> known = new ArrayList<>();
    private final List<String> raw;

    private Args(String sample, List<String> raw) {
        this.sample = sample;
        this.raw = raw;
    }

    public static Args parse(String sample, String[] argv) {
        Args a = new Args(sample, List.of(argv));
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            if (!s.startsWith("--")) {
                throw new UsageException(sample + ": unexpected argument '" + s + "'");
            }
            String name = s.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            }
            a.values.put(name, value);
        }
        return a;
    }

    public boolean flag(String name, String help) {
        known.add(String.format("  --%-22s %s", name, help));
        String v = values.get(name);
        return v != null && !v.equals("false");
    }

    public int intValue(String name, int dflt, String help) {
        known.add(String.format("  --%-22s %s (default %d)", name + " N", help, dflt));
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(sample + ": --" + name + " needs a non-negative integer, got '" + v + "'");
        }
    }

    public List<Integer> intList(String name, List<Integer> dflt, String help) {
        known.add(String.format("  --%-22s %s (default %s)", name + " A,B,..", help, join(dflt)));
        String v = values.get(name);
        if (v == null) return dflt;
        List<Integer> out = new ArrayList<>();
        for (String p : v.split(",")) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n <= 0) throw new NumberFormatException();
                out.add(n);
            } catch (NumberFormatException e) {
                throw new UsageException(sample + ": --" + name + " needs positive integers, got '" + v + "'");
            }
        }
        return out;
    }

    public String string(String name, String dflt, String help) {
        known.add(String.format("  --%-22s %s (default %s)", name + " X", help, dflt));
        String v = values.get(name);
        return v == null ? dflt : v;
    }

    /** Call after declaring every option: prints help and exits, or rejects unknown options. */
    public void done(String summary) {
        if (values.containsKey("help")) {
            System.out.println("usage: " + sample + " [options]");
            System.out.println(summary);
            System.out.println("options:");
            known.forEach(System.out::println);
            System.out.println(String.format("  --%-22s %s", "help", "this text"));
            System.exit(0);
        }
        for (String name : values.keySet()) {
            boolean ok = known.stream().anyMatch(k -> k.trim().startsWith("--" + name + " ") || k.trim().equals("--" + name));
            if (!ok) {
                throw new UsageException(sample + ": unknown option --" + name + " (try --help)");
            }
        }
    }

    public List<String> raw() {
        return raw;
    }

    private static String join(List<Integer> l) {
        StringBuilder b = new StringBuilder();
        for (Integer i : l) {
            if (b.length() > 0) b.append(',');
            b.append(i);
        }
        return b.toString();
    }

    /** A bad command line: the dispatcher prints the message on one line and exits 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
