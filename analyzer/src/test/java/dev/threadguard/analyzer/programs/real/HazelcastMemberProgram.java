package dev.threadguard.analyzer.programs.real;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * A Hazelcast 5.3 member on its own (no discovery), used a little, as an application starts it.
 * Run with -XX:ActiveProcessorCount=64: Hazelcast sizes its pools from the processor count.
 */
public final class HazelcastMemberProgram {
    public static void main(String[] args) throws Exception {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "none");
        Load.awaitRecording();
        HazelcastInstance hz = startMember(); // APP-CALL
        IMap<Integer, String> map = hz.getMap("items");
        long end = System.nanoTime() + Long.getLong("millis", 2500) * 1_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            map.put(i % 500, "value " + i);
            map.get((i * 7) % 500);
            i++;
            if (i % 100 == 0) {
                Thread.sleep(10);
            }
        }
        hz.shutdown();
    }

    static HazelcastInstance startMember() {
        Config config = new Config();
        config.setClusterName("threadguard-" + ProcessHandle.current().pid());
        config.getNetworkConfig().setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config); // HAZELCAST-START
    }
}
