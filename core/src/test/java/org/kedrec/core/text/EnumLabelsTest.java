package org.kedrec.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumLabelsTest {
    private enum Shade {
        LIGHT_BLUE,
        DARK;

        String shortLabel() {
            return this == LIGHT_BLUE ? "lb" : "d";
        }
    }

    @Test
    void theLabelIsTheNameInLowerCase() {
        assertThat(EnumLabels.lowerCase(Shade.LIGHT_BLUE)).isEqualTo("light_blue");
        assertThat(EnumLabels.all(Shade.class, EnumLabels::lowerCase)).containsExactly("light_blue", "dark");
    }

    @Test
    void exactAndCaseBlindLookUpsByAnyLabel() {
        assertThat(EnumLabels.find(Shade.class, Shade::shortLabel, "lb")).contains(Shade.LIGHT_BLUE);
        assertThat(EnumLabels.find(Shade.class, Shade::shortLabel, "LB")).isEmpty();
        assertThat(EnumLabels.findIgnoringCase(Shade.class, Shade::shortLabel, "LB")).contains(Shade.LIGHT_BLUE);
        assertThat(EnumLabels.findIgnoringCase(Shade.class, EnumLabels::lowerCase, "Dark")).contains(Shade.DARK);
        assertThat(EnumLabels.findIgnoringCase(Shade.class, EnumLabels::lowerCase, null)).isEmpty();
        assertThat(EnumLabels.find(Shade.class, EnumLabels::lowerCase, null)).isEmpty();
    }
}
