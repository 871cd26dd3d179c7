package dev.threadguard.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {
    static final List<String> HAZELCAST = List.of("HazelcastManagedThread-hz.member1.cached.thread-*",
            "HazelcastManagedThread-hz.member1.async.thread-*", "HazelcastManagedThread-hz.member1.scheduled.thread-*",
            "HazelcastManagedThread-hz.member1.partition-operation.thread-*",
            "HazelcastManagedThread-hz.member2.cached.thread-*", "commonPool(1)");

    private static void distinctAndShort(List<String> names, int width) {
        List<String> cut = Names.shortest(names, width);
        assertEquals(names.size(), cut.size());
        assertEquals(new HashSet<>(names).size(), new HashSet<>(cut).size(), "distinct names stay distinct: " + cut);
        for (int i = 0; i < names.size(); i++) {
            String c = cut.get(i);
            assertTrue(c.length() <= width || c.equals(names.get(i)), c);
            if (names.get(i).length() <= width) {
                assertEquals(names.get(i), c, "short names stay whole");
            }
        }
    }

    @Test
    void libraryNamesThatShareAPrefixStayApart() {
        for (int w : new int[] {12, 16, 19, 24, 32}) {
            distinctAndShort(HAZELCAST, w);
        }
        List<String> cut = Names.shortest(HAZELCAST, 24);
        assertTrue(cut.get(0).contains("cached") || cut.get(0).contains("ber1"), cut.toString());
    }

    @Test
    void sitesKeepTheirLineNumbersFirst() {
        List<String> sites = List.of("CachedExecutorServiceDelegate.<init>:215", "CachedExecutorServiceDelegate.<init>:230");
        List<String> cut = Names.shortestKeepingEnd(sites, 18);
        assertTrue(cut.get(0).endsWith(":215") && cut.get(1).endsWith(":230"), cut.toString());
    }

    @Test
    void randomNameSetsNeverReadAlike() {
        Random r = new Random(42);
        String alphabet = "ab-.1";
        for (int round = 0; round < 300; round++) {
            List<String> names = new ArrayList<>();
            String prefix = "x".repeat(r.nextInt(30));
            for (int i = 0; i < 2 + r.nextInt(12); i++) {
                StringBuilder sb = new StringBuilder(prefix);
                for (int k = r.nextInt(40); k > 0; k--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                names.add(sb.append("-*").toString());
            }
            distinctAndShort(names, 8 + r.nextInt(20));
        }
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        String evil = "evil\nCRITICAL  fake\r\u001b[2J\u0007\u202e\\";
        String v = Names.visible(evil);
        assertEquals("evil\\nCRITICAL  fake\\r\\x1b[2J\\x07\\u202e\\\\", v);
        for (char c : v.toCharArray()) {
            assertFalse(c < 0x20 || c == 0x7f, "control character left: " + (int) c);
        }
        assertEquals("plain-name-*", Names.visible("plain-name-*"));
        assertEquals("a\\b\\n", Names.controlsEscaped("a\\b\n"), "already visible text keeps its backslashes");
    }
}
