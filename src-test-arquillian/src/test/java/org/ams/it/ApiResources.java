package org.ams.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The calls a built WAR answers, read from its JAX-RS annotations: the application path, each resource class's
 * {@code @Path} and each resource method's HTTP method, {@code @Path} and {@code @QueryParam}s. The WAR's classes are
 * loaded (not initialised) by a class loader of their own, over this JVM's Jakarta EE API.
 */
final class ApiResources {

    /** One call: {@code method} as OpenAPI names it, {@code path} with template parameters as {@code {name}}. */
    record Call(String method, String path, List<String> queryParameters, String javaMethod) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private ApiResources() {
    }

    static List<Call> in(Path war) throws IOException, ClassNotFoundException {
        Path unpacked = Files.createTempDirectory("ams-war-classes");
        try {
            List<String> classNames = unpack(war, unpacked);
            List<URL> classPath = new ArrayList<>();
            classPath.add(unpacked.resolve("WEB-INF/classes").toUri().toURL());
            try (Stream<Path> libraries = Files.list(unpacked.resolve("WEB-INF/lib"))) {
                for (Path library : libraries.toList()) {
                    classPath.add(library.toUri().toURL());
                }
            }
            try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new),
                    ApiResources.class.getClassLoader())) {
                List<Class<?>> classes = new ArrayList<>();
                for (String name : classNames) {
                    classes.add(Class.forName(name, false, loader));
                }
                return calls(classes);
            }
        } finally {
            try (Stream<Path> files = Files.walk(unpacked)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static List<Call> calls(List<Class<?>> classes) {
        List<String> applicationPaths = classes.stream()
                .filter(type -> type.isAnnotationPresent(ApplicationPath.class))
                .map(type -> type.getAnnotation(ApplicationPath.class).value()).toList();
        if (applicationPaths.size() != 1) {
            throw new IllegalStateException("one JAX-RS application expected, found " + applicationPaths);
        }
        String root = join("", applicationPaths.get(0));
        List<Call> calls = new ArrayList<>();
        for (Class<?> resource : classes) {
            jakarta.ws.rs.Path resourcePath = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (resourcePath == null || Modifier.isAbstract(resource.getModifiers())) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                if (httpMethod == null) {
                    if (methodPath != null) {
                        throw new IllegalStateException("a sub-resource locator, which this reader does not "
                                + "follow: " + method);
                    }
                    continue;
                }
                String path = join(join(root, resourcePath.value()), methodPath == null ? "" : methodPath.value());
                List<String> query = Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                        .filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value()).toList();
                calls.add(new Call(httpMethod, path, query,
                        resource.getSimpleName() + "." + method.getName()));
            }
        }
        calls.sort(Comparator.comparing(Call::path).thenComparing(Call::method));
        return calls;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins path segments as JAX-RS does, and writes a template {@code {id: regex}} as {@code {id}}. */
    private static String join(String left, String right) {
        String tail = right.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("^/+|/+$", "");
        String head = left.replaceAll("/+$", "");
        return tail.isEmpty() ? (head.isEmpty() ? "/" : head) : head + "/" + tail;
    }

    /**
     * Whether a class file names {@code @Path} or {@code @ApplicationPath}: only those are loaded, so that the WAR's
     * other classes need not find every API they use (MicroProfile Health, Faces ...) on this class path.
     */
    private static boolean namesJaxRsPaths(Path classFile) throws IOException {
        String constants = new String(Files.readAllBytes(classFile), java.nio.charset.StandardCharsets.ISO_8859_1);
        return constants.contains("Ljakarta/ws/rs/Path;") || constants.contains("Ljakarta/ws/rs/ApplicationPath;");
    }

    /** Unpacks the WAR's classes and libraries; returns the names of its classes. */
    private static List<String> unpack(Path war, Path into) throws IOException {
        List<String> classNames = new ArrayList<>();
        Files.createDirectories(into.resolve("WEB-INF/lib"));
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                boolean isClass = name.startsWith("WEB-INF/classes/") && name.endsWith(".class");
                boolean isLibrary = name.startsWith("WEB-INF/lib/") && name.endsWith(".jar");
                if (entry.isDirectory() || !(isClass || isLibrary)) {
                    continue;
                }
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("an entry outside the archive's folder: " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (isClass && namesJaxRsPaths(target)) {
                    classNames.add(name.substring("WEB-INF/classes/".length(), name.length() - ".class".length())
                            .replace('/', '.'));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return classNames;
    }
}
