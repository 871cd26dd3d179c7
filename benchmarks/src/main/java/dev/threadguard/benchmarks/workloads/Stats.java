package dev.threadguard.benchmarks.workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the runs benchmarks/overhead.sh wrote (workload round setup metric value, one a line) and prints,
 * per workload and metric, the median of the per-round cost ratios agent/plain, agent/jfr and (where
 * the run has them) agent/jfrev and agent/before with a
 * distribution-free 95% confidence interval (order statistics of the ratios). A cost ratio above 1
 * means the agent made it slower: throughput ratios are inverted (base/agent), latencies, CPU and bytes are not.
 */
public final class Stats {
    private Stats() {}

    public static void main(String[] args) throws Exception {
        // workload|metric -> round -> setup -> value
        Map<String, Map<Integer, Map<String, Double>>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 5) {
                continue;
            }
            runs.computeIfAbsent(f[0] + "|" + f[3], k -> new LinkedHashMap<>())
                .computeIfAbsent(Integer.parseInt(f[1]), k -> new LinkedHashMap<>()).put(f[2], Double.parseDouble(f[4]));
        }
        System.out.printf(Locale.ROOT, "%-8s %-16s %-14s %5s %8s %20s%n", "workload", "metric", "agent vs", "pairs", "median", "95% CI");
        for (Map.Entry<String, Map<Integer, Map<String, Double>>> e : runs.entrySet()) {
            String[] wm = e.getKey().split("\\|");
            boolean latency = wm[1].contains("p99") || wm[1].startsWith("seconds") || wm[1].startsWith("bytes");
            for (String base : List.of("plain", "jfr", "jfrev", "before")) {
                List<Double> ratios = new ArrayList<>();
                for (Map<String, Double> round : e.getValue().values()) {
                    Double a = round.get("agent");
                    Double b = round.get(base);
                    if (a != null && b != null && a > 0 && b > 0) {
                        ratios.add(latency ? a / b : b / a);
                    }
                }
                if (ratios.isEmpty()) {
                    continue;
                }
                ratios.sort(null);
                int n = ratios.size();
                double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
                int k = lowerRank(n);
                String ci = k < 1 ? "too few pairs" : String.format(Locale.ROOT, "[%.3f, %.3f]", ratios.get(k - 1), ratios.get(n - k));
                System.out.printf(Locale.ROOT, "%-8s %-16s %-14s %5d %8.3f %20s%n", wm[0], wm[1], base, n, median, ci);
            }
        }
    }

    /** Largest k with P(Binomial(n, 1/2) < k) <= 2.5%: [x(k), x(n-k+1)] covers the median with >= 95%. */
    static int lowerRank(int n) {
        double cumulative = 0;
        double p = Math.pow(0.5, n);
        double term = p;
        int k = 0;
        for (int i = 0; i <= n; i++) {
            if (cumulative + term > 0.025) {
                break;
            }
            cumulative += term;
            k = i + 1;
            term = term * (n - i) / (i + 1);
        }
        return k;
    }
}
