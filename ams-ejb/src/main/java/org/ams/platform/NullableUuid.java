package org.ams.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * For a UUID column that may be NULL: EclipseLink's own UUID conversion fails on reading a NULL ("jdbcValue is
 * null"), so such a column names this converter, which passes the value through and lets NULL be NULL. Both
 * databases' drivers read and bind {@link UUID} themselves.
 */
@Converter
public class NullableUuid implements AttributeConverter<UUID, UUID> {

    @Override
    public UUID convertToDatabaseColumn(UUID attribute) {
        return attribute;
    }

    @Override
    public UUID convertToEntityAttribute(UUID column) {
        return column;
    }
}
