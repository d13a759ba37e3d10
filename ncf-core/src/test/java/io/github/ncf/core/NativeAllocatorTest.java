package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    @Test
    void engineStart_tunesGlibcMalloc_onLinux() {
        Engines.start(1);
        if (Platform.isLinux() && System.getProperty(NativeAllocator.PROPERTY) == null) {
            assertThat(NativeAllocator.isTuned()).as(NativeAllocator.status()).isTrue();
            assertThat(NativeAllocator.status()).startsWith("tuned").contains("32 MiB");
        } else {
            assertThat(NativeAllocator.status()).isNotEqualTo("not applied yet");
        }
        // Applied once: a second call changes nothing.
        boolean before = NativeAllocator.isTuned();
        assertThat(NativeAllocator.apply()).isEqualTo(before);
    }

    @Test
    void setting_isOnUnlessFalse() {
        assertThat(NativeAllocator.enabled(NativeAllocator.PROPERTY, null)).isTrue();
        assertThat(NativeAllocator.enabled(NativeAllocator.PROPERTY, "true")).isTrue();
        assertThat(NativeAllocator.enabled(NativeAllocator.PROPERTY, " FALSE ")).isFalse();
    }

    @Test
    void setting_otherValues_areRejectedWithTheValue() {
        assertThatThrownBy(() -> NativeAllocator.enabled(NativeAllocator.PROPERTY, "off"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ncf.malloc.tune").hasMessageContaining("'off'");
    }
}
