package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowlistTest {

    @Test
    void anywhereAllowsEveryClientEvenOneWithoutAnAddress() {
        IpAllowlist anywhere = IpAllowlist.anywhere();

        assertThat(anywhere.isAnywhere()).isTrue();
        for (String client : new String[] {"10.0.0.1", "::1", "unknown", "", null}) {
            assertThat(anywhere.allows(client)).isTrue();
        }
        assertThatThrownBy(anywhere::blocks).isInstanceOf(IllegalStateException.class);
        assertThat(anywhere).hasToString("IpAllowlist[*]");
    }

    @Test
    void aListAllowsClientsInAnyOfItsBlocksAndNoOthers() {
        IpAllowlist list = IpAllowlist.of("192.0.2.0/24", "2001:db8::/32", "203.0.113.7");

        assertThat(list.isAnywhere()).isFalse();
        assertThat(list.allows("192.0.2.200")).isTrue();
        assertThat(list.allows("203.0.113.7")).isTrue();
        assertThat(list.allows("2001:db8:ffff::1")).isTrue();
        assertThat(list.allows("[2001:db8::1]")).as("bracketed, as some containers").isTrue();
        assertThat(list.allows("::ffff:192.0.2.9")).as("IPv4-mapped").isTrue();
        assertThat(list.allows("203.0.113.8")).isFalse();
        assertThat(list.allows("192.0.3.1")).isFalse();
        assertThat(list.allows("2001:db9::1")).isFalse();
        assertThat(list.allows("::1")).isFalse();
    }

    @Test
    void aClientThatIsNotAnAddressLiteralIsOutsideEveryList() {
        IpAllowlist everything = IpAllowlist.of("0.0.0.0/0", "::/0");

        assertThat(everything.allows("1.2.3.4")).isTrue();
        assertThat(everything.allows("2001:db8::1")).isTrue();
        for (String client :
                new String[] {null, "", "unknown", "localhost", "010.0.0.1", "1.2.3", ".::1"}) {
            assertThat(everything.allows(client)).as(String.valueOf(client)).isFalse();
        }
    }

    @Test
    void aLinkLocalClientWithAZoneIsAllowedByItsBlock() {
        IpAllowlist linkLocal = IpAllowlist.of("fe80::/10");

        assertThat(linkLocal.allows("fe80::1%eth0")).isTrue();
        assertThat(linkLocal.allows("fe80::1%2")).isTrue();
        assertThatThrownBy(() -> IpAllowlist.of("fe80::1%eth0"))
                .as("a zone id is no part of a block")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksAreCanonicalInTheOrderGivenWithoutDuplicates() {
        IpAllowlist list =
                IpAllowlist.of(
                        "2001:DB8:0:0:1:0:0:1",
                        "::ffff:10.0.0.0/104",
                        "192.0.2.1",
                        "192.0.2.1/32",
                        "10.0.0.0/8");

        assertThat(list.blocks())
                .containsExactly("2001:db8::1:0:0:1/128", "10.0.0.0/8", "192.0.2.1/32");
        assertThat(list).hasToString("IpAllowlist[3 blocks]");
    }

    @Test
    void equalListsAllowTheSameBlocksInAnyOrder() {
        assertThat(IpAllowlist.of("10.0.0.0/8", "::1"))
                .isEqualTo(IpAllowlist.of("::1/128", "::ffff:10.0.0.0/104"))
                .hasSameHashCodeAs(IpAllowlist.of("::1/128", "::ffff:10.0.0.0/104"));
        assertThat(IpAllowlist.of("10.0.0.0/8")).isNotEqualTo(IpAllowlist.of("10.0.0.0/9"));
        assertThat(IpAllowlist.of("0.0.0.0/0", "::/0")).isNotEqualTo(IpAllowlist.anywhere());
    }

    @Test
    void nowhereAllowsNoClientAndGrantsNothing() {
        IpAllowlist nowhere = IpAllowlist.nowhere();

        assertThat(nowhere.isAnywhere()).isFalse();
        for (String client : new String[] {"10.0.0.1", "::1", "100::", "::", "0.0.0.0", null}) {
            assertThat(nowhere.allows(client)).as(String.valueOf(client)).isFalse();
        }
        assertThat(nowhere.blocks()).isEmpty();
        assertThat(IpAllowlist.of("10.0.0.1").covers(nowhere)).isTrue();
        assertThat(nowhere.covers(IpAllowlist.of("10.0.0.1"))).isFalse();
        assertThat(nowhere.covers(IpAllowlist.anywhere())).isFalse();
    }

    @Test
    void anEmptyListIsRefusedAsAnywhereIsNoList() {
        assertThatThrownBy(() -> IpAllowlist.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one block");
    }

    @Test
    void fiftyBlocksAtMost() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < IpAllowlist.MAX_BLOCKS; i++) {
            blocks.add("10.0." + i + ".0/24");
        }
        assertThat(IpAllowlist.of(blocks).blocks()).hasSize(50);

        blocks.add("10.1.0.0/24");
        assertThatThrownBy(() -> IpAllowlist.of(blocks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50");
    }

    @Test
    void aBadBlockIsNamedByItsPositionNeverByItsText() {
        String pasted = "ll_" + "0123456789abcdef".repeat(4);

        assertThatThrownBy(() -> IpAllowlist.of("10.0.0.0/8", pasted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("block 2 ")
                .hasMessageNotContaining("0123456789");
        assertThatThrownBy(() -> IpAllowlist.of("10.1.2.3/8"))
                .hasMessage("block 1 has host bits set: the block is 10.0.0.0/8");
        assertThatThrownBy(() -> IpAllowlist.of(Arrays.asList("10.0.0.0/8", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("block 2 ");
    }

    @Test
    void coversOnlyWhatLiesWithinItsOwnBlocks() {
        IpAllowlist office = IpAllowlist.of("10.0.0.0/8", "2001:db8::/32");

        assertThat(IpAllowlist.anywhere().covers(office)).isTrue();
        assertThat(IpAllowlist.anywhere().covers(IpAllowlist.anywhere())).isTrue();
        assertThat(office.covers(IpAllowlist.anywhere())).isFalse();
        assertThat(office.covers(office)).isTrue();
        assertThat(office.covers(IpAllowlist.of("10.1.0.0/16", "2001:db8:1::1"))).isTrue();
        assertThat(office.covers(IpAllowlist.of("::ffff:10.1.0.0/112"))).isTrue();
        assertThat(office.covers(IpAllowlist.of("10.1.0.0/16", "11.0.0.1"))).isFalse();
        assertThat(office.covers(IpAllowlist.of("0.0.0.0/0"))).isFalse();
        assertThat(office.covers(IpAllowlist.of("::ffff:0:0/96"))).isFalse();
    }

    @Test
    void aBlockIsCoveredOnlyByOneBlockNotByTwoHalvesTogether() {
        IpAllowlist halves = IpAllowlist.of("10.0.0.0/9", "10.128.0.0/9");

        assertThat(halves.allows("10.200.0.1")).isTrue();
        assertThat(halves.covers(IpAllowlist.of("10.0.0.0/8")))
                .as("conservative: the whole /8 is in neither half")
                .isFalse();
    }
}
