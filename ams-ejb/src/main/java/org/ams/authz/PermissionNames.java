package org.ams.authz;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores an ACL entry's permissions as their names separated by commas, so adding a permission needs no migration
 * and reordering the enum changes nothing stored.
 */
@Converter
public class PermissionNames implements AttributeConverter<Set<Permission>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Permission> permissions) {
        return permissions.stream().map(Permission::name).sorted().collect(Collectors.joining(","));
    }

    /**
     * A name this version does not know (written by a newer AMS, or a permission since retired) is skipped: an entry
     * can then grant or deny only what this version knows, never something else.
     */
    @Override
    public Set<Permission> convertToEntityAttribute(String names) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (names != null) {
            for (String name : names.split(",")) {
                for (Permission permission : Permission.values()) {
                    if (permission.name().equals(name.strip())) {
                        permissions.add(permission);
                    }
                }
            }
        }
        return Collections.unmodifiableSet(permissions);
    }
}
