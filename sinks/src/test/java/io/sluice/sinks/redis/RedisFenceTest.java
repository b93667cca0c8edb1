package io.sluice.sinks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisFenceTest {

    @Test
    void picksTheOwnersConnectionsOfOtherGenerationsOnly() {
        RedisFence fence = new RedisFence("redis-test", "job1-0-cache sink");
        String current = fence.clientName();
        assertThat(current).startsWith("sluice-job1-0-cache_sink-g").doesNotContain(" ");
        fence.renew();
        String next = fence.clientName();
        assertThat(next).isNotEqualTo(current);
        String list = String.join("\n",
                "id=3 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=8 name=" + current + " age=9 idle=0 cmd=hset",
                "id=4 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=9 name=" + next + " age=0 idle=0 cmd=client|list",
                "id=5 addr=127.0.0.1:50003 laddr=127.0.0.1:6379 fd=10 name= age=3 idle=3 cmd=get",
                "id=6 addr=127.0.0.1:50004 laddr=127.0.0.1:6379 fd=11 name=sluice-job1-1-cache_sink-gabcdef01 age=3",
                "id=7 addr=127.0.0.1:50006 laddr=127.0.0.1:6379 fd=13 name=sluice-job1-0-cache_sink-gx-g01234567 age=3",
                "id=17 addr=127.0.0.1:50005 laddr=127.0.0.1:6379 fd=12 name=sluice-job1-0-cache_sink-g0badf00d age=30",
                "");
        assertThat(fence.staleClients(list)).containsExactly(3L, 17L);
    }
}
