package org.consilium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every startup bean starts after the schema migrations: the container starts startup beans
 * in any order it likes, so one that reads a table (the role mapping, the appliance
 * settings) could run before Flyway created it, and a first start on an empty database logged
 * its failure as a warning with a stack trace. {@code FirstStartIT} checks the log of such a
 * start on the real server.
 */
class StartupOrderTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyStartupBeanDependsOnTheSchemaMigrations() throws Exception {
        List<Class<?>> startupBeans = startupBeans();
        assertTrue(startupBeans.stream().map(Class::getSimpleName).toList()
                        .containsAll(List.of("SchemaMigrations", "RoleMappingSync", "SiemForwarder")),
                "the startup beans were not found: " + startupBeans);
        List<String> unordered = new ArrayList<>();
        for (Class<?> bean : startupBeans) {
            if (bean == SchemaMigrations.class) {
                continue;
            }
            DependsOn dependsOn = bean.getAnnotation(DependsOn.class);
            if (dependsOn == null || !Arrays.asList(dependsOn.value()).contains(migrationsBeanName())) {
                unordered.add(bean.getName());
            }
        }
        assertEquals(List.of(), unordered, "startup beans without @DependsOn(\"" + migrationsBeanName() + "\")");
    }

    @Test
    void theMigrationsAreAStartupSingletonOfThatName() {
        assertTrue(SchemaMigrations.class.isAnnotationPresent(Startup.class));
        assertEquals("SchemaMigrations", migrationsBeanName());
    }

    /** The EJB name @DependsOn refers to: the singleton's name, else its class's simple name. */
    private static String migrationsBeanName() {
        String name = SchemaMigrations.class.getAnnotation(Singleton.class).name();
        return name.isEmpty() ? SchemaMigrations.class.getSimpleName() : name;
    }

    private static List<Class<?>> startupBeans() throws IOException, ClassNotFoundException {
        List<Class<?>> beans = new ArrayList<>();
        ClassLoader loader = StartupOrderTest.class.getClassLoader();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(Startup.class)) {
                    beans.add(type);
                }
            }
        }
        return beans;
    }
}
