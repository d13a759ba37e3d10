package io.github.ncf.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.github.ncf.core.model.NcfBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test fixture: the reference notebook's GMF, MLP and NeuMF in one block (GMF when mlpDim is 0,
 * MLP when gmfDim is 0, NeuMF otherwise), with the reference's initialisation (embeddings N(0,
 * 0.01), linear weights Xavier-uniform, biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))). It lets the
 * trainer be tested, and its parity checked, independently of the production model classes.
 */
final class RefNcfBlock extends NcfBlock {

    private final int numUsers;
    private final int numItems;
    private final int gmfDim;
    private final int mlpDim;
    private final int[] layers;
    private final float dropout;
    private Parameter gmfUser;
    private Parameter gmfItem;
    private Parameter mlpUser;
    private Parameter mlpItem;
    private final List<Parameter> mlpWeights = new ArrayList<>();
    private final List<Parameter> mlpBiases = new ArrayList<>();
    private final Parameter outWeight;
    private final Parameter outBias;

    RefNcfBlock(int numUsers, int numItems, int gmfDim, int mlpDim, int[] layers, float dropout) {
        super((byte) 1);
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.gmfDim = gmfDim;
        this.mlpDim = mlpDim;
        this.layers = layers.clone();
        this.dropout = dropout;
        if (gmfDim > 0) {
            gmfUser = addParameter(embedding("gmfUserEmbedding", numUsers, gmfDim));
            gmfItem = addParameter(embedding("gmfItemEmbedding", numItems, gmfDim));
        }
        int last = 0;
        if (mlpDim > 0) {
            mlpUser = addParameter(embedding("mlpUserEmbedding", numUsers, mlpDim));
            mlpItem = addParameter(embedding("mlpItemEmbedding", numItems, mlpDim));
            int in = 2 * mlpDim;
            for (int k = 0; k < layers.length; k++) {
                mlpWeights.add(addParameter(weight("mlpWeight" + k, layers[k], in)));
                mlpBiases.add(addParameter(bias("mlpBias" + k, layers[k], in)));
                in = layers[k];
            }
            last = in;
        }
        int outIn = gmfDim + last;
        outWeight = addParameter(weight("outWeight", 1, outIn));
        outBias = addParameter(bias("outBias", 1, outIn));
    }

    static RefNcfBlock gmf(int users, int items, int dim) {
        return new RefNcfBlock(users, items, dim, 0, new int[0], 0f);
    }

    static RefNcfBlock mlp(int users, int items, int dim, float dropout, int... layers) {
        return new RefNcfBlock(users, items, 0, dim, layers, dropout);
    }

    static RefNcfBlock neuMf(int users, int items, int gmfDim, int mlpDim, float dropout,
            int... layers) {
        return new RefNcfBlock(users, items, gmfDim, mlpDim, layers, dropout);
    }

    private static Parameter embedding(String name, int rows, int dim) {
        Initializer init = (m, shape, type) -> m.randomNormal(0f, 0.01f, shape, type);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim)).optInitializer(init).build();
    }

    private static Parameter weight(String name, int out, int in) {
        float a = (float) Math.sqrt(6.0 / (in + out));
        Initializer init = (m, shape, type) -> m.randomUniform(-a, a, shape, type);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).optInitializer(init).build();
    }

    private static Parameter bias(String name, int out, int in) {
        float a = (float) (1.0 / Math.sqrt(in));
        Initializer init = (m, shape, type) -> m.randomUniform(-a, a, shape, type);
        return Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(init).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray users = inputs.get(0);
        NDArray items = inputs.get(1);
        ai.djl.Device d = users.getDevice();
        List<NDArray> parts = new ArrayList<>();
        if (gmfDim > 0) {
            NDArray u = emb(users, ps.getValue(gmfUser, d, training));
            NDArray i = emb(items, ps.getValue(gmfItem, d, training));
            parts.add(u.mul(i));
        }
        if (mlpDim > 0) {
            NDArray u = emb(users, ps.getValue(mlpUser, d, training));
            NDArray i = emb(items, ps.getValue(mlpItem, d, training));
            NDArray x = u.concat(i, 1);
            for (int k = 0; k < layers.length; k++) {
                x = Linear.linear(x, ps.getValue(mlpWeights.get(k), d, training),
                        ps.getValue(mlpBiases.get(k), d, training)).singletonOrThrow();
                x = Activation.relu(x);
                if (dropout > 0) {
                    x = Dropout.dropout(x, dropout, training).singletonOrThrow();
                }
            }
            parts.add(x);
        }
        NDArray h = parts.size() == 1 ? parts.get(0) : parts.get(0).concat(parts.get(1), 1);
        NDArray out = Linear.linear(h, ps.getValue(outWeight, d, training),
                ps.getValue(outBias, d, training)).singletonOrThrow();
        return new NDList(out.reshape(-1));
    }

    private static NDArray emb(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public String kind() {
        return gmfDim > 0 && mlpDim > 0 ? "neumf" : gmfDim > 0 ? "gmf" : "mlp";
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gmfDim", Integer.toString(gmfDim));
        m.put("mlpDim", Integer.toString(mlpDim));
        m.put("layers", java.util.Arrays.toString(layers));
        m.put("dropout", Float.toString(dropout));
        return m;
    }

}
