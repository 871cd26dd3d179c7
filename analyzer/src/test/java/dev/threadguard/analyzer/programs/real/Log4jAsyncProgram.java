package dev.threadguard.analyzer.programs.real;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Log4j 2.25 with all loggers asynchronous, as its manual sets them up: {@code
 * -Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector} (the RealRecordings
 * entry) with the LMAX Disruptor 4 on the class path, a RandomAccessFile appender. 8 request threads log a burst of
 * 20 lines each per 5 ms pause; the logger's one background thread formats and writes them all.
 */
public final class Log4jAsyncProgram {
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("threadguard-log4j", ".log");
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("file", "RandomAccessFile").addAttribute("fileName", file.toString())
                .addAttribute("immediateFlush", false)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %-5level [%t] %c{1} %msg%n")));
        b.add(b.newRootLogger(Level.INFO).add(b.newAppenderRef("file")));
        Configurator.initialize(b.build());
        Logger log = LogManager.getLogger("orders");
        if (!log.getClass().getSimpleName().equals("AsyncLogger")) {
            throw new IllegalStateException("not an async logger: " + log.getClass() + " (contextSelector not set?)");
        }
        Load.awaitRecording();
        long requests = Load.paced("request", 8, 5, Long.getLong("millis", 3000), () -> {
            for (int i = 0; i < 20; i++) {
                log.info("order {} line {} total {}", Thread.currentThread().getName(), i, i * 7);
            }
        });
        LogManager.shutdown();
        System.out.println("requests " + requests + ", log " + Files.size(file) + " bytes");
        Files.deleteIfExists(file);
    }
}
