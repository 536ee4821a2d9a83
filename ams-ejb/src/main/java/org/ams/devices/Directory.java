package org.ams.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Where a tenant's devices come from; the built-in AMS directory holds those that registered through the agent. */
@Entity
@Table(name = "directory")
@NamedQuery(name = Directory.AMS_OF_TENANT, query = "SELECT d FROM Directory d WHERE d.tenant.id = :tenantId AND d.kind = 'AMS'")
public class Directory {

    static final String AMS_OF_TENANT = "Directory.amsOfTenant";

    /** The built-in AMS directory of the default tenant. */
    public static final UUID AMS = UUID.fromString("00000000-0000-4000-8000-000000000002");
    /** The kind of a directory whose devices were imported from Active Directory. */
    public static final String IMPORTED_KIND = "AD";

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @Column(nullable = false, length = 128)
    private String name;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected Directory() {
    }

    /** The AMS directory a new tenant starts with: where its agent-registered devices live. */
    static Directory amsDirectoryOf(Tenant tenant) {
        Directory directory = new Directory();
        directory.id = UUID.randomUUID();
        directory.tenant = tenant;
        directory.name = "AMS";
        directory.kind = "AMS";
        directory.builtIn = true;
        directory.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return directory;
    }

    /** Where a tenant's computers imported from a directory source (Active Directory) go, named after the source. */
    static Directory importedFrom(Tenant tenant, String name) {
        Directory directory = new Directory();
        directory.id = UUID.randomUUID();
        directory.tenant = tenant;
        directory.name = name;
        directory.kind = IMPORTED_KIND;
        directory.builtIn = false;
        directory.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return directory;
    }

    public UUID getId() {
        return id;
    }

    public Tenant getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }
}
