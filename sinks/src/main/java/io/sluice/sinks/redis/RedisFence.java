package io.sluice.sinks.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Makes sure that a writer's earlier connections can no longer change Redis before it sends a
 * batch again. A pipeline that timed out may still sit in the network (a half-open connection, a
 * route that comes back); if it reached Redis after its retry and after newer writes, it would
 * put old values back. So every connection of a writer carries a client name made of the
 * writer's owner (job, sink, subtask) and a generation; before a retry the writer opens a new
 * generation and, on every node, kills the connections of the older ones ({@code CLIENT KILL ID}).
 * Once Redis has closed a connection, bytes that arrive on it late are refused, not executed.
 * The writer also fences when it opens, against the connections of an attempt before a restart.
 *
 * <p>It needs the {@code CLIENT LIST} and {@code CLIENT KILL} commands; an ACL user without them
 * gets one warning and the writer goes on unfenced.
 */
final class RedisFence {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFence.class);
    private static final int GENERATION_LENGTH = 8;

    private final String sinkName;
    private final String owner;
    private String generation;
    private boolean warned;

    /**
     * @param owner what the writer's connections of every attempt have in common; only letters,
     *     digits and {@code -_.:} are kept
     */
    RedisFence(String sinkName, String owner) {
        this.sinkName = sinkName;
        this.owner = "sluice-" + owner.replaceAll("[^A-Za-z0-9_.:-]", "_") + "-g";
        renew();
    }

    /** The client name for the connections of the current generation. */
    String clientName() {
        return generation;
    }

    /** Starts a new generation: connections opened from now on carry a new name. */
    void renew() {
        generation = owner + UUID.randomUUID().toString().substring(0, GENERATION_LENGTH);
    }

    /**
     * Kills, on each node, every connection of this writer's owner but of another generation.
     *
     * @return how many connections Redis closed
     * @throws redis.clients.jedis.exceptions.JedisException when a node cannot be reached (retriable)
     */
    int fence(DefaultJedisClientConfig.Builder config, Collection<HostAndPort> nodes) {
        int killed = 0;
        for (HostAndPort node : nodes) {
            try (Jedis jedis = new Jedis(node, config.clientName(generation).build())) {
                for (long id : staleClients(jedis.clientList())) {
                    killed += (int) jedis.clientKill(ClientKillParams.clientKillParams().id(Long.toString(id)));
                }
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOPERM")) {
                    throw e;
                }
                if (!warned) {
                    warned = true;
                    LOG.warn("{}: the Redis user may not run CLIENT LIST or CLIENT KILL ({}), so a batch that a "
                            + "broken connection delivers late could land after its retry and put older values "
                            + "back; grant the user +client|list and +client|kill", sinkName, e.getMessage());
                }
                return killed;
            }
        }
        if (killed > 0) {
            LOG.info("{}: closed {} earlier connection(s) of this writer before sending again", sinkName, killed);
        }
        return killed;
    }

    /** The ids of the connections in a CLIENT LIST reply that are this owner's but not this generation's. */
    List<Long> staleClients(String clientList) {
        List<Long> ids = new ArrayList<>();
        for (String line : clientList.split("\n")) {
            String id = null;
            String name = null;
            for (String field : line.trim().split(" ")) {
                if (field.startsWith("id=")) {
                    id = field.substring(3);
                } else if (field.startsWith("name=")) {
                    name = field.substring(5);
                }
            }
            // the length check keeps sink "a" from matching sink "a-gx": owner and generation, nothing more
            if (id != null && name != null && name.startsWith(owner)
                    && name.length() == owner.length() + GENERATION_LENGTH && !name.equals(generation)) {
                ids.add(Long.parseLong(id));
            }
        }
        return ids;
    }
}
