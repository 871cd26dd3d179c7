package testapp;

import dev.threadguard.micrometer.ThreadGuardMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An application with its own Micrometer and Prometheus registry (whatever version is on its class
 * path), its own counter, optionally Micrometer's ExecutorServiceMetrics on its pool ("esm"), and
 * threadguard's binder. Prints the jar its Micrometer came from and its own scrape.
 */
public final class OwnMicrometerProgram {
    public static void main(String[] args) throws Exception {
        boolean esm = args.length > 0 && args[0].equals("esm");
        // the app's registry of the pre-1.13 API (simpleclient), built by name: this source compiles against another version
        Class<?> configClass = Class.forName("io.micrometer.prometheus.PrometheusConfig");
        Object config = configClass.getField("DEFAULT").get(null);
        MeterRegistry registry = (MeterRegistry) Class.forName("io.micrometer.prometheus.PrometheusMeterRegistry")
            .getConstructor(configClass).newInstance(config);
        Counter orders = Counter.builder("orders.placed").description("orders").register(registry);
        ExecutorService pool = Executors.newFixedThreadPool(3); // APP-POOL
        if (esm) {
            pool = ExecutorServiceMetrics.monitor(registry, pool, "work");
        }
        for (int i = 0; i < 6; i++) {
            Future<?> f = pool.submit((Runnable) orders::increment);
            f.get();
        }
        new ThreadGuardMetrics().bindTo(registry);
        System.out.println("agent=" + ThreadGuardMetrics.agentPresent());
        System.out.println("micrometer=" + Counter.class.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("orders=" + orders.count());
        System.out.println("--- scrape");
        System.out.println(registry.getClass().getMethod("scrape").invoke(registry));
        System.out.println("--- end");
        pool.shutdown();
    }
}
