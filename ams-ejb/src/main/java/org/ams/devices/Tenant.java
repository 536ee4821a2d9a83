package org.ams.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The top of the hierarchy: an organisation whose devices, groups and rules belong together. */
@Entity
@Table(name = "tenant")
@NamedQuery(name = Tenant.ALL, query = "SELECT t FROM Tenant t ORDER BY t.builtIn DESC, t.name")
public class Tenant {

    static final String ALL = "Tenant.all";

    /** The built-in tenant every installation starts with. */
    public static final UUID DEFAULT = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final int MAX_NAME = 128;

    @Id
    private UUID id;

    @Column(nullable = false, length = 128)
    private String name;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected Tenant() {
    }

    Tenant(String name) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }
}
