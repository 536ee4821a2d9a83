package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceListFilter;
import org.ams.devices.DeviceNotFoundException;
import org.ams.devices.DeviceState;
import org.ams.devices.DeviceStateException;
import org.ams.devices.Tenant;
import org.ams.keyimport.FileImportResult;
import org.ams.keyimport.FileKeyImport;
import org.ams.keyimport.KeyImportException;
import org.ams.keyimport.RecoveryKeyFile;
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.KeyFileBadRow;
import org.ams.web.api.v1.ApiDtos.KeyFileImport;
import org.ams.web.api.v1.ApiDtos.ManagedDevice;
import org.ams.web.api.v1.ApiDtos.ManagedDevicePage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Device administration for scripts: the Devices page's list and its decisions (approve, reject, disable, enable,
 * delete), made by the same {@link DeviceDirectory} calls, so they are audited the same way (the record names the
 * token) and refused the same way. The token needs {@link ApiScope#ADMINISTER_DEVICES}; the owner's Administrator role
 * is the directory's to enforce ({@code @RolesAllowed}), before it looks a device up, so a refused owner learns nothing
 * about which devices exist.
 */
@Path("v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices", description = "Device administration: list, approve, reject, disable, enable, delete "
        + "(API token, scope ADMINISTER_DEVICES, owner with the Administrator role)")
@SecurityRequirement(name = "apiToken")
@APIResponse(responseCode = "401", description = "No API token, or an unknown, revoked or expired one",
        content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
@APIResponse(responseCode = "403", description = "SCOPE_MISSING: the token lacks ADMINISTER_DEVICES; FORBIDDEN: its "
        + "owner lacks the Administrator role", content = @Content(schema = @Schema(
        implementation = org.ams.protocol.wire.ApiError.class)))
public class DevicesResource {

    private static final String NOT_FOUND_MESSAGE = "There is no device with this id.";

    @EJB
    private DeviceDirectory directory;

    @EJB
    private FileKeyImport fileImport;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "The registered devices by name, as the Devices page lists them: those in one state, or "
            + "every device that is not deleted; optionally those whose name contains a text")
    @APIResponse(responseCode = "200", description = "One page of devices",
            content = @Content(schema = @Schema(implementation = ManagedDevicePage.class)))
    @APIResponse(responseCode = "400", description = "An unknown state, too long a name or a bad page",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    public ManagedDevicePage list(@QueryParam("state") @Parameter(description = "PENDING, APPROVED, REJECTED, DISABLED, "
                                          + "DELETED or IMPORTED; default: every state but DELETED") String state,
                                  @QueryParam("name") @Parameter(description = "part of the name, in any case")
                                  String name,
                                  @QueryParam("offset") @Parameter(description = "first item, default 0")
                                  Integer offset,
                                  @QueryParam("limit") @Parameter(description = "items per page, 1 to 100, default "
                                          + "50") Integer limit) {
        TokenScopes.require(request, ApiScope.ADMINISTER_DEVICES);
        ApiInput.Page requested = ApiInput.page(offset, limit);
        if (name != null && name.length() > Device.MAX_NAME) {
            throw new ApiProblem(400, "INVALID_REQUEST", "A device name has at most " + Device.MAX_NAME
                    + " characters.");
        }
        DeviceListFilter filter = DeviceListFilter.inState(state(state), name);
        List<Device> page = call(() -> directory.list(filter, requested.first(), requested.max()));
        long total = call(() -> directory.count(filter));
        Map<UUID, List<String>> groups = call(() -> directory.groupNames(page.stream().map(Device::getId).toList()));
        return new ManagedDevicePage(page.stream().map(device -> managed(device, groups)).toList(), requested.first(),
                requested.max(), total);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One device, deleted ones included")
    @APIResponse(responseCode = "200", description = "The device",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    public ManagedDevice device(@PathParam("id") String id) {
        TokenScopes.require(request, ApiScope.ADMINISTER_DEVICES);
        UUID deviceId = ApiInput.id(id, NOT_FOUND_MESSAGE);
        return withGroups(call(() -> directory.get(deviceId)));
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a pending or rejected device: it may escrow recovery passwords (audited as "
            + "device.approved)")
    @APIResponse(responseCode = "200", description = "The device, now APPROVED",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    @APIResponse(responseCode = "409", description = "INVALID_STATE_CHANGE: the device's state does not allow it; "
            + "nothing changed", content = @Content(schema = @Schema(
            implementation = org.ams.protocol.wire.ApiError.class)))
    public ManagedDevice approve(@PathParam("id") String id) {
        return decide(id, directory::approve);
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject a pending device: its agent is refused (audited as device.rejected)")
    @APIResponse(responseCode = "200", description = "The device, now REJECTED",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id")
    @APIResponse(responseCode = "409", description = "INVALID_STATE_CHANGE: only a pending device can be rejected; "
            + "nothing changed")
    public ManagedDevice reject(@PathParam("id") String id) {
        return decide(id, directory::reject);
    }

    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable an approved or pending device: its agent is refused until it is enabled again "
            + "(audited as device.disabled)")
    @APIResponse(responseCode = "200", description = "The device, now DISABLED",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id")
    @APIResponse(responseCode = "409", description = "INVALID_STATE_CHANGE: the device's state does not allow it; "
            + "nothing changed")
    public ManagedDevice disable(@PathParam("id") String id) {
        return decide(id, directory::disable);
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a disabled device: it is approved again (audited as device.enabled)")
    @APIResponse(responseCode = "200", description = "The device, now APPROVED",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id")
    @APIResponse(responseCode = "409", description = "INVALID_STATE_CHANGE: only a disabled device can be enabled; "
            + "nothing changed")
    public ManagedDevice enable(@PathParam("id") String id) {
        return decide(id, directory::enable);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a device: it leaves its groups and its agent is refused; its escrowed recovery "
            + "passwords are kept until an administrator purges them on the Devices page (audited as device.deleted)")
    @APIResponse(responseCode = "200", description = "The device, now DELETED",
            content = @Content(schema = @Schema(implementation = ManagedDevice.class)))
    @APIResponse(responseCode = "404", description = "No device with this id")
    @APIResponse(responseCode = "409", description = "INVALID_STATE_CHANGE: the device is already deleted")
    public ManagedDevice delete(@PathParam("id") String id) {
        return decide(id, directory::delete);
    }

    @POST
    @Path("key-import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import recovery passwords from a CSV file, as the Devices page's Import does: mode=preview "
            + "(the default) says what the import would do and stores nothing; mode=import stores every row in one "
            + "transaction, or nothing when a row is bad (stored false, audited as bitlocker-import.file-refused); "
            + "mode=valid-rows stores the valid rows and leaves the bad ones out (audited as "
            + "bitlocker-import.file-imported). The body is the file: UTF-8, at most 5 MiB and 10,000 rows, the "
            + "first line the header (see the README)")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "The counts and the bad rows",
            content = @Content(schema = @Schema(implementation = KeyFileImport.class)))
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST: the file cannot be read as a whole (empty, too "
            + "large, not UTF-8, no header, too many rows), an unknown mode or tenant; nothing was stored",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    public KeyFileImport importKeys(@QueryParam("tenant") @Parameter(description = "the tenant's id or name; "
                                            + "default: the built-in tenant") String tenant,
                                    @QueryParam("fileName") @Parameter(description = "the file's name, for the "
                                            + "keys' origin and the audit trail") String fileName,
                                    @QueryParam("mode") @Parameter(description = "preview (default), import or "
                                            + "valid-rows") String mode,
                                    InputStream body) {
        TokenScopes.require(request, ApiScope.ADMINISTER_DEVICES);
        String chosen = mode == null || mode.isBlank() ? "preview" : mode.strip().toLowerCase(Locale.ROOT);
        if (!List.of("preview", "import", "valid-rows").contains(chosen)) {
            throw new ApiProblem(400, "INVALID_REQUEST", "mode is preview, import or valid-rows.");
        }
        byte[] file;
        try {
            file = body.readNBytes(RecoveryKeyFile.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", "The file could not be read.");
        }
        try {
            UUID tenantId = call(() -> tenantId(tenant));
            String name = fileName == null || fileName.isBlank() ? "(sent through the API)" : fileName;
            FileImportResult result = call(() -> chosen.equals("preview") ? fileImport.preview(tenantId, name, file)
                    : fileImport.importFile(tenantId, name, file, chosen.equals("valid-rows")));
            return new KeyFileImport(result.fileName(), result.tenantName(), result.rows(), result.newKeys(),
                    result.unchanged(), result.computersToCreate(), result.badRows().stream()
                    .map(row -> new KeyFileBadRow(row.line(), row.reason())).toList(), result.stored());
        } catch (KeyImportException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", e.getMessage() + " Nothing was stored.");
        } finally {
            Arrays.fill(file, (byte) 0);
        }
    }

    private UUID tenantId(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return Tenant.DEFAULT;
        }
        return directory.tenants().stream().filter(t -> t.getId().toString().equalsIgnoreCase(tenant.strip())
                        || t.getName().equalsIgnoreCase(tenant.strip())).map(Tenant::getId).findFirst()
                .orElseThrow(() -> new ApiProblem(400, "INVALID_REQUEST", "There is no tenant with this id or name."));
    }

    private ManagedDevice decide(String id, Function<UUID, Device> decision) {
        TokenScopes.require(request, ApiScope.ADMINISTER_DEVICES);
        UUID deviceId = ApiInput.id(id, NOT_FOUND_MESSAGE);
        return withGroups(call(() -> decision.apply(deviceId)));
    }

    private ManagedDevice withGroups(Device device) {
        return managed(device, call(() -> directory.groupNames(List.of(device.getId()))));
    }

    private static DeviceState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return DeviceState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", "state is one of " + Arrays.toString(DeviceState.values())
                    + ".");
        }
    }

    /** Runs one directory call, turning its refusals into the API's answers; a refused call has changed nothing. */
    private static <T> T call(Supplier<T> service) {
        try {
            return service.get();
        } catch (DeviceNotFoundException e) {
            throw new ApiProblem(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
        } catch (DeviceStateException e) {
            throw new ApiProblem(409, "INVALID_STATE_CHANGE", e.getMessage() + " Nothing was changed.");
        } catch (DeviceException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", e.getMessage());
        } catch (EJBAccessException e) {
            throw new ApiProblem(403, "FORBIDDEN", "The token's owner does not hold the Administrator role, which "
                    + "these calls need.");
        }
    }

    private static ManagedDevice managed(Device device, Map<UUID, List<String>> groups) {
        return new ManagedDevice(device.getId().toString(), device.getName(), device.getDnsName(),
                device.getState().name(), device.getDirectory().getTenant().getName(),
                device.getDirectory().getName(), groups.getOrDefault(device.getId(), List.of()), device.getOsName(),
                device.getOsVersion(), device.getAgentVersion(), device.getRegisteredAt(), device.getLastCheckInAt());
    }
}
