package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.ManagedDevice;
import org.ams.web.api.v1.ApiDtos.ManagedDevicePage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
