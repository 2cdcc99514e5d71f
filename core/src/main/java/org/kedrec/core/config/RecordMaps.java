package org.kedrec.core.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as an ordered map, keyed and ordered as the record declares its components: a config file, a report row
 * or a Cypher parameter written this way cannot drift from its record when a component is added or renamed, as a
 * hand-written list of {@code put}s can. A caller that stores one value differently (an enum in lower case, a
 * rounded figure, a nested record) replaces that entry afterwards; {@link LinkedHashMap#put} keeps its place.
 */
public final class RecordMaps {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Method[] accessors = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor)
                    .toArray(Method[]::new);
            // A record nested privately in another class has public accessors on a class that is not.
            for (Method accessor : accessors) {
                accessor.setAccessible(true);
            }
            return accessors;
        }
    };

    private RecordMaps() {}

    /** The components' names in declaration order: the strict key list of a config read back from such a map. */
    public static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** Every component by name, in declaration order (null values kept), in a map the caller may change. */
    public static Map<String, Object> toMap(Record record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Method accessor : ACCESSORS.get(record.getClass())) {
            try {
                out.put(accessor.getName(), accessor.invoke(record));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + record.getClass().getName() + "." + accessor.getName(),
                        e);
            }
        }
        return out;
    }
}
