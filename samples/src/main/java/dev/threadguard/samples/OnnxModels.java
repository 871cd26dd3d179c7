package dev.threadguard.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Builds small ONNX models in code, as protobuf bytes written by hand (no onnx library, nothing
 * downloaded): enough of onnx.proto's ModelProto / GraphProto / NodeProto / TensorProto /
 * ValueInfoProto for a chain of MatMul + Tanh layers with float weights.
 */
public final class OnnxModels {
    private OnnxModels() {}

    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT

    /**
     * Y = tanh(...tanh(X W0) W1 ...) with X of shape [batch, width] and {@code layers} weights of
     * shape [width, width].
     */
    public static byte[] matMulChain(int batch, int width, int layers, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Proto graph = new Proto();
        String prev = "X";
        for (int l = 0; l < layers; l++) {
            String w = "W" + l;
            String mm = "mm" + l;
            String out = l == layers - 1 ? "Y" : "h" + l;
            graph.message(1, node("MatMul_" + l, "MatMul", mm, prev, w));
            graph.message(1, node("Tanh_" + l, "Tanh", out, mm));
            prev = out;
        }
        graph.string(2, "threadguard-sample");
        for (int l = 0; l < layers; l++) {
            float[] weights = new float[width * width];
            float scale = (float) (1.0 / Math.sqrt(width));
            for (int i = 0; i < weights.length; i++) weights[i] = (float) r.nextDouble(-scale, scale);
            graph.message(5, tensor("W" + l, new long[] {width, width}, weights));
        }
        graph.message(11, valueInfo("X", batch, width));
        graph.message(12, valueInfo("Y", batch, width));

        Proto model = new Proto();
        model.varint(1, 8); // ir_version
        model.string(2, "threadguard-samples"); // producer_name
        model.message(7, graph);
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 17);
        model.message(8, opset);
        return model.bytes();
    }

    private static Proto node(String name, String op, String output, String... inputs) {
        Proto n = new Proto();
        for (String in : inputs) n.string(1, in);
        n.string(2, output);
        n.string(3, name);
        n.string(4, op);
        return n;
    }

    private static Proto tensor(String name, long[] dims, float[] data) {
        Proto t = new Proto();
        for (long d : dims) t.varint(1, d);
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) raw.putFloat(f);
        t.bytes(9, raw.array());
        return t;
    }

    private static Proto valueInfo(String name, long... dims) {
        Proto shape = new Proto();
        for (long d : dims) {
            Proto dim = new Proto();
            dim.varint(1, d); // dim_value
            shape.message(1, dim);
        }
        Proto tensorType = new Proto();
        tensorType.varint(1, FLOAT); // elem_type
        tensorType.message(2, shape);
        Proto type = new Proto();
        type.message(1, tensorType); // tensor_type
        Proto vi = new Proto();
        vi.string(1, name);
        vi.message(2, type);
        return vi;
    }

    /** A minimal protobuf writer: varint and length-delimited fields. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            raw(value);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.write(b, 0, b.length);
        }

        void message(int field, Proto p) {
            bytes(field, p.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
