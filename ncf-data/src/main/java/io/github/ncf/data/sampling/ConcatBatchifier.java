package io.github.ncf.data.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;

/**
 * Batches records of equal length by concatenating them along axis 0 instead of stacking: {@code b}
 * records of shape {@code (R)} become one array of shape {@code (b * R)}, the flat layout that the
 * NCF blocks take ({@code NDList(users (B), items (B))}). {@link #unbatchify(NDList)} cuts a batch
 * back into records of {@code rowsPerRecord} rows.
 *
 * <pre>{@code
 * Batchifier flat = new ConcatBatchifier(5);   // 1 positive + 4 negatives per record
 * }</pre>
 */
public final class ConcatBatchifier implements Batchifier {

    private static final long serialVersionUID = 1L;

    /** The length of every record along axis 0. */
    private final int rowsPerRecord;

    /**
     * Creates the batchifier.
     *
     * @param rowsPerRecord the length of every record along axis 0, at least 1
     */
    public ConcatBatchifier(int rowsPerRecord) {
        if (rowsPerRecord < 1) {
            throw new IllegalArgumentException("rowsPerRecord must be >= 1, got " + rowsPerRecord);
        }
        this.rowsPerRecord = rowsPerRecord;
    }

    /**
     * Concatenates the records' arrays position by position.
     *
     * @param inputs the records
     * @return one list with one concatenated array per position
     */
    @Override
    public NDList batchify(NDList[] inputs) {
        if (inputs.length == 0) {
            return new NDList();
        }
        int width = inputs[0].size();
        NDList out = new NDList(width);
        for (int k = 0; k < width; k++) {
            NDList column = new NDList(inputs.length);
            for (NDList record : inputs) {
                column.add(record.get(k));
            }
            out.add(NDArrays.concat(column, 0));
        }
        return out;
    }

    /**
     * Splits a batch into records of {@code rowsPerRecord} rows.
     *
     * @param inputs the batch
     * @return the records
     * @throws IllegalArgumentException if a batch length is not a multiple of rowsPerRecord
     */
    @Override
    public NDList[] unbatchify(NDList inputs) {
        if (inputs.isEmpty()) {
            return new NDList[0];
        }
        long rows = inputs.get(0).getShape().get(0);
        if (rows % rowsPerRecord != 0) {
            throw new IllegalArgumentException("batch of " + rows + " rows is not a multiple of rowsPerRecord="
                    + rowsPerRecord);
        }
        int records = (int) (rows / rowsPerRecord);
        NDList[] out = new NDList[records];
        for (int r = 0; r < records; r++) {
            out[r] = new NDList(inputs.size());
        }
        for (NDArray array : inputs) {
            NDList parts = array.split(records, 0);
            for (int r = 0; r < records; r++) {
                out[r].add(parts.get(r));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ConcatBatchifier{rowsPerRecord=" + rowsPerRecord + "}";
    }

}
