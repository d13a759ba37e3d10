package io.github.ncf.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, columnar store of implicit-feedback interactions {@code (user, item, timestamp[,
 * rating])} with dense 0-based user and item indices.
 *
 * <p>Rows are kept in their original order (file order for readers), in primitive arrays, with no
 * object per interaction. A compressed per-user index holds each user's distinct items in sorted
 * order, so {@link #contains(int, int)} is a binary search, and each user's rows in original order,
 * which the leave-one-out splitter uses. Raw ids are translated by the shared {@link IdMapping}s
 * returned by {@link #userIds()} and {@link #itemIds()}; every user and item of the mapping has an
 * index even if it has no row in this particular set (the test half of a split, say).
 *
 * <pre>{@code
 * Interactions.Builder b = Interactions.builder();
 * b.add("196", "242", 881250949L, 3f);
 * b.add("186", "302", 891717742L, 3f);
 * Interactions data = b.build();
 * boolean seen = data.contains(data.userIds().index("196"), data.itemIds().index("242"));
 * }</pre>
 */
public final class Interactions {

    private final IdMapping userIds;
    private final IdMapping itemIds;
    private final int[] users;
    private final int[] items;
    private final long[] timestamps; // null when the source has none
    private final float[] ratings;   // null when the source has none

    // CSR index: rows of user u in original order are userRows[rowStart[u] .. rowStart[u+1]).
    private final int[] rowStart;
    private final int[] userRows;
    // CSR index: distinct items of user u, ascending, are userItems[itemStart[u] .. itemStart[u+1]).
    private final int[] itemStart;
    private final int[] userItems;

    private Interactions(IdMapping userIds, IdMapping itemIds, int[] users, int[] items,
            long[] timestamps, float[] ratings) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.users = users;
        this.items = items;
        this.timestamps = timestamps;
        this.ratings = ratings;
        int numUsers = userIds.size();
        int numItems = itemIds.size();
        int n = users.length;

        rowStart = new int[numUsers + 1];
        for (int r = 0; r < n; r++) {
            int u = users[r];
            if (u < 0 || u >= numUsers) {
                throw new IllegalArgumentException("row " + r + ": user index " + u
                        + " is outside [0, " + numUsers + ")");
            }
            int i = items[r];
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("row " + r + ": item index " + i
                        + " is outside [0, " + numItems + ")");
            }
            rowStart[u + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            rowStart[u + 1] += rowStart[u];
        }
        userRows = new int[n];
        int[] fill = Arrays.copyOf(rowStart, numUsers);
        for (int r = 0; r < n; r++) {
            userRows[fill[users[r]]++] = r;
        }

        // Distinct sorted items per user: sort each user's slice, then compact in place.
        int[] sorted = new int[n];
        itemStart = new int[numUsers + 1];
        int out = 0;
        for (int u = 0; u < numUsers; u++) {
            int from = rowStart[u];
            int to = rowStart[u + 1];
            int start = out;
            for (int k = from; k < to; k++) {
                sorted[out++] = items[userRows[k]];
            }
            Arrays.sort(sorted, start, out);
            int w = start;
            for (int k = start; k < out; k++) {
                if (k == start || sorted[k] != sorted[w - 1]) {
                    sorted[w++] = sorted[k];
                }
            }
            out = w;
            itemStart[u + 1] = out;
        }
        userItems = out == n ? sorted : Arrays.copyOf(sorted, out);
    }

    /**
     * Creates interactions from column arrays of dense indices; the arrays are copied.
     *
     * @param userIds the user id mapping; its size is the number of users
     * @param itemIds the item id mapping; its size is the number of items
     * @param users user index of each row
     * @param items item index of each row
     * @param timestamps timestamp of each row, or null if the data has none
     * @param ratings rating of each row, or null if the data has none
     * @return the interactions
     * @throws IllegalArgumentException if the columns differ in length or an index is out of range
     */
    public static Interactions of(IdMapping userIds, IdMapping itemIds, int[] users, int[] items,
            long[] timestamps, float[] ratings) {
        return wrap(userIds, itemIds, users.clone(), items.clone(),
                timestamps == null ? null : timestamps.clone(), ratings == null ? null : ratings.clone());
    }

    /**
     * Creates interactions that take ownership of the given arrays without copying them. The caller
     * must not modify the arrays afterwards; used by readers and generators of large data sets.
     *
     * @param userIds the user id mapping
     * @param itemIds the item id mapping
     * @param users user index of each row
     * @param items item index of each row
     * @param timestamps timestamp of each row, or null
     * @param ratings rating of each row, or null
     * @return the interactions
     * @throws IllegalArgumentException if the columns differ in length or an index is out of range
     */
    public static Interactions wrap(IdMapping userIds, IdMapping itemIds, int[] users, int[] items,
            long[] timestamps, float[] ratings) {
        Objects.requireNonNull(userIds, "userIds");
        Objects.requireNonNull(itemIds, "itemIds");
        int n = users.length;
        if (items.length != n || (timestamps != null && timestamps.length != n)
                || (ratings != null && ratings.length != n)) {
            throw new IllegalArgumentException("columns differ in length: users=" + n
                    + ", items=" + items.length
                    + ", timestamps=" + (timestamps == null ? "none" : timestamps.length)
                    + ", ratings=" + (ratings == null ? "none" : ratings.length));
        }
        return new Interactions(userIds, itemIds, users, items, timestamps, ratings);
    }

    /**
     * Returns a builder that assigns indices to raw ids in order of first appearance.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a new set holding the given rows of this one, in the given order, with the same id
     * mappings (so indices stay valid across the subsets).
     *
     * @param rows row numbers of this set
     * @return the subset
     */
    public Interactions select(int[] rows) {
        int n = rows.length;
        int[] u = new int[n];
        int[] i = new int[n];
        long[] t = timestamps == null ? null : new long[n];
        float[] r = ratings == null ? null : new float[n];
        for (int k = 0; k < n; k++) {
            int row = rows[k];
            Objects.checkIndex(row, users.length);
            u[k] = users[row];
            i[k] = items[row];
            if (t != null) {
                t[k] = timestamps[row];
            }
            if (r != null) {
                r[k] = ratings[row];
            }
        }
        return new Interactions(userIds, itemIds, u, i, t, r);
    }

    /** @return the number of rows (interactions) */
    public int size() {
        return users.length;
    }

    /** @return the number of users in the id mapping (rows may cover fewer) */
    public int numUsers() {
        return userIds.size();
    }

    /** @return the number of items in the id mapping (rows may cover fewer) */
    public int numItems() {
        return itemIds.size();
    }

    /** @return the user id mapping */
    public IdMapping userIds() {
        return userIds;
    }

    /** @return the item id mapping */
    public IdMapping itemIds() {
        return itemIds;
    }

    /**
     * Returns the user index of a row.
     *
     * @param row the row number
     * @return the user index
     */
    public int user(int row) {
        return users[row];
    }

    /**
     * Returns the item index of a row.
     *
     * @param row the row number
     * @return the item index
     */
    public int item(int row) {
        return items[row];
    }

    /** @return whether rows carry timestamps */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** @return whether rows carry ratings */
    public boolean hasRatings() {
        return ratings != null;
    }

    /**
     * Returns the timestamp of a row.
     *
     * @param row the row number
     * @return the timestamp as given in the source (MovieLens: seconds since the epoch)
     * @throws IllegalStateException if the data has no timestamps
     */
    public long timestamp(int row) {
        if (timestamps == null) {
            throw new IllegalStateException("these interactions carry no timestamps");
        }
        return timestamps[row];
    }

    /**
     * Returns the rating of a row.
     *
     * @param row the row number
     * @return the rating
     * @throws IllegalStateException if the data has no ratings
     */
    public float rating(int row) {
        if (ratings == null) {
            throw new IllegalStateException("these interactions carry no ratings");
        }
        return ratings[row];
    }

    /** @return a copy of the user column */
    public int[] usersArray() {
        return users.clone();
    }

    /** @return a copy of the item column */
    public int[] itemsArray() {
        return items.clone();
    }

    /**
     * Returns the number of rows of a user.
     *
     * @param user the user index
     * @return the number of rows, counting repeated items
     */
    public int rowCount(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /**
     * Returns the {@code k}-th row of a user, in original row order.
     *
     * @param user the user index
     * @param k the position among the user's rows, in {@code [0, rowCount(user))}
     * @return the row number
     */
    public int userRow(int user, int k) {
        Objects.checkIndex(k, rowCount(user));
        return userRows[rowStart[user] + k];
    }

    /**
     * Returns the number of distinct items of a user.
     *
     * @param user the user index
     * @return the number of distinct items
     */
    public int itemCount(int user) {
        return itemStart[user + 1] - itemStart[user];
    }

    /**
     * Returns a user's distinct items in ascending order.
     *
     * @param user the user index
     * @return a new array of item indices
     */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(userItems, itemStart[user], itemStart[user + 1]);
    }

    /**
     * Returns whether a user has interacted with an item; a binary search over the user's items.
     *
     * @param user the user index
     * @param item the item index
     * @return true if some row has this user and item
     */
    public boolean contains(int user, int item) {
        return Arrays.binarySearch(userItems, itemStart[user], itemStart[user + 1], item) >= 0;
    }

    /**
     * Returns the compressed per-user item index: the distinct items of user {@code u}, ascending,
     * are {@code userItemIndex()[offsets[u] .. offsets[u + 1])} with {@code offsets =
     * userItemOffsets()}. The arrays are shared, not copied, for samplers and evaluators on hot
     * paths: callers must not modify them.
     *
     * @return the concatenated sorted item lists
     */
    public int[] userItemIndex() {
        return userItems;
    }

    /**
     * Returns the offsets into {@link #userItemIndex()}, of length {@code numUsers() + 1}. Shared,
     * not copied: callers must not modify it.
     *
     * @return the offsets
     */
    public int[] userItemOffsets() {
        return itemStart;
    }

    /**
     * Returns the number of rows of each item, the popularity used by baselines.
     *
     * @return a new array of length {@link #numItems()}
     */
    public int[] itemRowCounts() {
        int[] counts = new int[numItems()];
        for (int item : items) {
            counts[item]++;
        }
        return counts;
    }

    /** @return the number of users that have at least one row */
    public int activeUsers() {
        int count = 0;
        for (int u = 0; u < numUsers(); u++) {
            if (rowStart[u + 1] > rowStart[u]) {
                count++;
            }
        }
        return count;
    }

    /** @return the number of rows that repeat an earlier (user, item) pair */
    public int duplicateRows() {
        return users.length - userItems.length;
    }

    @Override
    public String toString() {
        return "Interactions{rows=" + size() + ", users=" + numUsers() + ", items=" + numItems()
                + ", timestamps=" + hasTimestamps() + ", ratings=" + hasRatings() + "}";
    }

    /**
     * Accumulates rows by raw id, assigning dense indices in order of first appearance. Not
     * thread-safe. {@link #build()} may be called once.
     */
    public static final class Builder {

        private final Map<String, Integer> userIndex = new HashMap<>();
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final java.util.ArrayList<String> userRaw = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> itemRaw = new java.util.ArrayList<>();
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private long[] timestamps = new long[1024];
        private float[] ratings = new float[1024];
        private int size;
        private Boolean withTimestamps;
        private Boolean withRatings;
        private boolean built;

        private Builder() {
        }

        /**
         * Adds a row with a timestamp and a rating.
         *
         * @param rawUser the raw user id
         * @param rawItem the raw item id
         * @param timestamp the timestamp
         * @param rating the rating
         * @return this builder
         */
        public Builder add(String rawUser, String rawItem, long timestamp, float rating) {
            return add(rawUser, rawItem, true, timestamp, true, rating);
        }

        /**
         * Adds a row with a timestamp and no rating.
         *
         * @param rawUser the raw user id
         * @param rawItem the raw item id
         * @param timestamp the timestamp
         * @return this builder
         */
        public Builder add(String rawUser, String rawItem, long timestamp) {
            return add(rawUser, rawItem, true, timestamp, false, 0f);
        }

        /**
         * Adds a row with neither timestamp nor rating.
         *
         * @param rawUser the raw user id
         * @param rawItem the raw item id
         * @return this builder
         */
        public Builder add(String rawUser, String rawItem) {
            return add(rawUser, rawItem, false, 0L, false, 0f);
        }

        /**
         * Adds a row; whether rows have timestamps and ratings must be the same for every row.
         *
         * @param rawUser the raw user id
         * @param rawItem the raw item id
         * @param hasTimestamp whether {@code timestamp} is given
         * @param timestamp the timestamp, if given
         * @param hasRating whether {@code rating} is given
         * @param rating the rating, if given
         * @return this builder
         * @throws IllegalArgumentException if the row has a timestamp or rating where earlier rows
         *     had none, or the other way round
         */
        public Builder add(String rawUser, String rawItem, boolean hasTimestamp, long timestamp,
                boolean hasRating, float rating) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            Objects.requireNonNull(rawUser, "rawUser");
            Objects.requireNonNull(rawItem, "rawItem");
            if (withTimestamps == null) {
                withTimestamps = hasTimestamp;
                withRatings = hasRating;
            } else if (withTimestamps != hasTimestamp || withRatings != hasRating) {
                throw new IllegalArgumentException("row " + size + " has timestamp=" + hasTimestamp
                        + ", rating=" + hasRating + " but earlier rows have timestamp="
                        + withTimestamps + ", rating=" + withRatings);
            }
            if (size == users.length) {
                int capacity = size + (size >> 1);
                users = Arrays.copyOf(users, capacity);
                items = Arrays.copyOf(items, capacity);
                timestamps = Arrays.copyOf(timestamps, capacity);
                ratings = Arrays.copyOf(ratings, capacity);
            }
            users[size] = indexOf(userIndex, userRaw, rawUser);
            items[size] = indexOf(itemIndex, itemRaw, rawItem);
            timestamps[size] = timestamp;
            ratings[size] = rating;
            size++;
            return this;
        }

        private static int indexOf(Map<String, Integer> index, java.util.List<String> raw, String id) {
            Integer i = index.get(id);
            if (i == null) {
                i = raw.size();
                index.put(id, i);
                raw.add(id);
            }
            return i;
        }

        /** @return the number of rows added so far */
        public int size() {
            return size;
        }

        /**
         * Builds the interactions.
         *
         * @return the interactions
         */
        public Interactions build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            boolean t = withTimestamps != null && withTimestamps;
            boolean r = withRatings != null && withRatings;
            return new Interactions(IdMapping.of(userRaw), IdMapping.of(itemRaw),
                    Arrays.copyOf(users, size), Arrays.copyOf(items, size),
                    t ? Arrays.copyOf(timestamps, size) : null, r ? Arrays.copyOf(ratings, size) : null);
        }
    }
}
