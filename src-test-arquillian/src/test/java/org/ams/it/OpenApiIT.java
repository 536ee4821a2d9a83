package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document AMS serves at {@code /openapi} is the API's contract for script and agent authors, so it must
 * be a valid OpenAPI document (checked by a real parser and validator, not by string matching) and it must describe
 * every call the WAR answers under {@code /api}: the calls are read from the resources' JAX-RS annotations in the
 * built WAR ({@link ApiResources}), so a new call without its description, or a description of a call that is gone,
 * fails here. The REST API for scripts ({@code /api/v1}) must also name its bearer token, its 401 and 403 answers,
 * and the one error shape every refusal has.
 */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunAsClient
class OpenApiIT {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final String ERROR_SCHEMA = "ApiError";

    @ArquillianResource
    private URL base;

    private String served;
    private OpenAPI document;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    /** The document as served; read by the first test (the server's address is known only once a test runs). */
    private String served() throws Exception {
        if (served != null) {
            return served;
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "the document is open to anyone");
        served = answer.body();
        // Kept for the reader of a failure.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.yaml"), served);
        return served;
    }

    @Test
    @DisplayName("The served document is valid OpenAPI, with every reference resolvable")
    void documentIsValidOpenApi() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(served(), null, options);

        // Payara 6 adds a top-level "endpoints" list of its own (FISH-12303: later releases name it x-endpoints, as
        // the specification asks of extensions); that one finding is the server's, not AMS's.
        assertEquals(List.of(), Optional.ofNullable(result.getMessages()).orElse(List.of()).stream()
                .filter(finding -> !finding.equals("attribute endpoints is unexpected")).toList(),
                "the validator's findings");
        assertNotNull(result.getOpenAPI(), "the document parses");
        assertTrue(result.getOpenAPI().getOpenapi().startsWith("3."), result.getOpenAPI().getOpenapi());
        document = result.getOpenAPI();
        for (String reference : references(served())) {
            assertTrue(document.getComponents() != null && document.getComponents().getSchemas() != null
                    && document.getComponents().getSchemas().containsKey(reference),
                    "the schema " + reference + " that the document refers to is in its components");
        }
    }

    @Test
    @DisplayName("Every call the WAR answers under /api is described, and nothing else is")
    void everyCallIsDescribed() throws Exception {
        OpenAPI openApi = parsed();
        List<ApiResources.Call> calls = ApiResources.in(Deployments.war());
        assertTrue(calls.stream().anyMatch(call -> call.path().startsWith("/api/v1/")), "the REST API is found");
        assertTrue(calls.stream().anyMatch(call -> call.path().startsWith("/api/agent/v1/")),
                "the agent API is found");

        List<String> problems = new ArrayList<>();
        for (ApiResources.Call call : calls) {
            PathItem item = openApi.getPaths().get(call.path());
            Operation operation = item == null ? null
                    : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(call.method()));
            if (operation == null) {
                problems.add(call + " (" + call.javaMethod() + ") is not described");
                continue;
            }
            problems.addAll(describedCompletely(call, item, operation));
        }
        Set<String> answered = calls.stream().map(ApiResources.Call::toString).collect(Collectors.toSet());
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().stream()
                .map(method -> method.name() + " " + path)
                .filter(described -> !answered.contains(described))
                .forEach(described -> problems.add(described + " is described but nothing answers it")));

        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("The REST API for scripts names its bearer token, its refusals and their one shape")
    void restApiDescribesItsTokenAndRefusals() throws Exception {
        OpenAPI openApi = parsed();
        assertNotNull(openApi.getComponents().getSecuritySchemes().get("apiToken"), "the token's scheme");
        assertEquals("bearer", openApi.getComponents().getSecuritySchemes().get("apiToken").getScheme());
        assertNotNull(openApi.getComponents().getSchemas().get(ERROR_SCHEMA), "the error shape");

        List<String> problems = new ArrayList<>();
        List<ApiResources.Call> rest = ApiResources.in(Deployments.war()).stream()
                .filter(call -> call.path().startsWith("/api/v1/")).toList();
        assertFalse(rest.isEmpty());
        for (ApiResources.Call call : rest) {
            Operation operation = openApi.getPaths().get(call.path()).readOperationsMap()
                    .get(PathItem.HttpMethod.valueOf(call.method()));
            List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity()
                    : openApi.getSecurity();
            if (security == null || security.stream().noneMatch(requirement -> requirement.containsKey("apiToken"))) {
                problems.add(call + " does not name the API token");
            }
            for (String code : List.of("401", "403")) {
                if (operation.getResponses() == null || !operation.getResponses().containsKey(code)) {
                    problems.add(call + " does not describe its " + code);
                }
            }
            List<Schema> shapes = new ArrayList<>();
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> shapes.add(media.getSchema()));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().values().stream().filter(response -> response.getContent() != null)
                        .forEach(response -> response.getContent().values()
                                .forEach(media -> shapes.add(media.getSchema())));
            }
            for (Schema shape : shapes) {
                bareObjects(openApi, shape, call.toString(), new java.util.HashSet<>(), problems);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        if (!answersWithError(response)) {
                            problems.add(call + " " + code + " is not described as an " + ERROR_SCHEMA);
                        }
                    }
                });
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("The agent API describes what an agent sends and is answered, field by field")
    void agentApiDescribesItsBodies() throws Exception {
        OpenAPI openApi = parsed();
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (ApiResources.Call call : ApiResources.in(Deployments.war())) {
            if (!call.path().startsWith("/api/agent/")) {
                continue;
            }
            Operation operation = openApi.getPaths().get(call.path()).readOperationsMap()
                    .get(PathItem.HttpMethod.valueOf(call.method()));
            List<Schema> shapes = new ArrayList<>();
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                problems.add(call + " does not describe its body");
            } else {
                operation.getRequestBody().getContent().values().forEach(media -> shapes.add(media.getSchema()));
            }
            operation.getResponses().entrySet().stream().filter(answer -> answer.getKey().startsWith("2"))
                    .filter(answer -> answer.getValue().getContent() != null)
                    .forEach(answer -> answer.getValue().getContent().values()
                            .forEach(media -> shapes.add(media.getSchema())));
            for (Schema shape : shapes) {
                if (shape != null && shape.get$ref() != null) {
                    named.add(shape.get$ref().substring(shape.get$ref().lastIndexOf('/') + 1));
                }
                bareObjects(openApi, shape, call.toString(), new java.util.HashSet<>(), problems);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(named.containsAll(List.of("RegistrationRequest", "RegistrationResponse", "CheckInRequest",
                "CheckInResponse", "KeyUploadRequest", "KeyUploadResponse")), named.toString());
        Schema volume = openApi.getComponents().getSchemas().get("VolumeKeys");
        assertNotNull(volume, "the records a body holds are described too");
        assertEquals("array", ((Schema) volume.getProperties().get("protectors")).getType());
    }

    /** What a reader needs of one call: a summary, its answers, and each parameter its path names. */
    private static List<String> describedCompletely(ApiResources.Call call, PathItem item, Operation operation) {
        List<String> problems = new ArrayList<>();
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            problems.add(call + " has no summary");
        }
        if (operation.getResponses() == null || operation.getResponses().keySet().stream()
                .noneMatch(code -> code.startsWith("2"))) {
            problems.add(call + " describes no successful answer");
        }
        List<Parameter> parameters = new ArrayList<>();
        Optional.ofNullable(item.getParameters()).ifPresent(parameters::addAll);
        Optional.ofNullable(operation.getParameters()).ifPresent(parameters::addAll);
        Set<String> inPath = parameters.stream().filter(parameter -> "path".equals(parameter.getIn()))
                .map(Parameter::getName).collect(Collectors.toSet());
        Matcher template = TEMPLATE_PARAMETER.matcher(call.path());
        while (template.find()) {
            if (!inPath.contains(template.group(1))) {
                problems.add(call + " does not describe its path parameter " + template.group(1));
            }
        }
        for (String query : call.queryParameters()) {
            if (parameters.stream().noneMatch(parameter -> "query".equals(parameter.getIn())
                    && query.equals(parameter.getName()))) {
                problems.add(call + " does not describe its query parameter " + query);
            }
        }
        return problems;
    }

    /**
     * Finds the properties described as an object with nothing inside: what the server makes of a Java type it does
     * not know (a time without its {@code date-time} format, a map), which tells a script nothing.
     */
    private static void bareObjects(OpenAPI openApi, Schema schema, String where, Set<String> seen,
                                    List<String> problems) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                bareObjects(openApi, openApi.getComponents().getSchemas().get(name), where + " > " + name, seen,
                        problems);
            }
            return;
        }
        if ("object".equals(schema.getType()) && schema.getProperties() == null
                && schema.getAdditionalProperties() == null) {
            problems.add(where + " is described as an object with nothing inside");
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> bareObjects(openApi, (Schema) property,
                    where + "." + name, seen, problems));
        }
        bareObjects(openApi, schema.getItems(), where + "[]", seen, problems);
    }

    private static boolean answersWithError(ApiResponse response) {
        return response.getContent() != null && response.getContent().values().stream()
                .anyMatch(media -> media.getSchema() != null && media.getSchema().get$ref() != null
                        && media.getSchema().get$ref().endsWith("/" + ERROR_SCHEMA));
    }

    private OpenAPI parsed() throws Exception {
        if (document == null) {
            document = new OpenAPIParser().readContents(served(), null, new ParseOptions()).getOpenAPI();
        }
        assertNotNull(document, "the document parses");
        return document;
    }

    /** The schema names the document refers to with {@code $ref}. */
    private static Set<String> references(String yaml) {
        Matcher reference = Pattern.compile("\\$ref: ['\"]?#/components/schemas/([A-Za-z0-9_.-]+)").matcher(yaml);
        Set<String> names = new TreeSet<>();
        while (reference.find()) {
            names.add(reference.group(1));
        }
        return names;
    }
}
