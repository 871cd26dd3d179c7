package dev.threadguard.bootstrap;

import dev.threadguard.events.Schema;
import java.io.File;
import java.util.List;

/** Finds this process's cgroup directories, v1 or v2, through /proc/self/mountinfo and /proc/self/cgroup. */
final class Cgroups {
    private Cgroups() {}

    /** The directory of the controller (cpu, pids, ...) for this process, or null. */
    static String dir(String controller) {
        return dir("", controller);
    }

    /** As {@link #dir(String)}, under a filesystem root other than / (tests). */
    static String dir(String fsRoot, String controller) {
        List<String> cgroups = ProcFs.lines(fsRoot + "/proc/self/cgroup");
        for (String mount : ProcFs.lines(fsRoot + "/proc/self/mountinfo")) {
            int sep = mount.indexOf(" - ");
            if (sep < 0) {
                continue;
            }
            String[] pre = mount.substring(0, sep).split(" ");
            String[] post = mount.substring(sep + 3).split(" ");
            if (pre.length < 5 || post.length < 1) {
                continue;
            }
            String root = pre[3];
            String mountPoint = fsRoot + pre[4];
            String fsType = post[0];
            if (fsType.equals("cgroup2")) {
                String path = pathFor(cgroups, "");
                if (path != null) {
                    String dir = resolve(mountPoint, root, path);
                    // v2 keeps every controller in one tree: the controller counts only if its file is there
                    if (new File(dir, controller + ".max").exists()) {
                        return dir;
                    }
                }
            } else if (fsType.equals("cgroup") && post.length >= 3 && hasOption(post[2], controller)) {
                String path = pathFor(cgroups, controller);
                if (path == null) {
                    continue;
                }
                String dir = resolve(mountPoint, root, path);
                // inside a container the recorded path may not exist under the namespaced mount
                return new File(dir).isDirectory() ? dir : mountPoint;
            }
        }
        return null;
    }

    /** CPU quota in cores, -1 when there is none. */
    static double cpuQuota() {
        return cpuQuota("");
    }

    static double cpuQuota(String fsRoot) {
        String dir = dir(fsRoot, "cpu");
        if (dir == null) {
            return -1;
        }
        String max = ProcFs.read(dir + "/cpu.max");
        if (max != null) {
            String[] parts = max.trim().split("\\s+");
            if (parts.length == 2 && !parts[0].equals("max")) {
                try {
                    return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
                } catch (NumberFormatException e) {
                    return Schema.UNKNOWN;
                }
            }
            return -1;
        }
        long quota = ProcFs.readLimit(dir + "/cpu.cfs_quota_us");
        long period = ProcFs.readLimit(dir + "/cpu.cfs_period_us");
        if (quota > 0 && period > 0) {
            return (double) quota / period;
        }
        return -1;
    }

    private static boolean hasOption(String options, String controller) {
        for (String o : options.split(",")) {
            if (o.equals(controller)) {
                return true;
            }
        }
        return false;
    }

    /** The path of this process in the hierarchy that lists the controller ("" = the v2 line). */
    private static String pathFor(List<String> cgroups, String controller) {
        for (String line : cgroups) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (controller.isEmpty() ? parts[1].isEmpty() : hasOption(parts[1], controller)) {
                return parts[2];
            }
        }
        return null;
    }

    private static String resolve(String mountPoint, String root, String path) {
        String rel = path.startsWith(root) ? path.substring(root.length()) : path;
        if (!rel.startsWith("/") && !rel.isEmpty()) {
            rel = "/" + rel;
        }
        return rel.equals("/") ? mountPoint : mountPoint + rel;
    }
}
