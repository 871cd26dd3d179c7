package dev.threadguard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void defaults() {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals("threadguard-42.jfr", o.file(42));
        assertEquals(1000, o.periodMillis);
        assertTrue(o.stacks);
        assertEquals("auto", o.recording);
        assertFalse(o.help);
    }

    @Test
    void parsesAndPrintsItselfBack() {
        AgentOptions o = AgentOptions.parse("file=/tmp/x-%p.jfr, period=250ms,stacks=off,recording=always,log=info");
        assertEquals("/tmp/x-7.jfr", o.file(7));
        assertEquals(250, o.periodMillis);
        assertFalse(o.stacks);
        assertEquals(o.toString(), AgentOptions.parse(o.toString()).toString());
    }

    @Test
    void prometheusEndpoint() {
        assertEquals(-1, AgentOptions.parse(null).prometheusPort);
        AgentOptions local = AgentOptions.parse("prometheus=9400");
        assertEquals("", local.prometheusHost);
        assertEquals(9400, local.prometheusPort);
        AgentOptions any = AgentOptions.parse("prometheus=0.0.0.0:0");
        assertEquals("0.0.0.0", any.prometheusHost);
        assertEquals(0, any.prometheusPort);
        assertEquals("::1", AgentOptions.parse("prometheus=[::1]:9400").prometheusHost);
        for (String s : new String[] {"prometheus=9400", "prometheus=0.0.0.0:0", "prometheus=[::1]:9400"}) {
            AgentOptions o = AgentOptions.parse(s);
            assertEquals(o.toString(), AgentOptions.parse(o.toString()).toString());
        }
        assertMessage("port from 0 to 65535", "prometheus=host:99999");
        assertMessage("port from 0 to 65535", "prometheus=localhost");
    }

    @Test
    void durations() {
        assertEquals(10, AgentOptions.parseDuration("10ms"));
        assertEquals(2000, AgentOptions.parseDuration("2s"));
        assertEquals(120_000, AgentOptions.parseDuration("2m"));
        assertEquals(3_600_000, AgentOptions.parseDuration("1h"));
        assertEquals(500, AgentOptions.parseDuration("500"));
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertMessage("unknown option 'perod'", "perod=1s");
        assertMessage("option 'period' must be between", "period=5ms");
        assertMessage("option 'period' is not a duration", "period=fast");
        assertMessage("option 'stacks' must be on|off", "stacks=yes");
        assertMessage("option 'file' needs a value", "file");
        assertMessage("given twice", "period=1s,period=2s");
        assertMessage("empty option", "period=1s,,stacks=on");
        assertMessage("has an empty value", "file=");
    }

    @Test
    void helpNeedsNoValueAndTheTableListsEveryOption() {
        assertTrue(AgentOptions.parse("help").help);
        String table = AgentOptions.table();
        for (AgentOptions.Option o : AgentOptions.TABLE) {
            assertTrue(table.contains(o.key), o.key);
        }
    }

    private static void assertMessage(String expected, String options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(options));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Each of these was accepted before (an overflow as 384 ms, full-width digits) or printed two lines. */
    @Test
    void rejectsOverflowOtherDigitsAndControlCharacters() {
        assertMessage("option 'period' must be between", "period=18446744073709552s");
        assertMessage("option 'period' must be between", "period=9223372036854775807ms");
        assertMessage("option 'period' is not a duration", "period=\uFF11s");
        assertMessage("option 'period' is not a duration", "period=\u0661\u0660s");
        assertMessage("option 'period' is not a duration", "period=-5s");
        assertMessage("option 'period' is not a duration", "period=+5s");
        assertMessage("control character (U+000A) at position 10", "period=1s\nstacks=off");
        assertMessage("control character (U+0000)", "file=a\u0000b");
        assertMessage("port from 0 to 65535", "prometheus=\uFF19\uFF10\uFF19\uFF10");
        assertMessage("port from 0 to 65535", "prometheus=99999999999999999999");
        for (String bad : List.of("period=1s\nstacks=off", "file=x\ry")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(bad));
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        }
    }
}
