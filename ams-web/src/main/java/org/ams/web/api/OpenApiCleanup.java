package org.ams.web.api;

import java.util.Deque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Makes the OpenAPI document the application server generates say what the API does
 * ({@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties}):
 * <ul>
 * <li>Payara copies every attribute of an {@code @Schema} annotation into the document, defaults included; a
 * {@code maxProperties: 0} beside the properties of a JSON object would tell a client generator that the object has
 * none. The defaults are removed.</li>
 * <li>Every refusal of the REST API and the agent API is an {@code ApiError} ({@code {code, message}}): one
 * component, referenced by every 4xx and 5xx answer, instead of a copy or nothing. (The auditors' verification call
 * is refused by the container's sign-in, which answers otherwise.)</li>
 * <li>A time or a day ({@code OffsetDateTime}, {@code LocalDate}, annotated with the format {@code date-time} or
 * {@code date}) is a string, not the object the server makes of the Java type.</li>
 * <li>The agent API's bodies, records of {@code org.ams.protocol.wire} in a library the server does not scan, are
 * described field by field ({@link RecordSchemas}).</li>
 * <li>Schemas the server found on classes no call uses (the validation constraints of a page's backing bean) are
 * not part of the API and are left out.</li>
 * </ul>
 */
public class OpenApiCleanup implements OASFilter {

    static final String ERROR_SCHEMA = "ApiError";
    private static final String REFERENCE_PREFIX = "#/components/schemas/";

    @Override
    public Schema filterSchema(Schema schema) {
        if (("date-time".equals(schema.getFormat()) || "date".equals(schema.getFormat()))
                && schema.getType() == Schema.SchemaType.OBJECT) {
            // The server keeps the Java type's "object" beside the annotation's format.
            schema.setType(Schema.SchemaType.STRING);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties()) && schema.getProperties() != null
                && !schema.getProperties().isEmpty()) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties()) && schema.getMinProperties() == null) {
            // The annotation's default, on an object whose properties the server did not list.
            schema.setMaxProperties(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        Components components = openApi.getComponents();
        components.addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Every refusal: a stable code a script can test, and a message a person can act on")
                .addProperty("code", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("e.g. NOT_FOUND, SCOPE_MISSING, UserRateLimitExceeded"))
                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .required(List.of("code", "message")));
        if (openApi.getPaths() != null && openApi.getPaths().getPathItems() != null) {
            openApi.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/api/v1/") || path.startsWith("/api/agent/")) {
                    item.getOperations().values().forEach(OpenApiCleanup::refusalsAreApiErrors);
                }
            });
        }
        describeRecords(openApi, "/api/agent/", org.ams.web.api.agent.AgentApiResource.class);
        dropUnusedSchemas(openApi);
    }

    /**
     * Describes the request and answer bodies the server left as objects with nothing inside, from the resource
     * method of the same operation id: its return type, and its {@code @RequestBody} schema or entity parameter,
     * when they are records.
     */
    @SuppressWarnings("unchecked")
    private static void describeRecords(OpenAPI openApi, String pathPrefix, Class<?> resource) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        RecordSchemas records = new RecordSchemas(openApi.getComponents());
        openApi.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(pathPrefix)) {
                return;
            }
            for (Operation operation : item.getOperations().values()) {
                java.lang.reflect.Method method = Arrays.stream(resource.getMethods())
                        .filter(candidate -> candidate.getName().equals(operation.getOperationId()))
                        .findFirst().orElse(null);
                if (method == null) {
                    continue;
                }
                Class<?> body = requestBody(method);
                if (body != null && body.isRecord() && operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null) {
                    Schema reference = records.referenceTo((Class<? extends Record>) body);
                    bareBodies(operation.getRequestBody().getContent().getMediaTypes())
                            .forEach(media -> media.setSchema(reference));
                    // An agent's call without its body is refused as malformed.
                    operation.getRequestBody().setRequired(true);
                }
                if (method.getReturnType().isRecord() && operation.getResponses() != null
                        && operation.getResponses().getAPIResponses() != null) {
                    Schema reference = records.referenceTo((Class<? extends Record>) method.getReturnType());
                    operation.getResponses().getAPIResponses().entrySet().stream()
                            .filter(answer -> answer.getKey().startsWith("2") && answer.getValue().getContent() != null)
                            .forEach(answer -> bareBodies(answer.getValue().getContent().getMediaTypes())
                                    .forEach(media -> media.setSchema(reference)));
                }
            }
        });
    }

    /** The type the method's {@code @RequestBody} names, or its entity parameter's. */
    private static Class<?> requestBody(java.lang.reflect.Method method) {
        var described = method.getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.RequestBody
                .class);
        if (described != null) {
            for (var content : described.content()) {
                if (content.schema().implementation() != Void.class) {
                    return content.schema().implementation();
                }
            }
        }
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            if (parameter.getAnnotations().length == 0) {
                return parameter.getType();
            }
        }
        return null;
    }

    private static List<MediaType> bareBodies(Map<String, MediaType> types) {
        if (types == null) {
            return List.of();
        }
        return types.values().stream().filter(media -> media.getSchema() != null
                && media.getSchema().getRef() == null
                && (media.getSchema().getProperties() == null || media.getSchema().getProperties().isEmpty()))
                .toList();
    }

    private static void refusalsAreApiErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                answer.getValue().setContent(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref(REFERENCE_PREFIX + ERROR_SCHEMA))));
            }
        }
    }

    /** Keeps the component schemas that a call refers to, directly or through another schema. */
    private static void dropUnusedSchemas(OpenAPI openApi) {
        Map<String, Schema> all = openApi.getComponents().getSchemas();
        if (all == null || openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        // A list, not an ArrayDeque: the model leaves absent schemas null.
        Deque<Schema> toVisit = new LinkedList<>();
        openApi.getPaths().getPathItems().values().forEach(item -> {
            if (item.getParameters() != null) {
                item.getParameters().stream().map(Parameter::getSchema).forEach(toVisit::add);
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().stream().map(Parameter::getSchema).forEach(toVisit::add);
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    media(operation.getRequestBody().getContent().getMediaTypes(), toVisit);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().stream()
                            .filter(answer -> answer.getContent() != null)
                            .forEach(answer -> media(answer.getContent().getMediaTypes(), toVisit));
                }
            });
        });
        Set<String> used = new HashSet<>();
        while (!toVisit.isEmpty()) {
            Schema schema = toVisit.pop();
            if (schema == null) {
                continue;
            }
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(REFERENCE_PREFIX)) {
                String name = ref.substring(REFERENCE_PREFIX.length());
                if (used.add(name) && all.containsKey(name)) {
                    toVisit.push(all.get(name));
                }
            }
            if (schema.getProperties() != null) {
                toVisit.addAll(schema.getProperties().values());
            }
            toVisit.add(schema.getItems());
            for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
                if (composed != null) {
                    toVisit.addAll(composed);
                }
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                toVisit.add(schema.getAdditionalPropertiesSchema());
            }
        }
        for (String name : Set.copyOf(all.keySet())) {
            if (!used.contains(name)) {
                openApi.getComponents().removeSchema(name);
            }
        }
    }

    private static void media(Map<String, MediaType> types, Deque<Schema> toVisit) {
        if (types != null) {
            types.values().stream().map(MediaType::getSchema).forEach(toVisit::add);
        }
    }
}
