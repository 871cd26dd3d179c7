package dev.threadguard.analyzer.programs.real;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Apache Camel 4.14 core as its documentation shows it: a timer route feeding a seda queue that 2 concurrent
 * consumers drain, and a direct route handing each order to {@code threads(4)} (a pool from Camel's default thread
 * pool profile); 4 paced callers send orders with {@code asyncRequestBody} on one ProducerTemplate, whose async
 * sends run on a pool of its own (the default profile: 10 threads, at most 20). {@code -Dmode=shared} (the
 * default): one template for the application. {@code -Dmode=per-request}: a new template for every order, never
 * stopped (Camel's FAQ: "Why does Camel use too many threads with ProducerTemplate?"): each one makes its own pool.
 */
public final class CamelProgram {
    public static void main(String[] args) throws Exception {
        boolean perRequest = System.getProperty("mode", "shared").equals("per-request");
        AtomicLong audited = new AtomicLong();
        Load.awaitRecording(); // the context's pools and their threads start inside the recording
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:tick?period=50").setBody(simple("${date:now}")).to("seda:audit");
                from("seda:audit?concurrentConsumers=2").process(e -> audited.incrementAndGet());
                from("direct:orders").threads(4).process(e -> e.getMessage().setBody(price(e.getMessage().getBody(Integer.class))));
            }
        });
        context.start();
        ProducerTemplate shared = perRequest ? null : context.createProducerTemplate(); // CAMEL-SHARED
        AtomicInteger made = new AtomicInteger();
        long end = System.nanoTime() + Long.getLong("millis", 3000) * 1_000_000L;
        // per request: at least 24 templates however slow the machine, more than the 10 a leak needs
        long orders = Load.paced("order-caller", perRequest ? 1 : 4, 20,
                () -> System.nanoTime() < end || (perRequest && made.get() < 24), () -> {
            ProducerTemplate template = shared;
            if (template == null) {
                made.incrementAndGet();
                template = context.createProducerTemplate(); // CAMEL-PER-REQUEST
            }
            Object price = template.asyncRequestBody("direct:orders", 7).get(10, TimeUnit.SECONDS); // CAMEL-ASYNC
            if (!Long.valueOf(49L).equals(price)) {
                throw new IllegalStateException("price " + price);
            }
        });
        System.out.println("orders " + orders + ", audited " + audited.get());
        context.stop();
    }

    /** A little work on the order: a lookup's wait and a computation. */
    private static long price(int qty) throws InterruptedException {
        Thread.sleep(2);
        long h = 0;
        for (int i = 0; i < 20_000; i++) {
            h = h * 31 + i;
        }
        return h == 42 ? -1 : 7L * qty;
    }
}
