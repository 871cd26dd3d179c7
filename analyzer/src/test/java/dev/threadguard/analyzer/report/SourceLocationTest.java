package dev.threadguard.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLocationTest {
    @Test
    void framesFromTheAgentAndFromOlderRecordings() {
        SourceLocation s = SourceLocation.parse("com.example.svc.BatchEnv.<init>(BatchEnv.java:33)").orElseThrow();
        assertEquals(new SourceLocation("com.example.svc.BatchEnv", "<init>", "BatchEnv.java", 33), s);
        assertEquals("com/example/svc/BatchEnv.java", s.relativePath());
        assertEquals("BatchEnv.<init>:33", s.shortForm());
        SourceLocation m = SourceLocation.parse("app//com.example.Outer$Inner.run(Outer.java:7)").orElseThrow();
        assertEquals("com.example.Outer$Inner", m.className());
        assertEquals("com/example/Outer.java", m.relativePath());
        SourceLocation k = SourceLocation.parse("com.example.Svc.start(Unknown Source)").orElseThrow();
        assertEquals("Svc.java", k.file());
        assertEquals(0, k.line());
        assertTrue(SourceLocation.parse("ReportProgram.main:35 fixed(16)").isEmpty());
        assertTrue(SourceLocation.parse("unknown").isEmpty());
    }

    @Test
    void sourceRootFindsTheCheckedInFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("svc/src/main/java/com/example/svc/BatchEnv.java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "class BatchEnv {}");
        Files.createDirectories(dir.resolve("svc/target/classes/com/example/svc"));
        Files.writeString(dir.resolve("svc/target/classes/com/example/svc/BatchEnv.java"), "copy");
        SourceRoots roots = SourceRoots.scan(dir);
        SourceLocation s = SourceLocation.parse("com.example.svc.BatchEnv.<init>(BatchEnv.java:33)").orElseThrow();
        assertEquals("svc/src/main/java/com/example/svc/BatchEnv.java", roots.find(s).orElseThrow());
        assertTrue(roots.find(SourceLocation.parse("org.other.BatchEnv.x(BatchEnv.java:1)").orElseThrow()).isEmpty());
    }
}
