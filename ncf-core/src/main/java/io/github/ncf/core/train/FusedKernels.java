package io.github.ncf.core.train;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.train.internal.FusedTraining;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the fused Java training step ({@link TrainingKernels#JAVA}) for a block, through
 * reflection: its implementation refers to the {@code jdk.incubator.vector} module, which only a JVM
 * started with {@code --add-modules jdk.incubator.vector} has. The library only looks whether the
 * module is there; it never adds it.
 */
final class FusedKernels {

    private static final Logger LOG = LoggerFactory.getLogger(FusedKernels.class);
    private static final String MODULE = "jdk.incubator.vector";
    private static final String CLASS = "io.github.ncf.core.train.vector.FusedNetwork";
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private FusedKernels() {
    }

    /** @return whether this JVM can run the fused Java step */
    static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Copies a block's parameters into a fused Java step that splits each batch over {@code threads}
     * threads; the caller closes it.
     *
     * @throws IllegalStateException if the JVM lacks the Vector API module, the device is not the
     *     CPU, the block is not GMF, MLP or NeuMF, or a parameter is frozen
     */
    static FusedTraining create(NcfBlock block, Device device, OptimizerKind optimizer, float learningRate,
            float l2, boolean lazy, long maskSeed, boolean profile, int threads) {
        if (!available()) {
            throw new IllegalStateException("TrainingKernels.JAVA needs the Vector API: start the JVM with "
                    + "--add-modules jdk.incubator.vector, or train with TrainingKernels.TORCH");
        }
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            throw new IllegalStateException("TrainingKernels.JAVA trains on the CPU only, got device " + device
                    + "; use TrainingKernels.TORCH on a GPU");
        }
        int gmfDim;
        int mlpDim;
        int[] layers;
        float dropout;
        if (block instanceof NeuMF n) {
            gmfDim = n.gmfDim();
            mlpDim = n.mlpDim();
            layers = n.mlpLayers();
            dropout = n.dropout();
        } else if (block instanceof GMF g) {
            gmfDim = g.embeddingDim();
            mlpDim = 0;
            layers = new int[0];
            dropout = 0f;
        } else if (block instanceof MLP m) {
            gmfDim = 0;
            mlpDim = m.embeddingDim();
            layers = m.layers();
            dropout = m.dropout();
        } else {
            throw new IllegalStateException("TrainingKernels.JAVA trains GMF, MLP and NeuMF, got "
                    + block.kind() + "; use TrainingKernels.TORCH for it");
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : block.getParameters().values()) {
            if (!p.requiresGradient()) {
                throw new IllegalStateException("TrainingKernels.JAVA trains every parameter, but "
                        + p.getName() + " of " + block.kind() + " is frozen; use TrainingKernels.TORCH");
            }
            // A fresh copy, which the fused step takes over.
            values.put(p.getName(), p.getArray().toFloatArray());
        }
        FusedTraining.Config config = new FusedTraining.Config(block.numUsers(), block.numItems(), gmfDim,
                mlpDim, layers, dropout, optimizer.name(), learningRate, l2, lazy, maskSeed, values, profile, threads);
        FusedTraining fused;
        try {
            fused = (FusedTraining) Class.forName(CLASS).getConstructor(FusedTraining.Config.class)
                    .newInstance(config);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the fused Java step could not be created", cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the fused Java step could not be created", e);
        }
        if (LOGGED.compareAndSet(false, true)) {
            LOG.info("Training with the {}", fused.describe());
        }
        return fused;
    }

    /** Writes the fused step's current values into the block's parameters. */
    static void writeBack(NcfBlock block, FusedTraining fused) {
        for (Map.Entry<String, float[]> e : fused.parameters().entrySet()) {
            block.setParameterValues(e.getKey(), e.getValue());
        }
    }
}
