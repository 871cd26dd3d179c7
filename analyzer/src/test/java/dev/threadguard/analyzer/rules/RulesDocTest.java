package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rules.md states every rule's thresholds (unit and default) and evidence as the code has them, and no other. */
class RulesDocTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z-]+)\\.(\\w+)` \\| ([^|]+) \\| ([^|]+) \\|");

    private static String doc() throws Exception {
        return Files.readString(Path.of("..", "docs", "rules.md"));
    }

    private static String section(String doc, String id) {
        int at = doc.indexOf("\n### " + id + "\n");
        assertTrue(at >= 0, "docs/rules.md has no section ### " + id);
        int end = doc.indexOf("\n### ", at + 1);
        int end2 = doc.indexOf("\n## ", at + 1);
        end = end < 0 ? end2 : end2 < 0 ? end : Math.min(end, end2);
        return doc.substring(at, end < 0 ? doc.length() : end);
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Test
    void thresholdTablesMatchTheCode() throws Exception {
        String doc = doc();
        Set<String> inCode = new HashSet<>();
        for (Rule r : Rules.all()) {
            String section = section(doc, r.id());
            for (Threshold th : r.thresholds()) {
                String key = Thresholds.key(r, th);
                inCode.add(key);
                Matcher m = ROW.matcher(section);
                boolean found = false;
                while (m.find()) {
                    if ((m.group(1) + "." + m.group(2)).equals(key)) {
                        found = true;
                        assertEquals(th.unit().label(), m.group(3).trim(), key + ": unit in docs/rules.md");
                        String d = m.group(4).trim();
                        assertTrue(d.equals(number(th.defaultValue())) || Double.parseDouble(d) == th.defaultValue(),
                                key + ": default in docs/rules.md is " + d + ", the code says " + th.defaultValue());
                    }
                }
                assertTrue(found, key + " has no row in the threshold table of ### " + r.id());
            }
        }
        Matcher m = ROW.matcher(doc);
        List<String> stale = new ArrayList<>();
        while (m.find()) {
            String key = m.group(1) + "." + m.group(2);
            if (!inCode.contains(key)) {
                stale.add(key);
            }
        }
        assertEquals(List.of(), stale, "thresholds in docs/rules.md that no rule has");
    }

    @Test
    void everyEvidenceAndRequiredEventIsDocumented() throws Exception {
        String doc = doc();
        for (Rule r : Rules.all()) {
            String section = section(doc, r.id());
            for (Field f : r.getClass().getDeclaredFields()) {
                if (f.getType() == Evidence.class && Modifier.isStatic(f.getModifiers())) {
                    Evidence e = (Evidence) f.get(null);
                    assertTrue(section.contains("`" + e.name() + "`"), r.id() + ": evidence " + e.name()
                            + " is not in its section of docs/rules.md");
                }
            }
            for (Requires q : r.requires()) {
                for (String type : q.anyOf()) {
                    assertTrue(section.contains("`" + type + "`"), r.id() + ": required event " + type
                            + " is not named in its section of docs/rules.md");
                }
            }
        }
    }
}
