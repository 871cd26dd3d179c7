package dev.threadguard.analyzer.programs.real;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5 with its bundled defaults (a SimpleThreadPool of 10 worker threads). {@code -Dmode=shared} (the
 * default): one scheduler for the application, 4 jobs firing every 100 ms, each a short computation.
 * {@code -Dmode=per-request}: a new scheduler for every one-off job, started and never shut down (a scheduler per
 * tenant or per request): each one starts its own 10 workers and scheduler thread.
 */
public final class QuartzProgram {
    /** A short computation, as a report job would do. */
    public static final class Tally implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            long h = 0;
            for (int i = 0; i < 50_000; i++) {
                h = h * 31 + i;
            }
            JobDataMap data = context.getMergedJobDataMap();
            Object done = data.get("done");
            if (done instanceof CountDownLatch latch) {
                latch.countDown();
            }
            if (h == 42) {
                System.out.println(h);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Load.awaitRecording();
        long millis = Long.getLong("millis", 3000);
        if (System.getProperty("mode", "shared").equals("per-request")) {
            long end = System.nanoTime() + millis * 1_000_000L;
            AtomicInteger made = new AtomicInteger();
            // at least 24 schedulers however slow the machine: more than the 10 a leak needs
            Load.paced("report-caller", 1, 100, () -> System.nanoTime() < end || made.get() < 24, () -> {
                Properties props = new Properties();
                props.setProperty("org.quartz.scheduler.instanceName", "reports-" + made.incrementAndGet());
                props.setProperty("org.quartz.threadPool.threadCount", "10");
                props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
                Scheduler s = new StdSchedulerFactory(props).getScheduler(); // QUARTZ-PER-REQUEST
                s.start();
                CountDownLatch done = new CountDownLatch(1);
                JobDataMap data = new JobDataMap();
                data.put("done", done);
                s.scheduleJob(JobBuilder.newJob(Tally.class).usingJobData(data).build(), TriggerBuilder.newTrigger().startNow().build());
                if (!done.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the job did not run");
                }
            });
            System.exit(0); // the schedulers' threads are not daemons
        }
        Scheduler scheduler = StdSchedulerFactory.getDefaultScheduler(); // QUARTZ-SHARED
        scheduler.start();
        for (int i = 0; i < 4; i++) {
            scheduler.scheduleJob(JobBuilder.newJob(Tally.class).withIdentity("tally-" + i).build(),
                    TriggerBuilder.newTrigger().startNow()
                            .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever().withIntervalInMilliseconds(100)).build());
        }
        Thread.sleep(millis);
        scheduler.shutdown(true);
    }
}
