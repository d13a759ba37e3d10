package io.github.ncf.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticInteractionsTest {

    @Test
    void sizes_areExactlyAsConfigured() {
        Interactions data = SyntheticInteractions.small().generate();
        assertThat(data.size()).isEqualTo(50_000);
        assertThat(data.numUsers()).isEqualTo(1_000);
        assertThat(data.numItems()).isEqualTo(800);
        assertThat(data.activeUsers()).isEqualTo(1_000);
    }

    @Test
    void usersItems_areDistinct_noRepeatedPairs() {
        assertThat(SyntheticInteractions.small().generate().duplicateRows()).isZero();
    }

    @Test
    void userCounts_respectMinimumAndCap_andSumToTotal() {
        SyntheticInteractions gen = SyntheticInteractions.small();
        int[] counts = gen.userCounts();
        assertThat(Arrays.stream(counts).asLongStream().sum()).isEqualTo(50_000);
        assertThat(Arrays.stream(counts).min().getAsInt()).isBetween(20, 21);
        assertThat(Arrays.stream(counts).max().getAsInt()).isLessThanOrEqualTo(400);
    }

    @Test
    void timestamps_strictlyIncreaseInRowOrder() {
        Interactions data = SyntheticInteractions.tiny().generate();
        for (int r = 1; r < data.size(); r++) {
            assertThat(data.timestamp(r)).isGreaterThan(data.timestamp(r - 1));
        }
    }

    @Test
    void sameSeed_sameData_otherSeedDiffers() {
        Interactions a = SyntheticInteractions.tiny().generate();
        Interactions b = SyntheticInteractions.tiny().generate();
        Interactions c = SyntheticInteractions.tiny().toBuilder().seed(7).build().generate();
        assertThat(b.itemsArray()).isEqualTo(a.itemsArray());
        assertThat(c.itemsArray()).isNotEqualTo(a.itemsArray());
    }

    @Test
    void popularity_followsAPowerLaw_topTenthOfItemsHoldsOverAThirdOfRows() {
        Interactions data = SyntheticInteractions.builder().affinity(0).build().generate();
        int[] counts = data.itemRowCounts();
        int[] sorted = Arrays.stream(counts).sorted().toArray();
        long top = 0;
        for (int k = sorted.length - sorted.length / 10; k < sorted.length; k++) {
            top += sorted[k];
        }
        assertThat((double) top / data.size()).isGreaterThan(1.0 / 3);
    }

    @Test
    void popularityExponentZero_givesNearlyUniformItems() {
        Interactions data = SyntheticInteractions.builder().affinity(0).popularityExponent(0).build().generate();
        int[] counts = data.itemRowCounts();
        double mean = (double) data.size() / data.numItems();
        assertThat(Arrays.stream(counts).max().getAsInt()).isLessThan((int) (mean * 1.5));
    }

    @Test
    void plantedTopics_letATasteAwareRankingBeatPopularity() {
        SyntheticInteractions gen = SyntheticInteractions.small();
        Split split = LeaveOneOutSplitter.builder().build().split(gen.generate());
        Interactions train = split.train();
        Interactions test = split.test();
        int[] popularity = train.itemRowCounts();
        Integer[] byPopularity = IntStream.range(0, train.numItems()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -popularity[i])).toArray(Integer[]::new);
        int popularityHits = 0;
        int topicHits = 0;
        for (int k = 0; k < test.size(); k++) {
            int u = test.user(k);
            int target = test.item(k);
            // The user's most frequent topic among training items.
            int[] topicCount = new int[gen.latentDim()];
            for (int item : train.itemsOf(u)) {
                topicCount[gen.itemTopic(item)]++;
            }
            int topic = 0;
            for (int t = 1; t < topicCount.length; t++) {
                if (topicCount[t] > topicCount[topic]) {
                    topic = t;
                }
            }
            popularityHits += hitAt10(byPopularity, train, u, target, -1, gen);
            topicHits += hitAt10(byPopularity, train, u, target, topic, gen);
        }
        double popularityHr = (double) popularityHits / test.size();
        double topicHr = (double) topicHits / test.size();
        assertThat(topicHr).as("HR@10 of popularity within the user's topic vs plain popularity %.3f",
                popularityHr).isGreaterThan(popularityHr * 2);
    }

    private static int hitAt10(Integer[] byPopularity, Interactions train, int user, int target, int topic,
            SyntheticInteractions gen) {
        int shown = 0;
        for (int item : byPopularity) {
            if (train.contains(user, item) || (topic >= 0 && gen.itemTopic(item) != topic)) {
                continue;
            }
            if (item == target) {
                return 1;
            }
            if (++shown == 10) {
                return 0;
            }
        }
        return 0;
    }

    @Test
    void tooManyInteractions_isRejectedWithTheCap() {
        assertThatThrownBy(() -> SyntheticInteractions.builder().users(10).items(20).interactions(101).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interactions 101").hasMessageContaining("= 100");
    }

    @Test
    void invalidSettings_areRejectedNamingTheField() {
        assertThatThrownBy(() -> SyntheticInteractions.builder().users(0)).hasMessage("users must be >= 1, got 0");
        assertThatThrownBy(() -> SyntheticInteractions.builder().latentDim(-1)).hasMessageContaining("latentDim");
        assertThatThrownBy(() -> SyntheticInteractions.builder().popularityExponent(Double.NaN))
                .hasMessageContaining("popularityExponent");
        assertThatThrownBy(() -> SyntheticInteractions.builder().affinity(1.5)).hasMessageContaining("affinity");
    }

    @Test
    void ml20mPreset_hasTheMovieLens20mSizes() {
        SyntheticInteractions gen = SyntheticInteractions.ml20mSize();
        assertThat(gen.users()).isEqualTo(138_493);
        assertThat(gen.items()).isEqualTo(26_744);
        assertThat(gen.interactions()).isEqualTo(20_000_263L);
        assertThat(Arrays.stream(gen.userCounts()).asLongStream().sum()).isEqualTo(20_000_263L);
    }
}
