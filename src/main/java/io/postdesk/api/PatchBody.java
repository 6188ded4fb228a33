package io.postdesk.api;

import io.postdesk.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JSON merge-patch body read field by field, so that an absent field ("leave it") differs from an explicit null
 * ("clear it"), and a wrong type names its field.
 */
final class PatchBody {

    private final Map<String, @Nullable Object> fields;

    PatchBody(@Nullable Map<String, @Nullable Object> fields, Set<String> allowed) {
        this.fields = fields == null ? Map.of() : fields;
        for (String name : this.fields.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInputException(name, "cannot be changed here");
            }
        }
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    @Nullable
    String string(String field) {
        Object value = fields.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidInputException(field, "must be a string");
    }

    @Nullable
    Long number(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new InvalidInputException(field, "must be an integer");
    }

    @Nullable
    Boolean bool(String field) {
        Object value = fields.get(field);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new InvalidInputException(field, "must be true or false");
    }

    @Nullable
    List<String> strings(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new InvalidInputException(field, "must be a list of strings");
    }
}
