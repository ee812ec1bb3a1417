package dev.workbench.local.runtime;

import dev.workbench.local.model.LocalModel;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The in-process models on the class path, by name (ServiceLoader). */
public final class LocalModels {

    private final Map<String, LocalModel> byName;

    private LocalModels(Map<String, LocalModel> byName) {
        this.byName = byName;
    }

    public static LocalModels discover(ClassLoader loader) {
        var found = new TreeMap<String, LocalModel>();
        for (LocalModel model : ServiceLoader.load(LocalModel.class, loader)) {
            found.putIfAbsent(model.name(), model);
        }
        return new LocalModels(Map.copyOf(found));
    }

    public Optional<LocalModel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Names in sorted order, for messages. */
    public String names() {
        return String.join(", ", new TreeMap<>(byName).keySet());
    }
}
