package dev.threadguard.analyzer.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A census file: one {@link HostSnapshot} per line, JSON. {@code threadguard run} writes it beside the recordings. */
public final class CensusFile {
    private CensusFile() {}

    /** Name of the census file in a run's output directory. */
    public static final String NAME = "host-census.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static void append(Writer w, HostSnapshot s) throws IOException {
        w.write(JSON.writeValueAsString(s));
        w.write('\n');
        w.flush();
    }

    public static String json(Object o) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    /** Every snapshot in the file; a last line cut short (the run was killed) is skipped. */
    public static List<HostSnapshot> read(Path file) throws IOException {
        List<HostSnapshot> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; (line = r.readLine()) != null;) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, HostSnapshot.class));
                } catch (IOException e) {
                    if (r.readLine() != null) {
                        throw new IOException(file + " line " + n + " is not a host census: " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        return out;
    }
}
