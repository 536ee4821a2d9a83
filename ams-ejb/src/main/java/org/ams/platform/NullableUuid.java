package org.ams.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * For a UUID column that may be NULL: EclipseLink's own UUID conversion fails on reading a NULL ("jdbcValue is
 * null"), so such a column names this converter, which lets NULL be NULL. The value goes to the driver as a
 * {@link UUID} object (declared {@code Object}: a converter to {@code UUID} makes EclipseLink bind a string, which
 * PostgreSQL refuses for a uuid column); both databases' drivers bind and read {@link UUID} themselves.
 */
@Converter
public class NullableUuid implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID attribute) {
        return attribute;
    }

    @Override
    public UUID convertToEntityAttribute(Object column) {
        return column == null || column instanceof UUID ? (UUID) column : UUID.fromString(column.toString());
    }
}
