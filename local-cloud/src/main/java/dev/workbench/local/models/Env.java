package dev.workbench.local.models;

import dev.workbench.local.model.ModelFailure;
import java.util.Map;

/** Reads the container environment; a bad value fails the model load with a message naming the variable. */
final class Env {

    private Env() {
    }

    static String string(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static long nonNegativeLong(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFailure(400, name + " must be a whole number >= 0, got '" + value + "'");
    }
}
