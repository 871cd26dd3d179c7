package dev.threadguard.events;

/**
 * Names of every threadguard event and field. The agent writes them through the event classes in
 * this package; the analyzer reads recordings by these names, so a rename here is a format change.
 */
public final class Schema {
    private Schema() {}

    public static final String CATEGORY = "threadguard";
    public static final String PREFIX = "threadguard.";

    // events
    public static final String POOL_CREATED = PREFIX + "PoolCreated";
    public static final String POOL_CONFIG_CHANGED = PREFIX + "PoolConfigChanged";
    public static final String POOL_SHUTDOWN = PREFIX + "PoolShutdown";
    public static final String POOLS_ENDED_UNUSED = PREFIX + "PoolsEndedUnused";
    public static final String POOL_SAMPLE = PREFIX + "PoolSample";
    public static final String TASK_REJECTED = PREFIX + "TaskRejected";
    public static final String THREAD_STARTED = PREFIX + "ThreadStarted";
    public static final String THREAD_START_FAILED = PREFIX + "ThreadStartFailed";
    public static final String WORKER_EXITED = PREFIX + "WorkerExited";
    public static final String NESTED_POOL_USE = PREFIX + "NestedPoolUse";
    public static final String PROCESS_THREADS = PREFIX + "ProcessThreads";
    public static final String OS_THREADS_SEEN = PREFIX + "OsThreadsSeen";
    public static final String HOST = PREFIX + "Host";
    public static final String NATIVE_THREADS = PREFIX + "NativeThreads";
    public static final String CODE_SOURCE = PREFIX + "CodeSource";

    // pool kinds (PoolCreated.kind, PoolSample.kind)
    public static final String KIND_TPE = "ThreadPoolExecutor";
    public static final String KIND_SCHEDULED = "ScheduledThreadPoolExecutor";
    public static final String KIND_FORK_JOIN = "ForkJoinPool";
    public static final String KIND_COMMON_POOL = "CommonPool";
    /** Threads started outside any JDK pool, grouped by creation site and name pattern. */
    public static final String KIND_FAMILY = "ThreadFamily";
    /** Netty's event loop groups (MultithreadEventExecutorGroup): sized from the group itself. */
    public static final String KIND_EVENT_LOOP_GROUP = "EventLoopGroup";

    // PoolShutdown.phase
    public static final String PHASE_SHUTDOWN = "shutdown";
    public static final String PHASE_SHUTDOWN_NOW = "shutdownNow";
    public static final String PHASE_TERMINATED = "terminated";

    // fields shared by several events
    public static final String POOL_ID = "poolId";
    public static final String POOL_NAME = "poolName";
    public static final String KIND = "kind";
    public static final String CREATOR_POOL_ID = "creatorPoolId";

    // CodeSource
    public static final String PACKAGE_NAME = "packageName";
    public static final String LOCATION = "location";

    // PoolCreated
    public static final String POOL_CLASS = "poolClass";
    public static final String CORE_POOL_SIZE = "corePoolSize";
    public static final String MAXIMUM_POOL_SIZE = "maximumPoolSize";
    public static final String PARALLELISM = "parallelism";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String QUEUE_TYPE = "queueType";
    public static final String QUEUE_CAPACITY = "queueCapacity";
    public static final String THREAD_FACTORY = "threadFactory";
    public static final String CREATION_SITE = "creationSite";
    public static final String AVAILABLE_PROCESSORS = "availableProcessors";
    public static final String PROCESSOR_RELATION = "processorRelation";
    public static final String NAME_PATTERN = "namePattern";
    public static final String THREAD_CLASS = "threadClass";
    public static final String REPLAYED = "replayed";
    public static final String CREATION_FRAMES = "creationFrames";

    // PoolConfigChanged
    public static final String SETTING = "setting";
    public static final String OLD_VALUE = "oldValue";
    public static final String NEW_VALUE = "newValue";

    // PoolShutdown
    public static final String PHASE = "phase";

    // PoolsEndedUnused
    public static final String FIRST_POOL_ID = "firstPoolId";
    public static final String LAST_POOL_ID = "lastPoolId";

    // PoolSample
    public static final String CONFIGURED_SIZE = "configuredSize";
    public static final String POOL_SIZE = "poolSize";
    public static final String BUSY = "busy";
    public static final String IDLE = "idle";
    public static final String PEAK_BUSY = "peakBusy";
    public static final String QUEUED = "queued";
    public static final String COMPLETED_TASKS = "completedTasks";
    public static final String LARGEST_POOL_SIZE = "largestPoolSize";
    public static final String CPU_TIME = "cpuTime";
    public static final String INTERVAL = "interval";
    public static final String SAMPLED_THREADS = "sampledThreads";
    public static final String OS_RUNNABLE = "osRunnable";
    public static final String OS_UNINTERRUPTIBLE = "osUninterruptible";
    public static final String OS_CPU_TIME = "osCpuTime";
    public static final String INVOLUNTARY_SWITCHES = "involuntarySwitches";
    // (runQueueWait: see ProcessThreads)

    // TaskRejected
    public static final String REJECTIONS = "rejections";
    public static final String HANDLER = "handler";

    // ThreadStarted / ThreadStartFailed / WorkerExited
    public static final String THREAD = "thread";
    public static final String FAMILY_ID = "familyId";
    public static final String THREAD_NAME = "threadName";
    public static final String LIVE_THREADS = "liveThreads";
    public static final String OS_THREADS = "osThreads";
    public static final String MESSAGE = "message";
    public static final String COMPLETED_ABRUPTLY = "completedAbruptly";

    // NestedPoolUse
    public static final String CALLER_POOL_ID = "callerPoolId";
    public static final String CALLER_POOL_NAME = "callerPoolName";
    public static final String API = "api";
    public static final String CALL_SITE = "callSite";

    // ProcessThreads
    public static final String PLATFORM_THREADS = "platformThreads";
    public static final String DAEMON_THREADS = "daemonThreads";
    public static final String PEAK_PLATFORM_THREADS = "peakPlatformThreads";
    public static final String STARTED_THREADS = "startedThreads";
    public static final String VIRTUAL_THREADS = "virtualThreads";
    public static final String STARTED_VIRTUAL_THREADS = "startedVirtualThreads";
    public static final String VIRTUAL_THREADS_TRACKED = "virtualThreadsTracked";
    public static final String OS_THREAD_CPU_TIME = "osThreadCpuTime";
    public static final String RUN_QUEUE_WAIT = "runQueueWait";
    public static final String SAMPLED_OS_THREADS = "sampledOsThreads";
    public static final String MAPPED_OS_THREADS = "mappedOsThreads";
    public static final String SAMPLING_CPU_TIME = "samplingCpuTime";

    // NativeThreads (also comm, count, osThreadIds, sampledThreads, os* fields)
    public static final String JAVA_THREADS = "javaThreads";
    public static final String CREATOR_THREAD = "creatorThread";

    // OsThreadsSeen
    public static final String COMM = "comm";
    public static final String COUNT = "count";
    public static final String OS_THREAD_IDS = "osThreadIds";
    public static final String CENSUS = "census";

    // Host
    public static final String ONLINE_CPUS = "onlineCpus";
    public static final String PHYSICAL_CORES = "physicalCores";
    public static final String SOCKETS = "sockets";
    public static final String CPUSET_CPUS = "cpusetCpus";
    public static final String CPUSET_SIZE = "cpusetSize";
    public static final String CPU_QUOTA = "cpuQuota";
    public static final String ACTIVE_PROCESSOR_COUNT = "activeProcessorCount";
    public static final String THREADS_MAX = "threadsMax";
    public static final String PID_MAX = "pidMax";
    public static final String NPROC_SOFT = "nprocSoft";
    public static final String NPROC_HARD = "nprocHard";
    public static final String PIDS_MAX = "pidsMax";
    public static final String PIDS_CURRENT = "pidsCurrent";
    public static final String THREAD_ENVIRONMENT = "threadEnvironment";
    public static final String COMMON_POOL_PARALLELISM = "commonPoolParallelism";
    public static final String PID = "pid";
    public static final String AGENT_VERSION = "agentVersion";
    public static final String HOSTNAME = "hostname";
    public static final String AGENT_OPTIONS = "agentOptions";

    /** Value of a limit field when the limit does not exist or is unlimited. */
    public static final long UNLIMITED = -1;
    /** Value of a count or limit the agent could not read on this OS. */
    public static final long UNKNOWN = -2;
    /** {@code queueCapacity} of an unbounded queue. */
    public static final int UNBOUNDED = -1;

    /** Environment variables that size native thread pools; the Host event records these and no others. */
    public static final String[] THREAD_ENV_VARS = {
        "OMP_NUM_THREADS", "OMP_THREAD_LIMIT", "OMP_DYNAMIC", "MKL_NUM_THREADS", "MKL_DYNAMIC",
        "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS", "NUMEXPR_MAX_THREADS", "NUMBA_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
        "TF_NUM_INTEROP_THREADS", "TORCH_NUM_THREADS", "ORT_NUM_THREADS", "RAYON_NUM_THREADS",
        "TBB_NUM_THREADS", "JULIA_NUM_THREADS", "GOMAXPROCS", "UV_THREADPOOL_SIZE"
    };
}
