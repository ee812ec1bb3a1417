package dev.workbench.local.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Durable documents of the control planes (models, endpoint configs, endpoints, tags, scaling targets,
 * policies, alarms), kept in the data directory so a restart loses nothing. Writes are durable on return.
 */
public interface StateStore {

    void put(String kind, String id, ObjectNode document);

    Optional<ObjectNode> get(String kind, String id);

    /** Every document of a kind, in the order they were first put. */
    List<ObjectNode> list(String kind);

    /** True when something was deleted. */
    boolean delete(String kind, String id);
}
