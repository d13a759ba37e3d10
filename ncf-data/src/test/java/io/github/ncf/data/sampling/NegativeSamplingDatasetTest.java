package io.github.ncf.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Pipeline;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NegativeSamplingDatasetTest {

    private static final Interactions BAND = Fixtures.band(40, 30, 6);

    @BeforeAll
    static void offline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private static NegativeSamplingDataset dataset(int batch) {
        return NegativeSamplingDataset.builder().train(BAND).numNegatives(4).seed(5).setSampling(batch, false).build();
    }

    @Test
    void record_isOnePositiveWithItsNegatives_int32AndFloat32() throws Exception {
        NegativeSamplingDataset ds = dataset(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            Record r = ds.get(manager, 3);
            assertThat(r.getData().get(0).getShape()).isEqualTo(new Shape(5));
            assertThat(r.getData().get(0).getDataType()).isEqualTo(DataType.INT32);
            assertThat(r.getData().get(1).getDataType()).isEqualTo(DataType.INT32);
            assertThat(r.getLabels().get(0).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(r.getLabels().get(0).toFloatArray()).containsExactly(1f, 0f, 0f, 0f, 0f);
            EpochSamples s = ds.sampler().sample(0);
            assertThat(r.getData().get(1).toIntArray()).containsExactly(Arrays.copyOfRange(s.items(), 15, 20));
        }
    }

    @Test
    void batch_ofBPositives_isBTimesFiveFlatRows_matchingTheEpochArrays() throws Exception {
        NegativeSamplingDataset ds = dataset(8);
        EpochSamples expected = ds.sampler().sample(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            int slot = 0;
            for (Batch batch : ds.getData(manager)) {
                NDList data = batch.getData();
                int rows = data.get(0).getShape().dimension() == 1 ? (int) data.get(0).getShape().get(0) : -1;
                assertThat(rows).isEqualTo(Math.min(8, ds.sampler().positives() - slot) * 5);
                assertThat(data.get(1).toIntArray())
                        .containsExactly(Arrays.copyOfRange(expected.items(), slot * 5, slot * 5 + rows));
                assertThat(batch.getLabels().get(0).getShape()).isEqualTo(new Shape(rows));
                slot += rows / 5;
                batch.close();
            }
            assertThat(slot).isEqualTo(BAND.size());
        }
        assertThat(ds.batchSize()).isEqualTo(8);
        assertThat(ds.size()).isEqualTo(BAND.size());
    }

    @Test
    void slicedBatches_equalDjlsPerRecordBatches_forAShufflingSampler() throws Exception {
        // An empty pipeline sends the second dataset down DJL's per-record path; both are read with
        // DJL's own shuffling sampler, its generator seeded alike before each pass.
        NegativeSamplingDataset sliced = NegativeSamplingDataset.builder().train(BAND).numNegatives(4).seed(5)
                .setSampling(7, false).build();
        NegativeSamplingDataset perRecord = NegativeSamplingDataset.builder().train(BAND).numNegatives(4).seed(5)
                .setSampling(7, false).optPipeline(new Pipeline()).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            java.util.List<int[]> expected = new java.util.ArrayList<>();
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            for (Batch batch : perRecord.getData(manager, new BatchSampler(new RandomSampler(), 7))) {
                expected.add(flat(batch));
                batch.close();
            }
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            int k = 0;
            for (Batch batch : sliced.getData(manager, new BatchSampler(new RandomSampler(), 7))) {
                assertThat(flat(batch)).as("batch %d", k).containsExactly(expected.get(k++));
                batch.close();
            }
            assertThat(k).isEqualTo(expected.size());
        }
    }

    /** A batch's users, items and labels (as 0/1) in one array. */
    private static int[] flat(Batch batch) {
        int[] u = batch.getData().get(0).toIntArray();
        int[] i = batch.getData().get(1).toIntArray();
        float[] y = batch.getLabels().get(0).toFloatArray();
        int[] out = new int[3 * u.length];
        for (int r = 0; r < u.length; r++) {
            out[3 * r] = u[r];
            out[3 * r + 1] = i[r];
            out[3 * r + 2] = (int) y[r];
        }
        return out;
    }

    @Test
    void eachGetData_startsTheNextEpoch_setEpochOverrides() throws Exception {
        NegativeSamplingDataset ds = dataset(16);
        try (NDManager manager = NDManager.newBaseManager()) {
            ds.prepare();
            ds.prepare();
            assertThat(ds.epoch()).isEqualTo(0);
            ds.getData(manager);
            assertThat(ds.epoch()).isEqualTo(0);
            ds.getData(manager);
            assertThat(ds.epoch()).isEqualTo(1);
            assertThat(ds.samples().items()).isEqualTo(ds.sampler().sample(1).items());
            ds.setEpoch(7);
            assertThat(ds.epoch()).isEqualTo(7);
            ds.getData(manager);
            assertThat(ds.epoch()).isEqualTo(7);
            ds.getData(manager);
            assertThat(ds.epoch()).isEqualTo(8);
        }
    }

    @Test
    void accessors_reportTheConfiguration() {
        NegativeSamplingDataset ds = dataset(4);
        assertThat(ds.numNegatives()).isEqualTo(4);
        assertThat(ds.seed()).isEqualTo(5);
        assertThat(ds.sampler().rowsPerPositive()).isEqualTo(5);
    }

    @Test
    void build_withoutSampling_isRejected() {
        assertThatThrownBy(() -> NegativeSamplingDataset.builder().train(BAND).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("setSampling");
    }

    @Test
    void build_withoutTrain_isRejected() {
        assertThatThrownBy(() -> NegativeSamplingDataset.builder().setSampling(4, false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("train");
    }

    @Test
    void setSampling_shuffleFlag_reachesTheSeededSampler() {
        NegativeSamplingDataset shuffled = NegativeSamplingDataset.builder().train(BAND).seed(5)
                .setSampling(8, true).build();
        NegativeSamplingDataset ordered = NegativeSamplingDataset.builder().train(BAND).seed(5)
                .setSampling(8, false).build();

        assertThat(shuffled.sampler().shuffle()).isTrue();
        assertThat(ordered.sampler().shuffle()).isFalse();
    }

    @Test
    void setSampling_shuffleTrue_isReproducibleForOneSeed() {
        EpochSamples a = NegativeSamplingDataset.builder().train(BAND).seed(5).setSampling(8, true)
                .build().samples();
        EpochSamples b = NegativeSamplingDataset.builder().train(BAND).seed(5).setSampling(8, true)
                .build().samples();

        assertThat(a.users()).containsExactly(b.users());
        assertThat(a.items()).containsExactly(b.items());
    }

    @Test
    void setSampling_shuffleFalse_keepsTheTrainingRowOrder() {
        EpochSamples s = NegativeSamplingDataset.builder().train(BAND).seed(5).setSampling(8, false)
                .build().samples();
        int r = s.rowsPerPositive();
        for (int p = 0; p < s.positives(); p++) {
            assertThat(s.users()[p * r]).isEqualTo(BAND.user(p));
            assertThat(s.items()[p * r]).isEqualTo(BAND.item(p));
        }
    }
}
