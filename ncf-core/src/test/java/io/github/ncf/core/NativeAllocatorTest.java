package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

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
