package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.spi.StateStore;
import java.util.List;
import java.util.Optional;

/** The SageMaker documents in the durable state store, keyed by lower-cased name (names are case-insensitive). */
final class Store {

    static final String MODEL = "sagemaker.model";
    static final String CONFIG = "sagemaker.endpoint-config";
    static final String ENDPOINT = "sagemaker.endpoint";
    static final String TAGS = "sagemaker.tags";
    /** Accepted async requests not finished yet, so a restart loses none of them. */
    static final String ASYNC = "sagemaker.async-request";

    final StateStore state;
    final Names names;

    Store(StateStore state, Names names) {
        this.state = state;
        this.names = names;
    }

    Optional<ObjectNode> model(String name) {
        return state.get(MODEL, Names.id(name));
    }

    Optional<ObjectNode> config(String name) {
        return state.get(CONFIG, Names.id(name));
    }

    Optional<ObjectNode> endpoint(String name) {
        return state.get(ENDPOINT, Names.id(name));
    }

    ObjectNode requireModel(String name) {
        return model(name).orElseThrow(() -> new AwsException(400, "ResourceNotFound",
                "Could not find model \"" + names.arn("model", name) + "\"."));
    }

    ObjectNode requireConfig(String name) {
        return config(name).orElseThrow(() -> AwsException.validation(
                "Could not find endpoint configuration \"" + names.arn("endpoint-config", name) + "\"."));
    }

    ObjectNode requireEndpoint(String name) {
        return endpoint(name).orElseThrow(() -> AwsException.validation(
                "Could not find endpoint \"" + names.arn("endpoint", name) + "\"."));
    }

    void put(String kind, String name, ObjectNode document) {
        state.put(kind, Names.id(name), document);
    }

    boolean delete(String kind, String name) {
        return state.delete(kind, Names.id(name));
    }

    List<ObjectNode> list(String kind) {
        return state.list(kind);
    }
}
