package dev.threadguard.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples' own behaviour, without the agent. */
class SamplesCliTest {
    @Test
    void argsParse() {
        Args a = Args.parse("x", new String[] {"--fixed", "--envs", "2,4", "--steps=10"});
        assertTrue(a.flag("fixed", ""));
        assertEquals(List.of(2, 4), a.intList("envs", List.of(1), ""));
        assertEquals(10, a.intValue("steps", 1, ""));
        a.done("");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Args a = Args.parse("x", new String[] {"--fxied"});
        a.flag("fixed", "");
        Args.UsageException e = assertThrows(Args.UsageException.class, () -> a.done(""));
        assertTrue(e.getMessage().contains("--fxied"), e.getMessage());
    }

    @Test
    void workerGetsItsOwnRecording() {
        assertEquals("-javaagent:/a/tg.jar=file=/tmp/r-worker-%p.jfr,period=1s",
                ProcessWorkersSample.perProcessRecording("-javaagent:/a/tg.jar=file=/tmp/r.jfr,period=1s"));
        assertEquals("-javaagent:/a/tg.jar=file=x-%p.jfr", ProcessWorkersSample.perProcessRecording("-javaagent:/a/tg.jar=file=x-%p.jfr"));
        assertEquals("-javaagent:/a/tg.jar", ProcessWorkersSample.perProcessRecording("-javaagent:/a/tg.jar"));
    }

    @Test
    void onnxModelIsWellFormedProtobuf() throws Exception {
        byte[] model = OnnxModels.matMulChain(2, 8, 1, 1);
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession s = env.createSession(model, new ai.onnxruntime.OrtSession.SessionOptions())) {
            assertEquals(List.of("X"), List.copyOf(s.getInputNames()));
            assertEquals(List.of("Y"), List.copyOf(s.getOutputNames()));
        }
    }

    @Test
    void rolloutStepsEveryEnvironment() throws Exception {
        try (BatchEnv env = new BatchEnv(3, 4, 2, true, false)) {
            double r = env.rollout(5);
            assertTrue(Double.isFinite(r));
            assertEquals(3, env.poolSize());
        }
    }
}
