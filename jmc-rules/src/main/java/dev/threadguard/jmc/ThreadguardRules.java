package dev.threadguard.jmc;

import dev.threadguard.analyzer.rules.NativeThreads;
import dev.threadguard.analyzer.rules.NestedParallelism;
import dev.threadguard.analyzer.rules.PoolLeak;
import dev.threadguard.analyzer.rules.PoolSizedToCores;
import dev.threadguard.analyzer.rules.PoolsExceedCores;
import dev.threadguard.analyzer.rules.ProcessorCountDiffers;
import dev.threadguard.analyzer.rules.TasksRejected;
import dev.threadguard.analyzer.rules.ThreadChurn;
import dev.threadguard.analyzer.rules.ThreadLimit;
import dev.threadguard.analyzer.rules.WorkerProcessesExceedCores;

/**
 * The JMC rules, one per threadguard rule, listed in META-INF/services/org.openjdk.jmc.flightrecorder.rules.IRule
 * (JMC's ServiceLoader needs a public class with a public no-argument constructor for each).
 */
public final class ThreadguardRules {
    private ThreadguardRules() {}

    public static final class PoolSizedToCoresRule extends ThreadguardRule {
        public PoolSizedToCoresRule() {
            super(new PoolSizedToCores());
        }
    }

    public static final class NestedParallelismRule extends ThreadguardRule {
        public NestedParallelismRule() {
            super(new NestedParallelism());
        }
    }

    public static final class PoolsExceedCoresRule extends ThreadguardRule {
        public PoolsExceedCoresRule() {
            super(new PoolsExceedCores());
        }
    }

    public static final class PoolLeakRule extends ThreadguardRule {
        public PoolLeakRule() {
            super(new PoolLeak());
        }
    }

    public static final class ThreadLimitRule extends ThreadguardRule {
        public ThreadLimitRule() {
            super(new ThreadLimit());
        }
    }

    public static final class NativeThreadsRule extends ThreadguardRule {
        public NativeThreadsRule() {
            super(new NativeThreads());
        }
    }

    public static final class ProcessorCountDiffersRule extends ThreadguardRule {
        public ProcessorCountDiffersRule() {
            super(new ProcessorCountDiffers());
        }
    }

    public static final class ThreadChurnRule extends ThreadguardRule {
        public ThreadChurnRule() {
            super(new ThreadChurn());
        }
    }

    public static final class TasksRejectedRule extends ThreadguardRule {
        public TasksRejectedRule() {
            super(new TasksRejected());
        }
    }

    public static final class WorkerProcessesExceedCoresRule extends ThreadguardRule {
        public WorkerProcessesExceedCoresRule() {
            super(new WorkerProcessesExceedCores());
        }
    }
}
