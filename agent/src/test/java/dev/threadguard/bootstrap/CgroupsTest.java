package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container CPU quotas and pid limits, on fake v1 and v2 cgroup trees laid out as Linux shows them. */
class CgroupsTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void cgroupV2ContainerWithQuotaAndPidsLimit() throws IOException {
        write("/proc/self/cgroup", "0::/kubepods/pod1/ctr\n");
        write("/proc/self/mountinfo",
            "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n");
        write("/sys/fs/cgroup/kubepods/pod1/ctr/cpu.max", "150000 100000\n");
        write("/sys/fs/cgroup/kubepods/pod1/ctr/pids.max", "512\n");
        String fs = root.toString();
        assertEquals(1.5, Cgroups.cpuQuota(fs), 1e-9);
        assertEquals(512, ProcFs.readLimit(Cgroups.dir(fs, "pids") + "/pids.max"));
    }

    @Test
    void cgroupV2WithoutLimits() throws IOException {
        write("/proc/self/cgroup", "0::/user.slice\n");
        write("/proc/self/mountinfo", "30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("/sys/fs/cgroup/user.slice/cpu.max", "max 100000\n");
        write("/sys/fs/cgroup/user.slice/pids.max", "max\n");
        String fs = root.toString();
        assertEquals(-1, Cgroups.cpuQuota(fs), 1e-9);
        assertEquals(Schema.UNLIMITED, ProcFs.readLimit(Cgroups.dir(fs, "pids") + "/pids.max"));
    }

    @Test
    void cgroupV1DockerWithNamespacedPaths() throws IOException {
        // inside a container /proc/self/cgroup names the host's path; the mount's root is that path
        write("/proc/self/cgroup", "8:pids:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n");
        write("/proc/self/mountinfo",
            "40 35 0:35 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct\n"
            + "41 35 0:36 /docker/abc /sys/fs/cgroup/pids ro,nosuid - cgroup cgroup rw,pids\n");
        write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "200000\n");
        write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        write("/sys/fs/cgroup/pids/pids.max", "150\n");
        String fs = root.toString();
        assertEquals(2.0, Cgroups.cpuQuota(fs), 1e-9);
        assertEquals(150, ProcFs.readLimit(Cgroups.dir(fs, "pids") + "/pids.max"));
    }

    @Test
    void cgroupV1HostWithoutQuota() throws IOException {
        write("/proc/self/cgroup", "1:cpu:/\n");
        write("/proc/self/mountinfo", "40 35 0:35 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n");
        write("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
        write("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
        assertEquals(-1, Cgroups.cpuQuota(root.toString()), 1e-9);
    }

    @Test
    void noCgroupsAtAll() {
        assertNull(Cgroups.dir(root.toString(), "cpu"));
        assertEquals(-1, Cgroups.cpuQuota(root.toString()), 1e-9);
    }
}
