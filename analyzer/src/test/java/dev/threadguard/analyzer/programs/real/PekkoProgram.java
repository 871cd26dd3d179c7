package dev.threadguard.analyzer.programs.real;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;

/**
 * Apache Pekko classic actors on the default dispatcher (a ForkJoinPool of ceil(processors x 1.0) threads, at
 * least 8, at most 64): 16 pricing actors, each request a short computation; 6 paced callers ask and wait.
 */
public final class PekkoProgram {
    /** Prices an order: a short computation, as an actor's handler would do. */
    static final class Pricer extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Integer.class, n -> {
                long h = n;
                for (int i = 0; i < Integer.getInteger("work", 20_000); i++) {
                    h = h * 31 + i;
                }
                getSender().tell(h, getSelf());
            }).build();
        }
    }

    public static void main(String[] args) throws Exception {
        ActorSystem system = ActorSystem.create("shop"); // PEKKO-SYSTEM
        List<ActorRef> pricers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pricers.add(system.actorOf(Props.create(Pricer.class), "pricer-" + i));
        }
        Load.awaitRecording();
        AtomicInteger next = new AtomicInteger();
        long calls = Load.paced("pekko-caller", 6, Long.getLong("pause", 20), Long.getLong("millis", 3000), () -> {
            int n = next.incrementAndGet();
            Patterns.ask(pricers.get(n % pricers.size()), n, Duration.ofSeconds(10))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        });
        System.out.println("calls " + calls);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
