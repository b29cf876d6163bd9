package dev.seqguard.deep;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's learned parameters as bytes, so a fitted deep detector stays a plain serialisable record (the bytes
 * travel base64-encoded inside the model JSON, next to the config and vocabulary that shape the block).
 */
public final class BlockWeights {
    private BlockWeights() {
    }

    /** The parameters of an initialised {@code block}, in DJL's own versioned parameter format. */
    public static byte[] save(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + block.getClass().getSimpleName() + " parameters", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads {@code weights} into {@code block}, which must have the architecture they were saved from and be
     * initialised with the same input shapes.
     *
     * @throws IllegalArgumentException when the bytes do not fit the block (a corrupt or foreign model file)
     */
    public static void load(Block block, NDManager manager, byte[] weights) {
        List<Shape> expected = shapes(block);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw misfit(block, e.getMessage(), e);
        }
        // DJL replaces each array with the stored one without comparing shapes.
        List<Shape> loaded = shapes(block);
        if (!loaded.equals(expected)) {
            throw misfit(block, "parameter shapes " + loaded + ", expected " + expected, null);
        }
    }

    private static List<Shape> shapes(Block block) {
        List<Shape> shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            shapes.add(p.getValue().getArray().getShape());
        }
        return shapes;
    }

    private static IllegalArgumentException misfit(Block block, String why, Exception cause) {
        return new IllegalArgumentException("saved weights do not fit the " + block.getClass().getSimpleName()
                + " this model's config describes: " + why, cause);
    }
}
