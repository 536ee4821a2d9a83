package org.ams.web.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * OpenAPI schemas for the agent API's wire records ({@code org.ams.protocol.wire}), which live in a library the
 * server does not scan and would otherwise be described as objects with nothing inside. Each record becomes a
 * component named after it, its components properties, nested records references.
 */
final class RecordSchemas {

    private final Components components;

    RecordSchemas(Components components) {
        this.components = components;
    }

    /** A reference to the record's component, which is added (with the records it holds) when missing. */
    Schema referenceTo(Class<? extends Record> type) {
        String name = type.getSimpleName();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            // Added before its properties are worked out, so that a record that refers to itself ends.
            Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
            components.addSchema(name, schema);
            for (RecordComponent component : type.getRecordComponents()) {
                schema.addProperty(component.getName(), of(component.getGenericType()));
            }
        }
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    @SuppressWarnings("unchecked")
    private Schema of(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                    .items(of(parameterized.getActualTypeArguments()[0]));
        }
        if (!(type instanceof Class<?> plain)) {
            throw new IllegalArgumentException("No schema for " + type);
        }
        if (plain == String.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (plain == int.class || plain == Integer.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        }
        if (plain == long.class || plain == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        if (plain == OffsetDateTime.class || plain == Instant.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        }
        if (plain.isEnum()) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).enumeration(
                    Arrays.stream(plain.getEnumConstants()).map(constant -> (Object) ((Enum<?>) constant).name())
                            .toList());
        }
        if (plain.isRecord()) {
            return referenceTo((Class<? extends Record>) plain);
        }
        throw new IllegalArgumentException("No schema for " + plain.getName());
    }
}
